import type { Page } from '@playwright/test';

/** Records the page's layout shifts from its first paint on (call before `goto`). */
export async function watchLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shifts: number[] = [];
    Reflect.set(window, '__layoutShifts', shifts);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const value: unknown = Reflect.get(entry, 'value');
        if (typeof value === 'number') shifts.push(value);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/**
 * The sum of the layout shifts {@link watchLayoutShifts} recorded, read after two frames so a shift
 * the last change caused is counted; -1 when nothing was recorded.
 */
export async function layoutShiftTotal(page: Page): Promise<number> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
  return page.evaluate(() => {
    const shifts: unknown = Reflect.get(window, '__layoutShifts');
    return Array.isArray(shifts)
      ? shifts.reduce((sum: number, value: number) => sum + value, 0)
      : -1;
  });
}

import { ElementRef, type Signal, effect, inject } from '@angular/core';

/**
 * Keeps CSS custom properties (`--ps-primary`, …) on the current component's host element in step
 * with a signal: sets every property it holds and removes the ones it no longer holds. Call in a
 * component's injection context. A plain `effect()` with the CSSOM instead of a host `[style]`
 * binding, because Angular's style-binding runtime is not worth its bytes for this one use (measured
 * in the README's performance section); the values
 * must already be validated (see `brandStyle`).
 */
export function bindHostCustomProperties(
  properties: Signal<Readonly<Record<string, string>>>,
): void {
  const hostStyle = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement.style;
  let applied: readonly string[] = [];
  effect(() => {
    const current = properties();
    for (const name of applied) {
      if (!Object.hasOwn(current, name)) hostStyle.removeProperty(name);
    }
    for (const [name, value] of Object.entries(current)) hostStyle.setProperty(name, value);
    applied = Object.keys(current);
  });
}

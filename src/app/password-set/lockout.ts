import type { WritableSignal } from '@angular/core';

/**
 * A wait as a clock of minutes and seconds in the page's language and digits: `14:59`, `00:07`,
 * `90:00` for an hour and a half. Seconds are rounded up, so the clock never shows 00:00 while the
 * wait is still on.
 */
export function formatWait(seconds: number, language: string): string {
  const total = Math.max(0, Math.ceil(seconds));
  const twoDigits = new Intl.NumberFormat(language, {
    minimumIntegerDigits: 2,
    useGrouping: false,
  });
  return `${twoDigits.format(Math.floor(total / 60))}:${twoDigits.format(total % 60)}`;
}

/**
 * Counts a wait of `seconds` down into `left`, once a second, to 0. Read from the clock, not by
 * counting ticks: a background tab's timers are throttled. Returns the function that stops it.
 */
export function countDown(left: WritableSignal<number | null>, seconds: number): () => void {
  const end = Date.now() + seconds * 1000;
  left.set(seconds);
  const timer = setInterval(() => {
    const rest = Math.max(0, Math.ceil((end - Date.now()) / 1000));
    left.set(rest);
    if (rest === 0) clearInterval(timer);
  }, 1000);
  return () => clearInterval(timer);
}

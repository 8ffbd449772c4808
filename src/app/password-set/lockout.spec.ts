import { signal } from '@angular/core';
import { countDown, formatWait } from './lockout';

describe('formatWait', () => {
  it.each([
    [900, 'en', '15:00'],
    [125, 'en', '02:05'],
    [0.2, 'en', '00:01'],
    [5400, 'en', '90:00'],
    [0, 'en', '00:00'],
    [
      65,
      'ar',
      `${new Intl.NumberFormat('ar', { minimumIntegerDigits: 2 }).format(1)}:${new Intl.NumberFormat('ar', { minimumIntegerDigits: 2 }).format(5)}`,
    ],
  ])('%p s in %s → %s', (seconds, language, clock) => {
    expect(formatWait(seconds, language)).toBe(clock);
  });
});

describe('countDown', () => {
  afterEach(() => jest.useRealTimers());

  it('counts down from the clock to 0 and stops; stopping early stops the ticks', () => {
    jest.useFakeTimers({ now: 0 });
    const left = signal<number | null>(null);
    countDown(left, 3);
    expect(left()).toBe(3);
    // A throttled background tab: one late tick still shows the true time left.
    jest.setSystemTime(2_500);
    jest.advanceTimersByTime(1_000);
    expect(left()).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    const other = signal<number | null>(null);
    const stop = countDown(other, 60);
    stop();
    expect(jest.getTimerCount()).toBe(0);
  });
});

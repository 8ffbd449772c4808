/**
 * Flags for Debian's Chromium on these machines: no sandbox as root, no GPU, and none of the
 * background services that would try to reach the internet (without them Chromium stalls on start).
 * Used by the e2e tests, the benchmark and Lighthouse.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where Chromium is: `CHROME_PATH`, else Debian's package. */
export const CHROMIUM_PATH = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';

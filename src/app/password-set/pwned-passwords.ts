/**
 * The breached-password check, a lazy chunk the form loads once it is usable (and only when the
 * deployment configures a range API): a k-anonymity range lookup in the style of the Pwned Passwords
 * API (https://haveibeenpwned.com/API/v3#PwnedPasswords). The page hashes the password with SHA-1 and
 * sends only the first five hex characters of the hash; the API answers with every known suffix
 * under that prefix (`SUFFIX:COUNT` lines), and the page looks for its own suffix locally. With
 * `Add-Padding: true` (https://haveibeenpwned.com/API/v3#PwnedPasswordsPadding) the answer is padded
 * with `:0` entries to a similar size for every prefix, so its length tells an observer nothing;
 * they are not breaches and are ignored.
 *
 * Framework-free and importing nothing at run time: anything it shared with the initial bundle would
 * make the build split that code into a shared chunk, which costs the initial bundle more than it saves.
 */
import type { Fetch } from '../config/fetch';

/** How long the range API may take before the check gives up (it is advisory). */
export const RANGE_TIMEOUT_MS = 3000;

/** How long typing must pause before the new password is checked (leaving the field checks at once). */
export const CHECK_DEBOUNCE_MS = 600;

/** The upper-case hex SHA-1 of the UTF-8 bytes of an (already normalized) password. */
export async function sha1Hex(password: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(password));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

const RANGE_LINE = /^([0-9A-F]{35}):(\d+)$/i;

/**
 * How often `suffix` (35 upper-case hex characters) appears in a range answer: its count, or 0 when
 * it is absent or only padding. Throws on an answer that is not a range answer.
 */
export function countInRange(body: string, suffix: string): number {
  let count = 0;
  for (const line of body.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const match = RANGE_LINE.exec(trimmed);
    if (!match) throw new Error('not a range answer');
    if (match[1]?.toUpperCase() === suffix) count = Number(match[2]);
  }
  return count;
}

/**
 * How many times the (already normalized) password appears in the range API's breaches (0: not known
 * to be breached). Sends `GET <baseUrl>/range/<5 hex characters>` and nothing else: no body, no
 * cookies. Rejects on a network failure, a status other than 2xx, an answer that is not a range
 * answer, when `signal` aborts, and after {@link RANGE_TIMEOUT_MS}.
 */
export async function breachCount(
  fetch: Fetch,
  baseUrl: string,
  password: string,
  signal?: AbortSignal,
): Promise<number> {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  signal?.addEventListener('abort', abort);
  const timer = setTimeout(abort, RANGE_TIMEOUT_MS);
  try {
    const hash = await sha1Hex(password);
    const response = await fetch(`${baseUrl}/range/${hash.slice(0, 5)}`, {
      headers: { 'Add-Padding': 'true' },
      credentials: 'omit',
      signal: controller.signal,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return countInRange(await response.text(), hash.slice(5));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
}

/** What {@link watchBreaches} needs from the page. */
export interface BreachWatch {
  /** The new-password input. */
  readonly field: HTMLInputElement;
  /** The page's fetch. */
  readonly fetch: Fetch;
  /** The range API's base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** The policy's normalization (NFC): the password is checked as the page posts it. */
  readonly normalize: (password: string) => string;
  /**
   * Called with each password the range API reports as breached, and with `''` when the password
   * last checked is not; the page shows the warning only while the field still holds that password.
   */
  readonly report: (breached: string) => void;
}

/**
 * Checks the new password when the user leaves the field, or stops typing for
 * {@link CHECK_DEBOUNCE_MS}, if it is not empty and was not just checked (a password typed before
 * the watch started is checked after the same pause). A check under way is
 * cancelled by the next one; a failed check reports nothing (the warning is advisory) and lets the same
 * password be checked again. Returns the function that stops watching.
 */
export function watchBreaches({
  field,
  fetch,
  baseUrl,
  normalize,
  report,
}: BreachWatch): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let checked = '';
  let controller: AbortController | undefined;
  const check = async (): Promise<void> => {
    clearTimeout(timer);
    const password = field.value;
    if (password === '' || password === checked) return;
    checked = password;
    controller?.abort();
    const current = (controller = new AbortController());
    try {
      const count = await breachCount(fetch, baseUrl, normalize(password), current.signal);
      if (!current.signal.aborted) report(count > 0 ? password : '');
    } catch {
      if (checked === password) checked = '';
    }
  };
  const onInput = (): void => {
    clearTimeout(timer);
    timer = setTimeout(check, CHECK_DEBOUNCE_MS);
  };
  field.addEventListener('input', onInput);
  field.addEventListener('blur', check);
  // Typed before this chunk arrived (a fast user on a slow connection): checked after the same pause.
  if (field.value !== '') onInput();
  return () => {
    clearTimeout(timer);
    controller?.abort();
    field.removeEventListener('input', onInput);
    field.removeEventListener('blur', check);
  };
}

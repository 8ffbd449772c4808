import { isLoopbackHostname } from '../../src/contract/url-safety';
import type { LoginRequest } from './store';

/** The path every allowed redirect URI must have. */
export const CALLBACK_PATH = '/callback';

/**
 * Whether a redirect URI is registered for the demo client: exactly `http://<loopback host>:<port>/callback`
 * (`localhost`, `127.0.0.1` or `[::1]`, any port), with no credentials, query or fragment. Parsed with
 * `URL` rather than matched as text, so tricks like `http://localhost@evil.example/callback` fail.
 */
export function isAllowedRedirectUri(value: string | undefined): value is string {
  if (!value) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === 'http:' &&
    isLoopbackHostname(url.hostname) &&
    url.username === '' &&
    url.password === '' &&
    url.pathname === CALLBACK_PATH &&
    url.search === '' &&
    url.hash === '' &&
    // URL normalizes some spellings (e.g. `http://LOCALHOST/./callback`); accept only the canonical one.
    url.href === value
  );
}

/** The successful end of a login: `redirect_uri?code=…&state=…` (state only when the app sent one). */
export function callbackUrl(request: LoginRequest, code: string): string {
  const url = new URL(request.redirect_uri);
  url.searchParams.set('code', code);
  if (request.state !== undefined) url.searchParams.set('state', request.state);
  return url.href;
}

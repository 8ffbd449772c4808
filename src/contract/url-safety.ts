/**
 * The one URL-safety policy of the page and the servers: where a URL that carries passwords, tokens
 * or tenant content may point.
 */

/** The host names of this machine: the only ones where plain `http:` is accepted, for local development. */
export const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a host name (as `URL.hostname` spells it) is this machine. */
export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_HOSTNAMES.has(hostname);
}

/** Whether an origin such as `http://127.0.0.1:4200` is on this machine; `false` for anything unparsable. */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.origin === origin && isLoopbackHostname(url.hostname);
  } catch {
    return false;
  }
}

/**
 * Whether a URL may be used: `https:`, or `http:` on a loopback host when `allowLoopbackHttp` (local
 * development), and never with credentials in it.
 */
export function isSecureUrl(url: URL, allowLoopbackHttp: boolean): boolean {
  if (url.username !== '' || url.password !== '') return false;
  return (
    url.protocol === 'https:' ||
    (allowLoopbackHttp && url.protocol === 'http:' && isLoopbackHostname(url.hostname))
  );
}

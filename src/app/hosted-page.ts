import { DOCUMENT, InjectionToken, inject } from '@angular/core';

/** The hosted pages this app implements, by cidaas page key. */
export type HostedPage = 'password_set' | 'password_set_success';

/**
 * Which hosted page a path shows. cidaas serves its pages under `/identity/<key>`, custom deployments
 * often at `/<key>` or under a prefix; anything else shows password_set, which explains a broken link.
 */
export function hostedPageFor(pathname: string): HostedPage {
  return /(^|\/)password_set_success\/?$/.test(pathname) ? 'password_set_success' : 'password_set';
}

/** The hosted page this load shows, from the page's path (tests provide it). */
export const HOSTED_PAGE = new InjectionToken<HostedPage>('HOSTED_PAGE', {
  providedIn: 'root',
  factory: () => hostedPageFor(inject(DOCUMENT).location.pathname),
});

import { ChangeDetectionStrategy, Component, DOCUMENT, inject } from '@angular/core';
import { hostedPageFor } from './hosted-page';
import { PasswordSetPage } from './password-set/password-set-page';
import { PasswordSetSuccessPage } from './password-set-success/password-set-success-page';

/**
 * The root component: shows the hosted page for the URL's path. No router: each page is a full page
 * load from cidaas, so a path switch is all that is needed (and saves ~22 kB gzip). The success page is
 * part of the main bundle: as a deferred chunk it saved 0.8 kB but pulled in the `@defer` runtime
 * (~3.5 kB gzip) and a failure mode (a chunk gone after a redeploy) that an eager import does not have.
 */
@Component({
  selector: 'ps-root',
  imports: [PasswordSetPage, PasswordSetSuccessPage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (page === 'password_set_success') {
      <ps-password-set-success-page />
    } @else {
      <ps-password-set-page />
    }
  `,
})
export class App {
  protected readonly page = hostedPageFor(inject(DOCUMENT).location.pathname);
}

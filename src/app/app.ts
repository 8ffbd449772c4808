import { ChangeDetectionStrategy, Component, DOCUMENT, inject } from '@angular/core';
import { TranslatePipe } from './i18n/translate.pipe';
import { brandingFromClientInfo } from './branding/branding';
import { PageShell } from './branding/page-shell';
import { hostedPageFor } from './hosted-page';
import { PasswordSetPage } from './password-set/password-set-page';
import { PasswordSetSuccessPage } from './password-set-success/password-set-success-page';

/**
 * The root component: shows the hosted page for the URL's path. No router: each page is a full page
 * load from cidaas, so a path switch is all that is needed (and saves ~22 kB gzip). The rarely used
 * success page is a deferred chunk; if that chunk cannot load (e.g. gone after a redeploy), the user
 * gets a reload offer instead of a blank page.
 */
@Component({
  selector: 'ps-root',
  imports: [TranslatePipe, PageShell, PasswordSetPage, PasswordSetSuccessPage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (page === 'password_set_success') {
      @defer (on immediate) {
        <ps-password-set-success-page />
      } @error {
        <ps-page-shell [branding]="defaultBranding">
          <h1>{{ 'app.reloadHeading' | translate }}</h1>
          <p role="alert">{{ 'app.reloadBody' | translate }}</p>
          <button type="button" class="ps-button" (click)="reload()">{{ 'app.reload' | translate }}</button>
        </ps-page-shell>
      }
    } @else {
      <ps-password-set-page />
    }
  `,
})
export class App {
  private readonly document = inject(DOCUMENT);
  protected readonly page = hostedPageFor(this.document.location.pathname);
  protected readonly defaultBranding = brandingFromClientInfo(null, this.document.location.origin);

  /** Loads the same URL again, so the login session in it (`requestId`, …) is kept. */
  protected reload(): void {
    this.document.location.reload();
  }
}

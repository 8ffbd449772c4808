import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { focusOnChange } from '../a11y/focus-on-change';
import { PAGE_QUERY } from '../config/page-query';
import { bindHostCustomProperties } from '../branding/host-custom-properties';
import { themedBranding } from '../branding/themed-branding';
import { PageShell } from '../branding/page-shell';
import { CIDAAS_CLIENT } from '../cidaas/cidaas-client';
import type { ClientInfo } from '../../contract/cidaas-types';
import { setDocumentLanguage } from '../i18n/document-language';
import { DEFAULT_LANGUAGE, negotiateLanguage } from '../i18n/locale';
import { PageLoader } from '../password-set/page-loader';
import { isUuid } from '../../contract/page-params';

/**
 * The password_set_success hosted page (`/identity/password_set_success?requestId[&ui_locales]`),
 * where cidaas sends the user after a successful reset: confirms the change and offers to continue
 * to sign-in for the same login request (E12).
 */
@Component({
  selector: 'ps-password-set-success-page',
  imports: [TranslatePipe, PageShell],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ps-page-shell [branding]="branding()" [busy]="!ready()">
      @if (ready()) {
        <div class="success-icon" aria-hidden="true"></div>
        <h1 id="ps-page-heading" tabindex="-1">{{ 'success.heading' | translate }}</h1>
        <p>{{ 'success.body' | translate }}</p>
        @if (signInUrl; as url) {
          <a class="ps-button" [href]="url">{{ 'success.continue' | translate }}</a>
        } @else {
          <p>{{ 'success.returnToApp' | translate }}</p>
        }
      } @else {
        <p role="status" class="loading">{{ 'page.loading' | translate }}</p>
      }
    </ps-page-shell>
  `,
  styles: `
    .success-icon {
      inline-size: 2.5rem;
      block-size: 2.5rem;
      margin-block-end: 0.75rem;
      border-radius: 50%;
      background: var(--ps-success);
      mask: radial-gradient(circle, #000 62%, transparent 63%);
    }
    .loading {
      min-block-size: 8rem;
      color: var(--ps-text-muted);
    }
  `,
})
export class PasswordSetSuccessPage {
  private readonly document = inject(DOCUMENT);
  private readonly client = inject(CIDAAS_CLIENT);
  private readonly translate = inject(TranslateService);
  private readonly query = inject(PAGE_QUERY);

  private readonly requestId = ((value) => (isUuid(value) ? value : null))(this.query.get('requestId'));
  private readonly language = negotiateLanguage(this.query.get('ui_locales'), this.document.defaultView?.navigator.languages ?? []);
  private readonly clientInfo = signal<ClientInfo | null>(null);
  protected readonly ready = signal(false);
  protected readonly branding = themedBranding(this.clientInfo);
  protected readonly signInUrl = this.requestId ? this.client.resolveRedirectUrl(this.requestId) : null;

  constructor() {
    setDocumentLanguage(this.document, this.language);
    bindHostCustomProperties(computed(() => this.branding().style));
    focusOnChange(this.ready, 'ps-page-heading');
    inject(PageLoader)
      .loadBranding(this.requestId, this.language)
      .pipe(takeUntilDestroyed())
      .subscribe((clientInfo) => {
        setDocumentLanguage(this.document, this.translate.getCurrentLang() ?? DEFAULT_LANGUAGE);
        this.clientInfo.set(clientInfo);
        this.ready.set(true);
        const name = this.branding().displayName;
        const heading: unknown = this.translate.instant('success.title');
        const title = typeof heading === 'string' ? heading : 'success.title';
        this.document.title = name ? `${title} – ${name}` : title;
      });
  }
}

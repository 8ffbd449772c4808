import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { Branding } from './branding';

/**
 * The tenant's legal links (privacy, terms, imprint) and copyright line below the card. Links open in
 * a new tab, so the half-finished password change stays where it is; they carry no opener and no
 * referrer (the page URL holds the login track id).
 */
@Component({
  selector: 'ps-brand-footer',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (branding().links.length > 0) {
      <nav [attr.aria-label]="'footer.legal' | translate">
        <ul class="links">
          @for (link of branding().links; track link.kind) {
            <li>
              <a [href]="link.url" target="_blank" rel="noopener noreferrer"
                >{{ 'footer.' + link.kind | translate }}<span class="visually-hidden"> ({{ 'footer.newTab' | translate }})</span></a
              >
            </li>
          }
        </ul>
      </nav>
    }
    @if (branding().copyright; as copyright) {
      <p class="copyright">{{ copyright }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
      font-size: 0.875rem;
      text-align: center;
      color: var(--ps-text-muted);
    }
    .links {
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      gap: 0.25rem 1.25rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .links a {
      display: inline-block;
      padding-block: 0.25rem;
      color: var(--ps-link);
    }
    .copyright {
      margin: 0.25rem 0 0;
      overflow-wrap: anywhere;
    }
  `,
})
export class BrandFooter {
  /** The validated branding whose links and copyright to show. */
  readonly branding = input.required<Branding>();
}

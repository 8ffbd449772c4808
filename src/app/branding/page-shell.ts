import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { BrandFooter } from './brand-footer';
import { BrandHeader } from './brand-header';
import type { Branding } from './branding';

/**
 * The frame every hosted page shares: the tenant's brand and the content marked `shellHeader` (the
 * language switcher) in a compact header, a centered card that holds the page's content, the
 * tenant's legal links below, on the page background (a full-bleed image when the tenant has one).
 * The frame's geometry is global CSS (`.ps-shell`, `.ps-head`, `.ps-card` in `src/styles.css`), shared
 * with the boot card `index.html` paints before any script runs. Styles use only the tokens (`--ps-*`)
 * the page host sets from the validated branding.
 */
@Component({
  selector: 'ps-page-shell',
  imports: [BrandHeader, BrandFooter],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-background-image]': 'branding().backgroundUrl ? "" : null' },
  template: `
    <div class="ps-shell" [attr.data-busy]="busy() ? '' : null">
      <header class="ps-head">
        <ps-brand-header class="plate" [branding]="branding()" />
        <ng-content select="[shellHeader]" />
      </header>
      <main class="ps-card" [attr.aria-busy]="busy()">
        <ng-content />
      </main>
      @if (hasFooter()) {
        <footer class="plate">
          <ps-brand-footer [branding]="branding()" />
        </footer>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
      min-block-size: 100vh;
      min-block-size: 100dvh;
      font-family: var(--ps-font-family);
      color: var(--ps-text);
      background: var(--ps-page-bg) var(--ps-background-image, none) center / cover;
    }
    /* Plates keep their padding with or without a background image, so nothing moves when one arrives;
       over one, they get the card's surface, so their text stays readable. */
    .plate {
      padding: 0.5rem 0.75rem;
    }
    :host([data-background-image]) .plate {
      background: var(--ps-surface);
      border-radius: calc(var(--ps-radius) * 2);
      box-shadow: var(--ps-shadow);
    }
    @media (forced-colors: active) {
      :host {
        background-image: none;
      }
    }
  `,
})
export class PageShell {
  /** The validated tenant branding (with its theme applied). */
  readonly branding = input.required<Branding>();
  /** Whether the card's content is still loading. */
  readonly busy = input(false);
  /** Whether the tenant has legal links or a copyright line to show. */
  protected readonly hasFooter = computed(
    () => this.branding().links.length > 0 || this.branding().copyright !== null,
  );
}

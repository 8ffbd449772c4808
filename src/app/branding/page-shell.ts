import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { BrandFooter } from './brand-footer';
import { BrandHeader } from './brand-header';
import type { Branding } from './branding';

/**
 * The frame every hosted page shares: the tenant's brand above a centered card that holds the page's
 * content, the tenant's legal links below, on the page background (a full-bleed image when the
 * tenant has one). Content marked `shellHeader` (e.g. the language switcher) goes into the header.
 * Styles use only the tokens (`--ps-*`) the page host sets from the validated branding.
 */
@Component({
  selector: 'ps-page-shell',
  imports: [BrandHeader, BrandFooter],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[attr.data-background-image]': 'branding().backgroundUrl ? "" : null',
    '[attr.data-busy]': 'busy() ? "" : null',
  },
  template: `
    <div class="shell">
      <header class="brand plate">
        <ng-content select="[shellHeader]" />
        <ps-brand-header [branding]="branding()" />
      </header>
      <main class="card" [attr.aria-busy]="busy()">
        <ng-content />
      </main>
      @if (hasFooter()) {
        <footer class="footer plate">
          <ps-brand-footer [branding]="branding()" />
        </footer>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
      box-sizing: border-box;
      min-block-size: 100vh;
      min-block-size: 100dvh;
      font-family: var(--ps-font-family);
      color: var(--ps-text);
      background-color: var(--ps-page-bg);
      background-image: var(--ps-background-image, none);
      background-position: center;
      background-size: cover;
    }
    .shell {
      box-sizing: border-box;
      display: flex;
      flex-direction: column;
      gap: 1.25rem;
      max-inline-size: 28rem;
      margin-inline: auto;
      padding: clamp(1rem, 5vw, 3rem) 1rem 2rem;
    }
    .card {
      padding: clamp(1.25rem, 5vw, 2rem);
      background: var(--ps-surface);
      border: 1px solid var(--ps-border);
      border-radius: calc(var(--ps-radius) * 2);
      box-shadow: var(--ps-shadow);
    }
    /* Over a background image, the brand and the footer get the card's surface, so their text stays readable. */
    /* Plates keep their padding with or without a background image, so nothing moves when one arrives. */
    .plate {
      padding: 0.75rem 1rem;
    }
    /* While loading, the brand keeps room for a logo and a name: the card does not jump when they come. */
    :host([data-busy]) ps-brand-header {
      min-block-size: calc(var(--ps-logo-height) + 1.9375rem);
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
  protected readonly hasFooter = computed(() => this.branding().links.length > 0 || this.branding().copyright !== null);
}

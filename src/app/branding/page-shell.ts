import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { BrandHeader } from './brand-header';
import type { Branding } from './branding';

/**
 * The frame every hosted page shares: the tenant's brand above a centered card that holds the page's
 * content. Content marked `shellHeader` (e.g. the language switcher) goes into the header.
 */
@Component({
  selector: 'ps-page-shell',
  imports: [BrandHeader],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="shell">
      <header class="brand">
        <ng-content select="[shellHeader]" />
        <ps-brand-header [branding]="branding()" />
      </header>
      <main class="card" [attr.aria-busy]="busy()">
        <ng-content />
      </main>
    </div>
  `,
  styles: `
    :host {
      display: block;
      min-block-size: 100vh;
      min-block-size: 100dvh;
    }
    .shell {
      box-sizing: border-box;
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
  `,
})
export class PageShell {
  /** The validated tenant branding. */
  readonly branding = input.required<Branding>();
  /** Whether the card's content is still loading. */
  readonly busy = input(false);
}

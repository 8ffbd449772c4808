import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import type { Branding } from './branding';

/**
 * The tenant's logo and display name, at the start of the page's header. The logo's box has a fixed
 * size (the theme's logo height, at most 200 px wide, the image fitted inside), so nothing shifts
 * when it loads; the name goes under it.
 */
@Component({
  selector: 'ps-brand-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (branding().logoUrl; as logo) {
      <img [attr.data-failed]="failedLogo() === logo ? '' : null" [src]="logo" alt="" width="200" height="48" (error)="failedLogo.set(logo)" />
    }
    @if (branding().displayName; as name) {
      <p class="brand-name">{{ name }}</p>
    }
  `,
  styles: `
    :host {
      display: grid;
      justify-items: center;
      gap: 0.25rem;
      min-inline-size: 0;
      text-align: center;
    }
    /* Nothing to show (yet): no plate either. */
    :host(:empty) {
      visibility: hidden;
    }
    img {
      display: block;
      block-size: var(--ps-logo-height);
      inline-size: min(200px, 100%);
      object-fit: contain;
    }
    img[data-failed] {
      visibility: hidden;
    }
    .brand-name {
      margin: 0;
      font-weight: 700;
      overflow-wrap: anywhere;
    }
  `,
})
export class BrandHeader {
  /** The validated branding to show. */
  readonly branding = input.required<Branding>();
  /** The logo URL that failed to load: its box stays (no shift) but shows nothing. */
  protected readonly failedLogo = signal<string | null>(null);
}

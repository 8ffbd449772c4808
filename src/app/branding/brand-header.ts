import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { Branding } from './branding';

/** The tenant's logo and display name above the card. The logo's box is reserved, so nothing shifts. */
@Component({
  selector: 'ps-brand-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (branding().logoUrl; as logo) {
      <img class="logo" [src]="logo" alt="" width="160" height="48" />
    }
    @if (branding().displayName; as name) {
      <p class="brand-name">{{ name }}</p>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 0.5rem;
      margin-block-end: 1.25rem;
      min-block-size: 1.5rem;
    }
    .logo {
      display: block;
      block-size: 48px;
      inline-size: auto;
      max-inline-size: 160px;
      object-fit: contain;
    }
    .brand-name {
      margin: 0;
      font-weight: 700;
      font-size: 1.125rem;
      text-align: center;
      overflow-wrap: anywhere;
    }
  `,
})
export class BrandHeader {
  /** The validated branding to show. */
  readonly branding = input.required<Branding>();
}

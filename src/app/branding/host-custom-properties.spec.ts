import {
  ChangeDetectionStrategy,
  Component,
  provideZonelessChangeDetection,
  signal,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { bindHostCustomProperties } from './host-custom-properties';

@Component({
  selector: 'ps-styled-host',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '',
})
class StyledHost {
  readonly properties = signal<Readonly<Record<string, string>>>({
    '--ps-primary': '#0b1f44',
    '--ps-radius': '8px',
  });

  constructor() {
    bindHostCustomProperties(this.properties);
  }
}

async function setup() {
  TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
  const fixture = TestBed.createComponent(StyledHost);
  await fixture.whenStable();
  const host: HTMLElement = fixture.nativeElement;
  return { fixture, host };
}

describe('bindHostCustomProperties', () => {
  it('sets the custom properties on the host element before the first render is stable', async () => {
    const { host } = await setup();
    expect(host.style.getPropertyValue('--ps-primary')).toBe('#0b1f44');
    expect(host.style.getPropertyValue('--ps-radius')).toBe('8px');
  });

  it('updates changed values and removes the properties that are gone', async () => {
    const { fixture, host } = await setup();
    fixture.componentInstance.properties.set({
      '--ps-primary': '#7c3aed',
      '--ps-font-family': '"Inter", sans-serif',
    });
    await fixture.whenStable();
    expect(host.style.getPropertyValue('--ps-primary')).toBe('#7c3aed');
    expect(host.style.getPropertyValue('--ps-font-family')).toBe('"Inter", sans-serif');
    expect(host.style.getPropertyValue('--ps-radius')).toBe('');
  });

  it('leaves no custom property behind when the branding falls back to the default theme', async () => {
    const { fixture, host } = await setup();
    fixture.componentInstance.properties.set({});
    await fixture.whenStable();
    expect(host.getAttribute('style') ?? '').toBe('');
  });
});

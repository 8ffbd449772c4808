import {
  ChangeDetectionStrategy,
  Component,
  provideZonelessChangeDetection,
  signal,
} from '@angular/core';
import { render, screen } from '@testing-library/angular';
import { focusOnChange } from './focus-on-change';

@Component({
  selector: 'ps-focus-host',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button">Elsewhere</button>
    @switch (state()) {
      @case ('form') {
        <h1>Form</h1>
      }
      @case ('dead-end') {
        <h1 id="ps-page-heading" tabindex="-1">Dead end</h1>
      }
      @case ('failed') {
        <h1 id="ps-page-heading" tabindex="-1">Failed</h1>
      }
    }
  `,
})
class FocusHost {
  readonly state = signal<'loading' | 'form' | 'dead-end' | 'failed'>('loading');

  constructor() {
    focusOnChange(this.state, 'ps-page-heading');
  }
}

async function setup() {
  const { fixture } = await render(FocusHost, { providers: [provideZonelessChangeDetection()] });
  return { fixture, state: fixture.componentInstance.state };
}

describe('focusOnChange', () => {
  it('focuses the target once the view for the new state shows it', async () => {
    const { fixture, state } = await setup();
    state.set('dead-end');
    await fixture.whenStable();
    await expect(screen.findByRole('heading', { name: 'Dead end' })).resolves.toHaveFocus();
  });

  it('focuses the new target when one state with a target replaces another', async () => {
    const { fixture, state } = await setup();
    state.set('dead-end');
    await fixture.whenStable();
    state.set('failed');
    await fixture.whenStable();
    await Promise.resolve();
    expect(screen.getByRole('heading', { name: 'Failed' })).toHaveFocus();
  });

  it('leaves focus alone when the new view has no target', async () => {
    const { fixture, state } = await setup();
    const elsewhere = screen.getByRole('button', { name: 'Elsewhere' });
    elsewhere.focus();
    state.set('form');
    await fixture.whenStable();
    await Promise.resolve();
    expect(elsewhere).toHaveFocus();
  });
});

import { Component, provideZonelessChangeDetection, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ReactiveFormsModule } from '@angular/forms';
import { TranslateService } from '@ngx-translate/core';
import { fireEvent, render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { firstValueFrom } from 'rxjs';
import { englishTranslations } from '../../testing/english-translations';
import type { Message } from './field-messages';
import { PasswordField } from './password-field';
import {
  FIELD_INPUTS,
  PASSWORD_FIELDS,
  type PasswordFieldName,
  passwordForm,
} from './password-form';

/** The field inside a form of its own, with a submit button and another button to leave it for. */
@Component({
  imports: [ReactiveFormsModule, PasswordField],
  template: `
    <form [formGroup]="form" novalidate>
      <ps-password-field
        [controlName]="controlName()"
        [label]="label()"
        [message]="message()"
        [describedByExtra]="describedByExtra()"
        [readonly]="readonly()"
        [minLength]="minLength()"
        [passwordRules]="passwordRules()"
        (left)="leftCount = leftCount + 1"
      >
        <p id="extra-note">Projected note</p>
      </ps-password-field>
      <button type="button">Elsewhere</button>
      <button type="submit">Send</button>
    </form>
  `,
})
class Host {
  readonly form = passwordForm();
  controlName = signal<PasswordFieldName>('newPassword');
  readonly label = signal('Your new password');
  readonly message = signal<Message | null>(null);
  readonly describedByExtra = signal('');
  readonly readonly = signal(false);
  readonly minLength = signal<number | null>(null);
  readonly passwordRules = signal<string | null>(null);
  leftCount = 0;
}

/**
 * Renders the host with `field` (bound once: the page never rebinds a field to another control), then
 * applies `change` to its other inputs.
 */
async function setup(
  change: (host: Host) => void = () => undefined,
  field: PasswordFieldName = 'newPassword',
) {
  const { fixture } = await render(Host, {
    componentProperties: { controlName: signal(field) },
    providers: [provideZonelessChangeDetection(), ...englishTranslations()],
  });
  await firstValueFrom(TestBed.inject(TranslateService).use('en'));
  const host = fixture.componentInstance;
  /** Changes the host's inputs and renders. */
  const update = async (apply: (host: Host) => void) => {
    apply(host);
    fixture.detectChanges();
    await fixture.whenStable();
  };
  await update(change);
  const user = userEvent.setup();
  return { host, update, user, fixture };
}

const input = () => screen.getByLabelText('Your new password');
const describedBy = () => input().getAttribute('aria-describedby');
const MESSAGE: Message = { key: 'validation.policy' };
const MESSAGE_TEXT = 'Your new password does not meet all the requirements below.';

describe('PasswordField', () => {
  describe('ids, names and autocomplete from the form’s table', () => {
    it.each(
      PASSWORD_FIELDS.map((field) => [
        field,
        FIELD_INPUTS[field].id,
        FIELD_INPUTS[field].name,
        field === 'oldPassword' ? 'current-password' : 'new-password',
      ]),
    )('%s → id %s, name %s, autocomplete %s', async (field, id, name, autocomplete) => {
      const { host } = await setup(undefined, field);
      expect(input()).toHaveAttribute('id', id);
      expect(input()).toHaveAttribute('name', name);
      expect(input()).toHaveAttribute('autocomplete', autocomplete);
      // Bound to its own control: what is typed is the form's value for that field.
      await userEvent.setup().type(input(), 'abc');
      expect(host.form.controls[field].value).toBe('abc');
    });
  });

  it('is a password input without spell checking, auto-capitalization or a length limit', async () => {
    await setup((host) => {
      host.minLength.set(10);
      host.passwordRules.set('minlength: 10;');
    });
    expect(input()).toHaveAttribute('type', 'password');
    expect(input()).toHaveAttribute('spellcheck', 'false');
    expect(input()).toHaveAttribute('autocapitalize', 'off');
    expect(input()).toHaveAttribute('minlength', '10');
    expect(input()).toHaveAttribute('passwordrules', 'minlength: 10;');
    expect(input()).not.toHaveAttribute('maxlength');
  });

  it('leaves out minlength and passwordrules when the page has none', async () => {
    await setup();
    expect(input()).not.toHaveAttribute('minlength');
    expect(input()).not.toHaveAttribute('passwordrules');
  });

  describe('show/hide', () => {
    it('toggles the input type, the visible word and aria-pressed, under a name that stays', async () => {
      const { user } = await setup();
      const toggle = screen.getByRole('button', { name: 'Show Your new password' });
      expect(toggle).toHaveAttribute('type', 'button');
      expect(toggle).toHaveAttribute('aria-controls', 'ps-new-password');
      expect(toggle).toHaveAttribute('aria-pressed', 'false');
      expect(toggle).toHaveTextContent('Show');
      expect(input()).toHaveAttribute('type', 'password');

      await user.click(toggle);
      expect(input()).toHaveAttribute('type', 'text');
      expect(toggle).toHaveAttribute('aria-pressed', 'true');
      expect(toggle).toHaveTextContent('Hide');
      expect(toggle).not.toHaveTextContent('Show');
      // The state is aria-pressed; the name does not flip to "Hide …".
      expect(toggle).toHaveAccessibleName('Show Your new password');

      await user.click(toggle);
      expect(input()).toHaveAttribute('type', 'password');
      expect(toggle).toHaveAttribute('aria-pressed', 'false');
      expect(toggle).toHaveTextContent('Show');
    });

    it('names the toggle after the label it is given', async () => {
      const { update } = await setup();
      await update((host) => host.label.set('Repeat it'));
      expect(screen.getByRole('button', { name: 'Show Repeat it' })).toBeInTheDocument();
    });

    it('hides the password again when the page comes back from the back-forward cache', async () => {
      const { user, fixture } = await setup();
      await user.click(screen.getByRole('button', { name: 'Show Your new password' }));
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
      await fixture.whenStable();
      expect(input()).toHaveAttribute('type', 'text');
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      await fixture.whenStable();
      expect(input()).toHaveAttribute('type', 'password');
      expect(screen.getByRole('button', { name: 'Show Your new password' })).toHaveAttribute(
        'aria-pressed',
        'false',
      );
    });
  });

  describe('Caps Lock', () => {
    it('says politely that Caps Lock is on, describes the input with it, and stops when it is off', async () => {
      const { user } = await setup();
      const note = document.getElementById('ps-new-password-caps');
      expect(note).toHaveAttribute('aria-live', 'polite');
      expect(note).toBeEmptyDOMElement();
      expect(describedBy()).toBeNull();

      await user.click(input());
      await user.keyboard('{CapsLock}a');
      expect(note).toHaveTextContent('Caps Lock is on.');
      expect(describedBy()).toBe('ps-new-password-caps');
      expect(input()).toHaveAccessibleDescription('Caps Lock is on.');

      await user.keyboard('{CapsLock}b');
      expect(note).not.toHaveTextContent('Caps Lock is on.');
      expect(describedBy()).toBeNull();
    });

    it('forgets Caps Lock when the user leaves the field', async () => {
      const { user } = await setup();
      await user.click(input());
      await user.keyboard('{CapsLock}a');
      expect(describedBy()).toBe('ps-new-password-caps');
      await user.tab();
      expect(describedBy()).toBeNull();
      expect(screen.queryByText('Caps Lock is on.')).toBeNull();
    });

    it('ignores key events that carry no modifier state', async () => {
      const { user } = await setup();
      await user.click(input());
      await user.keyboard('{CapsLock}a');
      const event = new Event('keydown');
      input().dispatchEvent(event);
      expect(describedBy()).toBe('ps-new-password-caps');
    });
  });

  describe('the error message', () => {
    it('without a message: no error element, not invalid, described by nothing', async () => {
      const { fixture } = await setup();
      expect(document.getElementById('ps-new-password-error')).toBeNull();
      expect(input()).not.toHaveAttribute('aria-invalid');
      expect(input()).not.toHaveAttribute('required');
      expect(describedBy()).toBeNull();
      expect(fixture.nativeElement.querySelector('ps-password-field')).not.toHaveAttribute(
        'data-invalid',
      );
    });

    it('with a message: shows it translated, marks the input invalid and describes it first', async () => {
      const { fixture } = await setup((host) => {
        host.message.set({ key: 'validation.maxlength', params: { count: 64 } });
        host.describedByExtra.set('extra-note');
      });
      const error = document.getElementById('ps-new-password-error');
      expect(error).toHaveTextContent('64');
      expect(input()).toHaveAttribute('aria-invalid', 'true');
      expect(describedBy()).toBe('ps-new-password-error extra-note');
      expect(fixture.nativeElement.querySelector('ps-password-field')).toHaveAttribute(
        'data-invalid',
        '',
      );
    });

    it('orders the descriptions: the error, the extra ones, then Caps Lock', async () => {
      const { user } = await setup((host) => {
        host.message.set(MESSAGE);
        host.describedByExtra.set('extra-note');
      });
      await user.click(input());
      await user.keyboard('{CapsLock}a');
      expect(describedBy()).toBe('ps-new-password-error extra-note ps-new-password-caps');
      expect(input()).toHaveAccessibleDescription(
        `${MESSAGE_TEXT} Projected note Caps Lock is on.`,
      );
    });

    it('takes the message and its attributes away when the message goes', async () => {
      const { update } = await setup((host) => host.message.set(MESSAGE));
      expect(screen.getByText(MESSAGE_TEXT)).toBeInTheDocument();
      await update((host) => host.message.set(null));
      expect(screen.queryByText(MESSAGE_TEXT)).toBeNull();
      expect(input()).not.toHaveAttribute('aria-invalid');
      expect(describedBy()).toBeNull();
    });
  });

  it('is read-only while the form is submitted, and editable again after', async () => {
    const { update } = await setup((host) => host.readonly.set(true));
    expect(input()).toHaveAttribute('readonly');
    await update((host) => host.readonly.set(false));
    expect(input()).not.toHaveAttribute('readonly');
  });

  it('projects extra content (the rule checklist) below the input', async () => {
    await setup();
    const note = screen.getByText('Projected note');
    expect(input().compareDocumentPosition(note) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  describe('left', () => {
    it('fires when the user leaves the field for anything but the submit button', async () => {
      const { host, user } = await setup();
      await user.click(input());
      expect(host.leftCount).toBe(0);
      await user.click(screen.getByRole('button', { name: 'Elsewhere' }));
      expect(host.leftCount).toBe(1);
      await user.click(input());
      // The show/hide toggle is a button too, but not the submit button.
      await user.click(screen.getByRole('button', { name: 'Show Your new password' }));
      expect(host.leftCount).toBe(2);
      await user.click(input());
      await user.click(document.body);
      expect(host.leftCount).toBe(3);
    });

    it('does not fire when the user leaves the field for the submit button', async () => {
      const { host, user } = await setup();
      await user.click(input());
      await user.click(screen.getByRole('button', { name: 'Send' }));
      expect(host.leftCount).toBe(0);
      // Tabbing from the field goes to its show/hide toggle first: that is leaving it.
      await user.click(input());
      await user.tab();
      expect(screen.getByRole('button', { name: 'Show Your new password' })).toHaveFocus();
      expect(host.leftCount).toBe(1);
    });

    it('leaving by a mouse press fires at the release, so its message cannot move the pressed button from under the pointer', async () => {
      const { fixture, host, user } = await setup();
      const whenStable = () => fixture.whenStable();
      await user.click(input());
      const toggle = screen.getByRole('button', { name: 'Show Your new password' });
      await user.pointer({ keys: '[MouseLeft>]', target: toggle });
      expect(toggle).toHaveFocus();
      expect(host.leftCount).toBe(0);
      await user.pointer({ keys: '[/MouseLeft]', target: toggle });
      expect(host.leftCount).toBe(1);
      await whenStable();
      expect(toggle).toHaveAttribute('aria-pressed', 'true');
    });

    it('does not fire (nor warn of an emit after destroy) for a field removed during the press', async () => {
      const warn = jest.spyOn(console, 'warn');
      const { fixture, host, user } = await setup();
      await user.click(input());
      await user.pointer({
        keys: '[MouseLeft>]',
        target: screen.getByRole('button', { name: 'Elsewhere' }),
      });
      const left = host.leftCount;
      fixture.destroy();
      await user.pointer({ keys: '[/MouseLeft]', target: document.body });
      expect(host.leftCount).toBe(left);
      expect(warn).not.toHaveBeenCalled();
      warn.mockRestore();
    });

    it('decides by the blur’s relatedTarget: a submit button holds it back, anything else lets it through', async () => {
      const { host } = await setup();
      const submit = screen.getByRole('button', { name: 'Send' });
      fireEvent.blur(input(), { relatedTarget: submit });
      expect(host.leftCount).toBe(0);
      fireEvent.blur(input(), { relatedTarget: null });
      expect(host.leftCount).toBe(1);
      fireEvent.blur(input(), {
        relatedTarget: screen.getByRole('button', { name: 'Elsewhere' }),
      });
      expect(host.leftCount).toBe(2);
    });
  });
});

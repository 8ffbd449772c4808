import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { Message } from './field-messages';
import type { PasswordControl } from './password-form';

/**
 * One password field: label, error message, the input, a show/hide toggle that names the field, and a
 * polite Caps Lock warning. Paste and autofill are never blocked. Extra content (the rule checklist)
 * is projected below the input. Coming back through the back-forward cache hides the password again.
 */
@Component({
  selector: 'ps-password-field',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './password-field.html',
  styleUrl: './password-field.css',
  host: { '[attr.data-invalid]': "message() ? '' : null", '(window:pageshow)': 'onPageShow($event)' },
})
export class PasswordField {
  /** The form control behind the input. */
  readonly control = input.required<PasswordControl>();
  /** The input's id; the error and Caps Lock notes derive theirs from it. */
  readonly inputId = input.required<string>();
  /** The visible label. */
  readonly label = input.required<string>();
  /** The form field name (what a real form submission would use). */
  readonly name = input.required<string>();
  /** `current-password` or `new-password`. */
  readonly autocomplete = input.required<'current-password' | 'new-password'>();
  /** The error to show under the label, or `null`. */
  readonly message = input<Message | null>(null);
  /** Ids of further descriptions (e.g. the rule checklist). */
  readonly describedByExtra = input<readonly string[]>([]);
  /** The `passwordrules` hint for password managers. */
  readonly passwordRules = input<string | null>(null);
  /** `minlength` attribute. */
  readonly minLength = input<number | null>(null);
  /** `maxlength` attribute. */
  readonly maxLength = input<number | null>(null);

  /** Whether the password is shown as text. */
  protected readonly visible = signal(false);
  /** Whether Caps Lock is on while typing here. */
  protected readonly capsLock = signal(false);

  protected describedBy(): string | null {
    const ids = [...this.describedByExtra()];
    if (this.message()) ids.unshift(`${this.inputId()}-error`);
    if (this.capsLock()) ids.push(`${this.inputId()}-caps`);
    return ids.length > 0 ? ids.join(' ') : null;
  }

  protected toggle(): void {
    this.visible.update((visible) => !visible);
  }

  protected onInput(event: Event): void {
    if (!(event.target instanceof HTMLInputElement)) return;
    this.control().value.set(event.target.value);
    this.control().dirty.set(true);
  }

  protected onBlur(event: FocusEvent): void {
    this.capsLock.set(false);
    // Going to the submit button: the submit shows every message. Showing this one now would push
    // the button down between press and release, and the click would be lost.
    if (event.relatedTarget instanceof HTMLButtonElement && event.relatedTarget.type === 'submit') return;
    this.control().touched.set(true);
  }

  protected onKey(event: KeyboardEvent): void {
    // Some key events (synthetic or from IMEs) carry no modifier state.
    if (typeof event.getModifierState === 'function') this.capsLock.set(event.getModifierState('CapsLock'));
  }

  /** A page restored from the back-forward cache shows no password in clear text. */
  protected onPageShow(event: PageTransitionEvent): void {
    if (event.persisted) this.visible.set(false);
  }
}

import { ChangeDetectionStrategy, Component, ElementRef, input, output, signal, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { TranslatePipe } from '../i18n/translate.pipe';
import type { Message } from './field-messages';

/**
 * One password field: label, error message, the input, a show/hide toggle that names the field, and a
 * polite Caps Lock warning. Paste and autofill are never blocked. Extra content (the rule checklist)
 * is projected below the input.
 */
@Component({
  selector: 'ps-password-field',
  imports: [ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './password-field.html',
  styleUrl: './password-field.css',
  host: { '[attr.data-invalid]': "message() ? '' : null" },
})
export class PasswordField {
  /** The form control behind the input. */
  readonly control = input.required<FormControl<string>>();
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
  /** Emits when the user changes the value. */
  readonly edited = output<void>();

  /** Whether the password is shown as text. */
  protected readonly visible = signal(false);
  /** Whether Caps Lock is on while typing here. */
  protected readonly capsLock = signal(false);
  private readonly inputElement = viewChild.required<ElementRef<HTMLInputElement>>('input');

  protected describedBy(): string | null {
    const ids = [...this.describedByExtra()];
    if (this.message()) ids.unshift(`${this.inputId()}-error`);
    if (this.capsLock()) ids.push(`${this.inputId()}-caps`);
    return ids.length > 0 ? ids.join(' ') : null;
  }

  protected toggle(): void {
    this.visible.update((visible) => !visible);
  }

  protected onKey(event: KeyboardEvent): void {
    // Some key events (synthetic or from IMEs) carry no modifier state.
    if (typeof event.getModifierState === 'function') this.capsLock.set(event.getModifierState('CapsLock'));
  }

  /** Moves focus to the input. */
  focus(): void {
    this.inputElement().nativeElement.focus();
  }

  /** Hides the password again (e.g. when the page comes back from the back-forward cache). */
  conceal(): void {
    this.visible.set(false);
  }
}

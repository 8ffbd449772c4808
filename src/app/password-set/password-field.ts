import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { ControlContainer, ReactiveFormsModule } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import type { Message } from './field-messages';
import { FIELD_INPUTS, type PasswordFieldName } from './password-form';
import { PointerPress } from './pointer-press';

/**
 * One password field: label, error message, the input bound to the form's control by
 * `formControlName`, a show/hide toggle that names the field, and a polite Caps Lock warning (and
 * note, see {@link PasswordField.note}). Paste
 * and autofill are never blocked. Extra content (the rule checklist) is projected below the input.
 * Coming back through the back-forward cache hides the password again.
 */
@Component({
  selector: 'ps-password-field',
  imports: [ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './password-field.html',
  styleUrl: './password-field.css',
  host: {
    '[attr.data-invalid]': "message() ? '' : null",
    '(window:pageshow)': 'onPageShow($event)',
  },
  // `formControlName` in this template finds the enclosing form's `[formGroup]`.
  viewProviders: [
    { provide: ControlContainer, useFactory: () => inject(ControlContainer, { skipSelf: true }) },
  ],
})
export class PasswordField {
  /** The name of the form control behind the input. */
  readonly controlName = input.required<PasswordFieldName>();
  /** The visible label. */
  readonly label = input.required<string>();
  /** The error to show under the label, or `null`. */
  readonly message = input<Message | null>(null);
  /** Ids of further descriptions (e.g. the strength meter, the rule checklist), space-separated as in `aria-describedby`. */
  readonly describedByExtra = input('');
  /** The `passwordrules` hint for password managers. */
  readonly passwordRules = input<string | null>(null);
  /** `minlength` attribute. */
  readonly minLength = input<number | null>(null);
  /**
   * Whether the input is read-only (while the form is being submitted). There is no `maxlength`: it
   * counts UTF-16 units and cuts a pasted password silently; a too-long password is a rule error.
   */
  readonly readonly = input(false);
  /**
   * An advisory note under the input (a translation key), such as the warning that the password is
   * known from data breaches: announced politely with the Caps Lock warning, never an error.
   */
  readonly note = input<string | null>(null);
  /**
   * The user left the field, other than for the submit button: from then on its errors may show
   * (see `shownErrors`). Going to the button, the submit shows every message; showing this one
   * already would push the button down between press and release, and the click would be lost.
   * Leaving it by pressing anything else (its own "Show" toggle, a link below), it fires at the
   * release, for the same reason (see {@link PointerPress}).
   */
  readonly left = output<void>();

  /** The input's id and form name; the error and Caps Lock notes derive their ids from the id. */
  protected readonly input = computed(() => FIELD_INPUTS[this.controlName()]);
  /** Whether the password is shown as text. */
  protected readonly visible = signal(false);
  /** Whether Caps Lock is on while typing here. */
  protected readonly capsLock = signal(false);

  private readonly pointerPress = inject(PointerPress);
  private readonly destroyRef = inject(DestroyRef);

  protected describedBy(): string | null {
    const ids = this.describedByExtra().split(' ').filter(Boolean);
    if (this.message()) ids.unshift(`${this.input().id}-error`);
    if (this.capsLock() || this.note()) ids.push(`${this.input().id}-caps`);
    return ids.length > 0 ? ids.join(' ') : null;
  }

  protected toggle(): void {
    this.visible.update((visible) => !visible);
  }

  protected onBlur(event: FocusEvent): void {
    this.capsLock.set(false);
    if (event.relatedTarget instanceof HTMLButtonElement && event.relatedTarget.type === 'submit')
      return;
    this.pointerPress.afterRelease(() => this.left.emit(), this.destroyRef);
  }

  protected onKey(event: KeyboardEvent): void {
    // Some key events (synthetic or from IMEs) carry no modifier state.
    if (typeof event.getModifierState === 'function')
      this.capsLock.set(event.getModifierState('CapsLock'));
  }

  /** A page restored from the back-forward cache shows no password in clear text. */
  protected onPageShow(event: PageTransitionEvent): void {
    if (event.persisted) this.visible.set(false);
  }
}

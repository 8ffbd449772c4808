import { ChangeDetectionStrategy, Component, computed, effect, input, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { PolicyRule, evaluatePassword } from '../../contract/password-policy';

/** How a rule is shown: not yet judged (nothing typed), met, or not met. */
export type RuleState = 'pending' | 'met' | 'unmet';

/** The translation parameters of a rule's message, e.g. `{ count: 10 }` for "at least 10 characters". */
export function ruleMessageParams(rule: PolicyRule): { count?: number } {
  switch (rule.id) {
    case 'minimumLength':
    case 'noOfDigits':
    case 'noOfSpecialChars':
      return { count: rule.min };
    case 'maximumLength':
      return { count: rule.max };
    case 'lowerAndUpperCase':
      return {};
  }
}

/** How long typing must pause before the summary is announced, so screen readers are not flooded. */
export const LIVE_SUMMARY_DELAY_MS = 700;

/**
 * The live list of password rules under the new-password field. Each rule states its state in text
 * (not by colour or icon alone) and exposes it as `data-state` for styling. Screen readers hear one
 * debounced, polite summary ("2 of 5 requirements met") instead of the whole list on every key.
 */
@Component({
  selector: 'ps-rule-checklist',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="heading" [id]="listId() + '-heading'">{{ 'rules.heading' | translate }}</p>
    <ul [attr.aria-labelledby]="listId() + '-heading'">
      @for (item of items(); track item.rule.id) {
        <li [attr.data-state]="item.state" [attr.data-rule]="item.rule.id">
          <span class="icon" aria-hidden="true"></span>
          <span class="text">{{ 'rules.' + item.rule.id | translate: item.params }}</span>
          <span class="visually-hidden">({{ 'rules.state.' + item.state | translate }})</span>
        </li>
      }
    </ul>
    <p class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="rules-live-summary">
      @if (announcement(); as counts) {
        {{ 'rules.summary' | translate: counts }}
      }
    </p>
  `,
  styleUrl: './rule-checklist.css',
})
export class RuleChecklist {
  /** The rules to list, in display order. */
  readonly rules = input.required<readonly PolicyRule[]>();
  /** The password typed so far. */
  readonly password = input.required<string>();
  /** Whether to show unmet rules as errors even before anything is typed (after a submit attempt). */
  readonly showErrors = input(false);
  /** The id of the list, so the password field can reference it with `aria-describedby`. */
  readonly listId = input.required<string>();

  /** The counts last announced in the live region; `null` before the user types. */
  protected readonly announcement = signal<{ met: number; total: number } | null>(null);

  constructor() {
    effect((onCleanup) => {
      const items = this.items();
      if (this.password() === '') {
        this.announcement.set(null);
        return;
      }
      const counts = { met: items.filter((item) => item.state === 'met').length, total: items.length };
      const timer = setTimeout(() => this.announcement.set(counts), LIVE_SUMMARY_DELAY_MS);
      onCleanup(() => clearTimeout(timer));
    });
  }

  protected readonly items = computed(() => {
    const password = this.password();
    const judged = password !== '' || this.showErrors();
    return evaluatePassword(password, this.rules()).map((result) => ({
      rule: result.rule,
      params: ruleMessageParams(result.rule),
      state: (judged ? (result.met ? 'met' : 'unmet') : 'pending') satisfies RuleState,
    }));
  });
}

import { ChangeDetectionStrategy, Component, computed, effect, input, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { PolicyRule, type PolicyRuleId, evaluatePassword } from '../../contract/password-policy';
import type { ServerCheck } from './page-data';

/**
 * How a rule is shown: met, not met (only once the user has left the field or tried to submit), or
 * neither yet (`pending`: nothing typed, or still typing); a rule only the server checks is `server`
 * ("checked when you continue") until the server rejects a password for it (`unmet`).
 */
export type RuleState = 'pending' | 'met' | 'unmet' | 'server';

/** The translation parameters of a rule's message, e.g. `{ count: 10 }` for "at least 10 characters". */
export function ruleMessageParams(rule: PolicyRule): { count?: number } {
  return 'min' in rule ? { count: rule.min } : 'max' in rule ? { count: rule.max } : {};
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
    <!-- One checklist per page: its ids are fixed. -->
    <p class="heading" id="ps-rules-heading">{{ 'rules.heading' | translate }}</p>
    <ul aria-labelledby="ps-rules-heading">
      @for (item of items(); track item.id) {
        <li [attr.data-state]="item.state" [attr.data-rejected]="item.id === rejected() ? '' : null">
          <span class="icon" aria-hidden="true"></span>
          <span class="text">{{ 'rules.' + item.id | translate: item.params }}</span>
          <span [class.visually-hidden]="item.state !== 'server'">({{ 'rules.state.' + item.state | translate }})</span>
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
  /**
   * Whether rules not met show as such (red): once the user has left the field or tried to submit.
   * Until then they stay neutral while the user types; a rule met turns green at once.
   */
  readonly showUnmet = input(false);
  /** The rules only the server checks, listed after {@link rules} as "checked when you continue". */
  readonly serverChecks = input<readonly ServerCheck[]>([]);
  /**
   * The rule the server rejected the last password for, shown as not met (and marked) until the user
   * types a new password; `null` when none.
   */
  readonly rejected = input<PolicyRuleId | ServerCheck | null>(null);

  /** The counts last announced in the live region; `null` before the user types. */
  protected readonly announcement = signal<{ met: number; total: number } | null>(null);

  constructor() {
    effect((onCleanup) => {
      const items = this.items();
      if (this.password() === '') {
        this.announcement.set(null);
        return;
      }
      const counts = {
        met: items.filter((item) => item.state === 'met').length,
        total: this.rules().length,
      };
      const timer = setTimeout(() => this.announcement.set(counts), LIVE_SUMMARY_DELAY_MS);
      onCleanup(() => clearTimeout(timer));
    });
  }

  protected readonly items = computed(() => {
    const password = this.password();
    const showUnmet = this.showUnmet();
    const rejected = this.rejected();
    const state = (id: string, met: boolean | null): RuleState =>
      id === rejected
        ? 'unmet'
        : met === null
          ? 'server'
          : met && password
            ? 'met'
            : !met && showUnmet
              ? 'unmet'
              : 'pending';
    return [
      ...evaluatePassword(password, this.rules()).map((result) => ({
        id: result.rule.id,
        params: ruleMessageParams(result.rule),
        state: state(result.rule.id, result.met),
      })),
      // What only the server checks: "checked when you continue", until it rejected a password for it.
      ...this.serverChecks().map((id) => ({ id, params: {}, state: state(id, null) })),
    ];
  });
}

import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslateService } from '@ngx-translate/core';
import { render, screen, within } from '@testing-library/angular';
import { firstValueFrom } from 'rxjs';
import { rulesFromPolicy } from '../../contract/password-policy';
import { englishTranslations } from '../../testing/english-translations';
import type { ServerCheck } from './page-data';
import { RuleChecklist, type RuleState, ruleMessageParams } from './rule-checklist';

const RULES = rulesFromPolicy({ minimumLength: 10, maximumLength: 64, noOfDigits: 1 });

async function setup(inputs: {
  password: string;
  showUnmet: boolean;
  serverChecks?: readonly ServerCheck[];
  rejected?: ServerCheck | null;
}) {
  await render(RuleChecklist, {
    inputs: { rules: RULES, serverChecks: [], rejected: null, ...inputs },
    providers: [provideZonelessChangeDetection(), ...englishTranslations()],
  });
  await firstValueFrom(TestBed.inject(TranslateService).use('en'));
  const list = await screen.findByRole('list', { name: 'Your new password needs:' });
  return (text: RegExp) => within(list).getByText(text).closest('li');
}

describe('RuleChecklist', () => {
  it.each<[string, string, boolean, RuleState, RuleState, RuleState, string]>([
    ['nothing typed', '', false, 'pending', 'pending', 'pending', '(not yet met)'],
    [
      'typing: only what is met changes (green), nothing turns red',
      'abc1',
      false,
      'pending',
      'met',
      'met',
      '(not yet met)',
    ],
    [
      'the field left with something typed, or a submit: unmet rules turn red',
      'abc1',
      true,
      'unmet',
      'met',
      'met',
      '(not met)',
    ],
    [
      'a submit with nothing typed: nothing counts as met',
      '',
      true,
      'unmet',
      'unmet',
      'pending',
      '(not met)',
    ],
    ['every rule met', 'abcdefghi1', false, 'met', 'met', 'met', '(met)'],
  ])('%s', async (_, password, showUnmet, length, digit, maximum, lengthText) => {
    const rule = await setup({ password, showUnmet });
    expect(rule(/At least 10 characters/)).toHaveAttribute('data-state', length);
    expect(rule(/At least 1 digit/)).toHaveAttribute('data-state', digit);
    expect(rule(/No more than 64 characters/)).toHaveAttribute('data-state', maximum);
    // The state is in the text too (visually hidden unless it is "checked when you continue"), not in colour only.
    expect(rule(/At least 10 characters/)).toHaveTextContent(lengthText);
  });

  it('lists what only the server checks as "checked when you continue", and a rejected one as not met', async () => {
    const rule = await setup({
      password: '',
      showUnmet: false,
      serverChecks: ['passwordHistory', 'breachedPassword'],
      rejected: 'breachedPassword',
    });
    expect(rule(/Not one of your recent passwords/)).toHaveAttribute('data-state', 'server');
    expect(rule(/Not one of your recent passwords/)).toHaveTextContent(
      '(checked when you continue)',
    );
    expect(rule(/known from data breaches/)).toHaveAttribute('data-state', 'unmet');
    expect(rule(/known from data breaches/)).toHaveAttribute('data-rejected', '');
  });
});

describe('ruleMessageParams', () => {
  it.each([
    [{ id: 'minimumLength', min: 10 }, { count: 10 }],
    [{ id: 'maximumLength', max: 64 }, { count: 64 }],
    [{ id: 'noOfDigits', min: 2 }, { count: 2 }],
    [{ id: 'noOfSpecialChars', min: 1 }, { count: 1 }],
    [{ id: 'lowerAndUpperCase' }, {}],
  ] as const)('%o → %o', (rule, params) => {
    expect(ruleMessageParams(rule)).toEqual(params);
  });
});

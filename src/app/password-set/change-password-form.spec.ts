import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslateService } from '@ngx-translate/core';
import { render, screen, waitFor, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { firstValueFrom } from 'rxjs';
import type { PreloginMetadata } from '../../contract/cidaas-types';
import type { SubmitTarget, UrlError } from '../../contract/page-params';
import { rulesFromPolicy } from '../../contract/password-policy';
import type { ApiError } from '../cidaas/api-error';
import { CIDAAS_CLIENT, type CidaasClient } from '../cidaas/cidaas-client';
import { englishTranslations } from '../../testing/english-translations';
import { ChangePasswordForm } from './change-password-form';
import type { PageData } from './page-data';
import { type PasswordsToSubmit, PasswordSubmitter, type SubmitOutcome } from './submitter';

/** How often the form asked for the strength meter's chunk, which fails to load here (see below). */
const mockStrengthChunk = { loads: 0 };
// The strength meter's chunk failing to load (as on a flaky network): the form must not notice.
jest.mock('./password-strength', () => {
  mockStrengthChunk.loads += 1;
  throw new Error('Failed to fetch dynamically imported module');
});

const LSID = '1ea61648-fbe7-4673-bb8b-18a06d8addd8';
const REQUEST_ID = '9080d117-43e2-4a03-8215-a9f7a03e2999';
const FORGOT_URL = 'https://acme.example/identity/password_forgot_init?for=test';

const TARGETS: Readonly<Record<SubmitTarget['mode'], SubmitTarget>> = {
  change: { mode: 'change', lsid: LSID },
  reset: { mode: 'reset', rprq: '3b0d7c1e-2f4a-4c6b-9d8e-7f6a5b4c3d2e', exchangeId: 'x-1' },
  auth0: { mode: 'auth0', sessionToken: 'token', state: 'state-1' },
};
const METADATA: PreloginMetadata = {
  precheck: 'password_change',
  username: 'new.user@example.com',
  reason: 'admin_required',
};

function pageData(mode: SubmitTarget['mode'] = 'change'): PageData {
  return {
    target: TARGETS[mode],
    requestId: mode === 'auth0' ? null : REQUEST_ID,
    exitUrl: 'https://acme.example/exit',
    clientInfo: { client_display_name: 'Acme Demo' },
    fields: { newPassword: null, confirmPassword: null },
    metadata: mode === 'change' ? METADATA : null,
    rules: rulesFromPolicy({ minimumLength: 10, noOfDigits: 1 }),
    serverChecks: [],
  };
}

const VALID = {
  oldPassword: 'Welcome-2026',
  newPassword: 'Brand-new-2026!',
  confirmPassword: 'Brand-new-2026!',
} as const;

/** A promise the test settles when it wants to. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

/**
 * The form with a real TranslateService fed English from memory, a fake cidaas client (only the
 * forgot-password URL is used) and a fake submitter whose outcome the test decides.
 */
async function setup(
  options: { mode?: SubmitTarget['mode']; urlError?: UrlError | null; data?: PageData } = {},
) {
  const outcome = deferred<SubmitOutcome>();
  const submitter = {
    submit: jest.fn<Promise<SubmitOutcome>, [SubmitTarget, string | null, PasswordsToSubmit]>(
      () => outcome.promise,
    ),
  };
  const client = {
    passwordForgotInitUrl: jest.fn<string, [string, string?]>(() => FORGOT_URL),
  };
  const expired = jest.fn<void, []>();
  const { fixture } = await render(ChangePasswordForm, {
    inputs: {
      data: options.data ?? pageData(options.mode),
      urlError: options.urlError ?? null,
    },
    on: { expired },
    providers: [
      provideZonelessChangeDetection(),
      ...englishTranslations(),
      { provide: CIDAAS_CLIENT, useValue: client as Partial<CidaasClient> },
      { provide: PasswordSubmitter, useValue: submitter },
    ],
  });
  await firstValueFrom(TestBed.inject(TranslateService).use('en'));
  await fixture.whenStable();
  const user = userEvent.setup();
  return { fixture, submitter, client, expired, outcome, user };
}

const field = {
  current: () => screen.getByLabelText('Current password'),
  new: () => screen.getByLabelText('New password'),
  confirm: () => screen.getByLabelText('Confirm new password'),
};
const submitButton = () => screen.getByRole('button', { name: /Set new password|Saving/ });

async function fillValid(user: ReturnType<typeof userEvent.setup>, withCurrent = true) {
  if (withCurrent) await user.type(field.current(), VALID.oldPassword);
  await user.type(field.new(), VALID.newPassword);
  await user.type(field.confirm(), VALID.confirmPassword);
}

describe('ChangePasswordForm', () => {
  describe('fields per mode', () => {
    it('change mode asks for the current password, the new one and its confirmation', async () => {
      await setup({ mode: 'change' });
      expect(field.current()).toHaveAttribute('autocomplete', 'current-password');
      expect(field.new()).toHaveAttribute('autocomplete', 'new-password');
      expect(field.confirm()).toHaveAttribute('autocomplete', 'new-password');
      expect(screen.getByText('Account: new.user@example.com')).toBeInTheDocument();
    });

    it('names the current password "temporary" on a first sign-in', async () => {
      await setup({
        data: { ...pageData('change'), metadata: { ...METADATA, reason: 'first_login' } },
      });
      expect(screen.getByLabelText('Temporary password')).toBeInTheDocument();
      expect(screen.queryByLabelText('Current password')).toBeNull();
    });

    describe('on a first sign-in, every message names the temporary password, as its label does', () => {
      const temporary = () => screen.getByLabelText('Temporary password');
      const firstLogin: PageData = {
        ...pageData('change'),
        metadata: { ...METADATA, reason: 'first_login' },
      };

      it('when it is left empty or the new password repeats it', async () => {
        const { user } = await setup({ data: firstLogin });
        await user.type(temporary(), 'Tmp-Pass-2026!');
        await user.type(field.new(), 'Tmp-Pass-2026!');
        await user.clear(temporary());
        await user.click(submitButton());
        expect(temporary()).toHaveAccessibleDescription(
          expect.stringContaining('Enter your temporary password.'),
        );
        await user.type(temporary(), 'Tmp-Pass-2026!');
        expect(field.new()).toHaveAccessibleDescription(
          expect.stringContaining(
            'Your new password must be different from your temporary password.',
          ),
        );
        expect(document.body.textContent).not.toMatch(/current password/i);
      });

      it.each([
        ['invalid_old_password', 'The temporary password is not correct. Please try again.'],
        [
          'password_same_as_old',
          'Your new password must be different from your temporary password.',
        ],
      ] as const)('when cidaas answers %s', async (code, text) => {
        await setup({ data: firstLogin, urlError: { code } as UrlError });
        expect(screen.getAllByText(text).length).toBeGreaterThan(0);
        expect(document.body.textContent).not.toMatch(/current password/i);
      });
    });

    it.each(['reset', 'auth0'] as const)(
      '%s mode has no current password, and submits without one',
      async (mode) => {
        const { submitter, user } = await setup({ mode });
        expect(screen.queryByLabelText(/Current password|Temporary password/)).toBeNull();
        expect(document.querySelectorAll('input[type="password"]')).toHaveLength(2);
        // The disabled current-password control does not hold the submit back.
        await fillValid(user, false);
        await user.click(submitButton());
        expect(submitter.submit).toHaveBeenCalledTimes(1);
      },
    );

    it('offers the forgot-password page under the current password in change mode', async () => {
      const { client } = await setup({ mode: 'change' });
      const link = screen.getByRole('link', { name: 'Forgot your password? Reset it' });
      expect(link).toHaveAttribute('href', FORGOT_URL);
      expect(client.passwordForgotInitUrl).toHaveBeenCalledWith(REQUEST_ID, METADATA.username);
      expect(
        field.current().compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING,
      ).toBeTruthy();
      expect(
        link.compareDocumentPosition(field.new()) & Node.DOCUMENT_POSITION_FOLLOWING,
      ).toBeTruthy();
    });

    it.each(['reset', 'auth0'] as const)(
      'offers no forgot-password link in %s mode, not even in a lockout notice',
      async (mode) => {
        // In change mode the lockout notice offers the link too (see below); here neither it nor the form does.
        await setup({ mode, urlError: { code: 'too_many_attempts', retryAfterSeconds: null } });
        expect(
          screen.getByRole('region', { name: 'Too many attempts to set a new password' }),
        ).toBeInTheDocument();
        expect(screen.queryByRole('link', { name: /Forgot your password/ })).toBeNull();
      },
    );
  });

  describe('an invalid submit', () => {
    it('shows a summary with one link per field in error, focuses it, and does not submit', async () => {
      const { submitter, user } = await setup();
      await user.click(submitButton());
      const summary = screen.getByRole('alert', { name: 'There is a problem' });
      expect(summary).toHaveFocus();
      const links = within(summary).getAllByRole('link');
      expect(links.map((link) => [link.textContent?.trim(), link.getAttribute('href')])).toEqual([
        ['Enter your current password.', '#ps-old-password'],
        ['Enter a new password.', '#ps-new-password'],
        ['Enter your new password again.', '#ps-confirm-password'],
      ]);
      expect(submitter.submit).not.toHaveBeenCalled();
      for (const input of [field.current(), field.new(), field.confirm()])
        expect(input).toHaveAttribute('aria-invalid', 'true');
    });

    it('links only the fields in error, and each link moves focus to its field', async () => {
      const { submitter, user } = await setup();
      await user.type(field.current(), VALID.oldPassword);
      await user.type(field.new(), 'short');
      await user.click(submitButton());
      const summary = screen.getByRole('alert', { name: 'There is a problem' });
      expect(summary).toHaveFocus();
      const links = within(summary).getAllByRole('link');
      expect(links.map((link) => link.textContent?.trim())).toEqual([
        'Your new password does not meet all the requirements below.',
        'Enter your new password again.',
      ]);
      expect(field.current()).not.toHaveAttribute('aria-invalid');
      await user.click(links[1] ?? summary);
      expect(field.confirm()).toHaveFocus();
      await user.click(links[0] ?? summary);
      expect(field.new()).toHaveFocus();
      expect(submitter.submit).not.toHaveBeenCalled();
    });
  });

  describe('a valid submit', () => {
    it('calls the submitter once with the values, and makes the fields read-only and the form busy', async () => {
      const { submitter, user } = await setup();
      await fillValid(user);
      await user.click(submitButton());
      expect(submitter.submit).toHaveBeenCalledTimes(1);
      expect(submitter.submit).toHaveBeenCalledWith(TARGETS.change, REQUEST_ID, VALID);
      for (const input of [field.current(), field.new(), field.confirm()])
        expect(input).toHaveAttribute('readonly');
      expect(submitButton()).toHaveTextContent('Saving your new password…');
      expect(submitButton()).toHaveAttribute('aria-disabled', 'true');
      expect(document.querySelector('form')).toHaveAttribute('aria-busy', 'true');
      expect(screen.queryByRole('alert')).toBeNull();
      // Further presses while the submit is under way are ignored.
      await user.click(submitButton());
      expect(submitter.submit).toHaveBeenCalledTimes(1);
    });

    it('stays busy once the POST went out', async () => {
      const { submitter, outcome, user, fixture } = await setup();
      await fillValid(user);
      await user.click(submitButton());
      outcome.resolve({ kind: 'posted' });
      await fixture.whenStable();
      expect(submitButton()).toHaveTextContent('Saving your new password…');
      expect(field.new()).toHaveAttribute('readonly');
      await user.click(submitButton());
      expect(submitter.submit).toHaveBeenCalledTimes(1);
    });

    const NETWORK = /Check your connection/;
    const SERVER = /not answering properly/;
    it.each<[string, ApiError, RegExp, RegExp]>([
      ['network', { kind: 'network' }, NETWORK, SERVER],
      ['timeout', { kind: 'timeout' }, NETWORK, SERVER],
      ['server', { kind: 'server', status: 502 }, SERVER, NETWORK],
      ['bad-response', { kind: 'bad-response' }, SERVER, NETWORK],
    ])(
      'unreachable (%s): gives the form back with the passwords and explains why nothing was sent',
      async (_, error, text, otherText) => {
        const { submitter, outcome, user } = await setup();
        await fillValid(user);
        await user.click(submitButton());
        outcome.resolve({ kind: 'unreachable', error });
        const alert = await screen.findByRole('alert', { name: 'Your password was not changed' });
        expect(alert).toHaveTextContent(text);
        expect(alert).not.toHaveTextContent(otherText);
        expect(alert).toHaveFocus();
        expect(within(alert).queryByRole('link')).toBeNull();
        expect(submitButton()).toHaveTextContent('Set new password');
        expect(submitButton()).not.toHaveAttribute('aria-disabled');
        for (const [input, value] of [
          [field.current(), VALID.oldPassword],
          [field.new(), VALID.newPassword],
          [field.confirm(), VALID.confirmPassword],
        ] as const) {
          expect(input).not.toHaveAttribute('readonly');
          expect(input).toHaveValue(value);
        }
        // The user can simply try again; the old explanation goes while the new submit is under way.
        submitter.submit.mockReturnValueOnce(new Promise<never>(() => undefined));
        await user.click(submitButton());
        expect(submitter.submit).toHaveBeenCalledTimes(2);
        expect(screen.queryByRole('alert')).toBeNull();
        expect(submitButton()).toHaveTextContent('Saving your new password…');
      },
    );

    it('emits expired when the login turned out to be gone', async () => {
      const { expired, outcome, user, fixture } = await setup();
      await fillValid(user);
      await user.click(submitButton());
      expect(expired).not.toHaveBeenCalled();
      outcome.resolve({ kind: 'expired' });
      await fixture.whenStable();
      expect(expired).toHaveBeenCalledTimes(1);
    });
  });

  describe('an error that came back in the URL', () => {
    it.each<[UrlError['code'], () => HTMLElement, string]>([
      [
        'password_mismatch',
        field.confirm,
        'The two new passwords did not match. Please enter them again.',
      ],
      [
        'invalid_old_password',
        field.current,
        'The current password is not correct. Please try again.',
      ],
    ])(
      '%s is shown next to its field and in the summary, until the user edits that field',
      async (code, own, text) => {
        const urlError = { code } as UrlError;
        const { user } = await setup({ urlError });
        const summary = screen.getByRole('alert', { name: 'Your password was not changed' });
        expect(within(summary).getByRole('link', { name: text })).toHaveAttribute(
          'href',
          `#${own().id}`,
        );
        await waitFor(() => expect(summary).toHaveFocus());
        expect(own()).toHaveAttribute('aria-invalid', 'true');
        expect(own()).toHaveAccessibleDescription(expect.stringContaining(text));
        // On its own field only.
        for (const other of [field.current(), field.new(), field.confirm()].filter(
          (input) => input !== own(),
        )) {
          expect(other).not.toHaveAttribute('aria-invalid');
          expect(other).not.toHaveAccessibleDescription(expect.stringContaining(text));
        }
        await user.type(own(), 'x');
        expect(own()).not.toHaveAttribute('aria-invalid');
        expect(own()).not.toHaveAccessibleDescription(expect.stringContaining(text));
      },
    );

    it('says what to do next after a rejected confirmation', async () => {
      await setup({ urlError: { code: 'password_mismatch' } });
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Please fill in the fields again, with a new password that meets every requirement',
      );
    });

    it('leaves the summary on the next submit attempt', async () => {
      const { user } = await setup({ urlError: { code: 'invalid_old_password' } });
      await user.click(submitButton());
      const summary = screen.getByRole('alert', { name: 'There is a problem' });
      expect(summary).not.toHaveTextContent('The current password is not correct');
      expect(field.current()).toHaveAccessibleDescription(
        expect.stringContaining('Enter your current password.'),
      );
    });
  });

  describe('too many attempts', () => {
    beforeEach(() => jest.useFakeTimers({ advanceTimers: true }));
    afterEach(() => jest.useRealTimers());

    // Each tick shows the seconds left exactly; the checks are due within a second of real time
    // (the fake clock also moves with it), so the slower ones come in the test below.
    it('with retry_after: disables the fields and counts down to the end of the wait', async () => {
      const { submitter, fixture } = await setup({
        urlError: { code: 'too_many_attempts', retryAfterSeconds: 65 },
      });
      const timer = screen.getByRole('timer');
      expect(timer).toHaveTextContent('You can try again in 01:05.');
      for (const input of [field.current(), field.new(), field.confirm()])
        expect(input).toBeDisabled();
      expect(submitButton()).toBeDisabled();

      jest.advanceTimersByTime(6_000);
      await fixture.whenStable();
      expect(timer).toHaveTextContent('00:59');
      expect(field.new()).toBeDisabled();
      jest.advanceTimersByTime(58_000);
      await fixture.whenStable();
      expect(timer).toHaveTextContent('00:01');
      const status = document.querySelector('#ps-lockout [role="status"]');
      expect(status).toBeEmptyDOMElement();

      jest.advanceTimersByTime(1_000);
      await fixture.whenStable();
      expect(screen.queryByRole('timer')).toBeNull();
      expect(status).toHaveTextContent('You can try again now.');
      for (const input of [field.current(), field.new(), field.confirm()])
        expect(input).toBeEnabled();
      expect(submitButton()).toBeEnabled();
      expect(submitter.submit).not.toHaveBeenCalled();
    });

    it('without retry_after: says to wait a while and leaves the form usable', async () => {
      await setup({ urlError: { code: 'too_many_attempts', retryAfterSeconds: null } });
      const notice = screen.getByRole('region', {
        name: 'Too many attempts with a wrong password',
      });
      expect(notice).toHaveTextContent('the form is locked for a while');
      expect(within(notice).queryByRole('timer')).toBeNull();
      expect(field.new()).toBeEnabled();
    });

    it('explains itself in a notice of its own that takes focus and offers the forgot-password page', async () => {
      await setup({ urlError: { code: 'too_many_attempts', retryAfterSeconds: 65 } });
      const notice = screen.getByRole('region', {
        name: 'Too many attempts with a wrong password',
      });
      await waitFor(() => expect(notice).toHaveFocus());
      expect(within(notice).getByRole('timer')).toBeInTheDocument();
      // Not in the summary.
      expect(screen.queryByRole('alert')).toBeNull();
      expect(within(notice).getByRole('link', { name: /Forgot your password/ })).toHaveAttribute(
        'href',
        FORGOT_URL,
      );
    });
  });

  describe('the strength meter', () => {
    it('loads when the user first comes to the new password; a chunk that fails to load changes nothing: the line stays empty and the form submits', async () => {
      const before = mockStrengthChunk.loads;
      const { submitter, user, fixture } = await setup();
      // Not at start-up: only when the user comes to the new password (the first field is not it).
      await user.type(field.current(), VALID.oldPassword);
      await fixture.whenStable();
      expect(mockStrengthChunk.loads).toBe(before);
      await user.click(field.new());
      await waitFor(() => expect(mockStrengthChunk.loads).toBe(before + 1));
      await user.type(field.new(), VALID.newPassword);
      await user.type(field.confirm(), VALID.confirmPassword);
      // Once: leaving the field and coming back loads nothing more.
      await user.click(field.new());
      expect(mockStrengthChunk.loads).toBe(before + 1);
      const line = document.getElementById('ps-new-password-strength');
      expect(line?.textContent?.trim()).toBe('');
      expect(line?.querySelector('meter')).toBeNull();
      expect(field.new().getAttribute('aria-describedby')).toBe(
        'ps-new-password-strength ps-new-password-rules',
      );
      await user.click(submitButton());
      expect(submitter.submit).toHaveBeenCalledTimes(1);
    });
  });

  describe('a page restored from the back-forward cache', () => {
    it('empties the fields, gives the form back and forgets the attempt', async () => {
      const { outcome, user, fixture } = await setup();
      await fillValid(user);
      await user.click(submitButton());
      outcome.resolve({ kind: 'posted' });
      await fixture.whenStable();
      expect(field.new()).toHaveAttribute('readonly');

      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
      await fixture.whenStable();
      expect(field.new()).toHaveValue(VALID.newPassword);
      expect(field.new()).toHaveAttribute('readonly');

      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      await fixture.whenStable();
      for (const input of [field.current(), field.new(), field.confirm()]) {
        expect(input).toHaveValue('');
        expect(input).not.toHaveAttribute('readonly');
        // Empty again, but not an error: the user has not tried yet.
        expect(input).not.toHaveAttribute('aria-invalid');
      }
      expect(submitButton()).toHaveTextContent('Set new password');
      expect(submitButton()).not.toHaveAttribute('aria-disabled');
      expect(document.querySelector('form')).toHaveAttribute('aria-busy', 'false');
      expect(screen.queryByRole('alert')).toBeNull();
    });

    it('takes away the summary of an earlier invalid submit', async () => {
      const { user, fixture } = await setup();
      await user.click(submitButton());
      expect(screen.getByRole('alert', { name: 'There is a problem' })).toBeInTheDocument();
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      await fixture.whenStable();
      expect(screen.queryByRole('alert')).toBeNull();
    });
  });
});

import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { PAGE_QUERY } from '../config/page-query';
import { render, screen, waitFor, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { FakeFetch, type FakeRequest } from '../../testing/fake-fetch';
import { CIDAAS_BASE_URL } from '../config/cidaas-base-url';
import { FETCH } from '../config/fetch';
import { englishTranslations } from '../../testing/english-translations';
import { Auth0Client } from '../auth0/auth0-client';
import { CIDAAS_CLIENT } from '../cidaas/cidaas-client';
import { afterPendingWork } from '../../testing/after-pending-work';
import { HOSTED_PAGE, type HostedPage } from '../hosted-page';
import { PasswordSetPage, deadEndKey } from './password-set-page';
import type { DeadEnd } from './page-data';
import en from '../../../i18n/en.json';

const BASE = 'http://localhost';
const LSID = '1ea61648-fbe7-4673-bb8b-18a06d8addd8';
const REQUEST_ID = '9080d117-43e2-4a03-8215-a9f7a03e2999';

const CLIENT_INFO = {
  success: true,
  status: 200,
  data: {
    client_display_name: 'Acme Demo',
    primaryColor: '#2455c3',
    password_policy: {
      minimumLength: 10,
      maximumLength: 64,
      noOfDigits: 1,
      noOfSpecialChars: 1,
      lowerAndUpperCase: true,
    },
  },
};
const FIELD_SETUP = {
  success: true,
  status: 200,
  data: [
    {
      fieldKey: 'email',
      dataType: 'EMAIL',
      fieldType: 'SYSTEM',
      fieldDefinition: {},
      localeText: { language: 'en', name: 'Email' },
    },
    {
      fieldKey: 'password',
      dataType: 'PASSWORD',
      fieldType: 'SYSTEM',
      fieldDefinition: { maxLength: 64 },
      localeText: { language: 'en', name: 'Your new password' },
    },
    {
      fieldKey: 'password_echo',
      dataType: 'PASSWORD',
      fieldType: 'SYSTEM',
      fieldDefinition: { maxLength: 64, matchWith: 'password' },
      localeText: { language: 'en', name: 'Repeat your new password' },
    },
  ],
};
const FIELD_SETUP_URL = `${BASE}/registration-setup-srv/public/list`;
const METADATA = {
  success: true,
  status: 200,
  data: {
    precheck: 'password_change',
    username: 'new.user@example.com',
    reason: 'first_login',
    requestId: REQUEST_ID,
  },
};

let http: FakeFetch;

async function setup(query: Record<string, string>, page: HostedPage = 'password_set') {
  http = new FakeFetch();
  const rendered = await render(PasswordSetPage, {
    providers: [
      provideZonelessChangeDetection(),
      { provide: FETCH, useValue: http.fetch },
      ...englishTranslations(),
      { provide: CIDAAS_BASE_URL, useValue: BASE },
      { provide: PAGE_QUERY, useValue: new URLSearchParams(query) },
      { provide: HOSTED_PAGE, useValue: page },
    ],
  });
  const client = TestBed.inject(CIDAAS_CLIENT);
  const user = userEvent.setup();
  return { ...rendered, http, client, user };
}

/** Answers like cidaas: an object as JSON, a string as a raw (non-JSON) body. */
function answer(request: FakeRequest, body: unknown, status = 200) {
  if (typeof body === 'string') request.respondText(body, status);
  else request.respond(body, status);
}

async function setupReady(extra: Record<string, string> = {}) {
  const context = await setup({ lsid: LSID, requestId: REQUEST_ID, ...extra });
  answer(context.http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), CLIENT_INFO);
  answer(context.http.expectOne(FIELD_SETUP_URL), FIELD_SETUP);
  answer(context.http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`), METADATA);
  await screen.findByRole('heading', { name: 'Choose a new password' });
  return context;
}

/**
 * The account's username is there for password managers (they save the new password under it) but
 * not for screen readers, which hear the "Account: …" line instead of a second "Username".
 */
function expectUsernameForPasswordManagersOnly(username: string) {
  const input = document.querySelector('input[autocomplete="username"]');
  expect(input).toHaveValue(username);
  expect(input).toHaveAttribute('aria-hidden', 'true');
  expect(input).toHaveAttribute('tabindex', '-1');
  expect(screen.queryByRole('textbox', { name: 'Username' })).toBeNull();
}

const RPRQ = '3b0d7c1e-2f4a-4c6b-9d8e-7f6a5b4c3d2e';
const EXCHANGE_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

describe('deadEndKey', () => {
  // Every reason, with the key it always had (a record: the compiler checks no reason is missing).
  const expected: Readonly<Record<DeadEnd, string>> = {
    'missing-lsid': 'deadEnd.invalidLink',
    'malformed-lsid': 'deadEnd.invalidLink',
    'missing-request-id': 'deadEnd.invalidLink',
    'malformed-request-id': 'deadEnd.invalidLink',
    'malformed-reset': 'deadEnd.invalidLink',
    'malformed-session': 'deadEnd.invalidLink',
    'ambiguous-mode': 'deadEnd.ambiguousLink',
    'expired-track': 'deadEnd.expiredTrack',
    'expired-reset': 'deadEnd.expiredReset',
    'expired-request': 'deadEnd.expiredRequest',
  };

  const isDeadEnd = (value: string): value is DeadEnd => value in expected;

  it.each(Object.entries(expected))('%s → %s, a key with a heading and a body', (reason, key) => {
    expect(isDeadEnd(reason) && deadEndKey(reason)).toBe(key);
    const deadEnd: Record<string, unknown> = en.deadEnd;
    expect(deadEnd[key.slice('deadEnd.'.length)]).toEqual(
      expect.objectContaining({ heading: expect.any(String), body: expect.any(String) }),
    );
  });
});

describe('PasswordSetPage', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    http.verify();
  });

  it('shows a loading state before the answers arrive', async () => {
    const { http } = await setup({ lsid: LSID, requestId: REQUEST_ID });
    expect(screen.getByRole('status')).toHaveTextContent('Loading your sign-in details');
    for (const request of http.open()) request.failNetwork();
  });

  it('starts E3, E5 and E7 together, and the tenant theme only once the form is shown', async () => {
    await setup({ lsid: LSID, requestId: REQUEST_ID });
    const fieldSetup = http.expectOne(FIELD_SETUP_URL);
    const metadata = http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`);
    answer(http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), {
      ...CLIENT_INFO,
      data: { ...CLIENT_INFO.data, client_id: 'demo-client' },
    });
    answer(fieldSetup, FIELD_SETUP);
    http.expectNone('themes/demo-client.json');
    answer(metadata, METADATA);
    await screen.findByRole('heading', { name: 'Choose a new password' });
    const theme = await waitFor(() => http.expectOne('themes/demo-client.json'));
    theme.respondText('Not found', 404);
  });

  it('renders the form with the tenant labels, the reason and the account', async () => {
    await setupReady();
    expect(screen.getByLabelText('Temporary password')).toHaveAttribute(
      'autocomplete',
      'current-password',
    );
    expect(screen.getByLabelText('Your new password')).toHaveAttribute(
      'autocomplete',
      'new-password',
    );
    expect(screen.getByLabelText('Repeat your new password')).toHaveAttribute(
      'autocomplete',
      'new-password',
    );
    expect(screen.getByText(/first sign-in with a temporary password/)).toBeInTheDocument();
    expect(screen.getByText('Account: new.user@example.com')).toBeInTheDocument();
    expectUsernameForPasswordManagersOnly('new.user@example.com');
    expect(screen.getByLabelText('Your new password')).toHaveAttribute(
      'passwordrules',
      'minlength: 10; maxlength: 64; required: digit; required: special; required: lower; required: upper;',
    );
    expect(screen.getByText('Acme Demo')).toBeInTheDocument();
  });

  it('names the current password after the reason: temporary on a first sign-in, current otherwise', async () => {
    const context = await setup({ lsid: LSID, requestId: REQUEST_ID });
    answer(context.http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), CLIENT_INFO);
    answer(context.http.expectOne(FIELD_SETUP_URL), FIELD_SETUP);
    answer(context.http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`), {
      ...METADATA,
      data: { ...METADATA.data, reason: 'admin_required' },
    });
    expect(await screen.findByLabelText('Current password')).toHaveAttribute(
      'autocomplete',
      'current-password',
    );
    expect(screen.queryByLabelText('Temporary password')).toBeNull();
    expect(screen.getByRole('button', { name: 'Show Current password' })).toBeInTheDocument();
  });

  it('never limits what can be typed: no maxlength on any password field', async () => {
    await setupReady();
    for (const input of document.querySelectorAll('input[type="password"]'))
      expect(input).not.toHaveAttribute('maxlength');
  });

  it('puts focus on the heading, so the reason is read before the first field', async () => {
    await setupReady();
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Choose a new password' })).toHaveFocus(),
    );
    // Still there after the frame in which the form would focus an error summary (there is none).
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(screen.getByRole('heading', { name: 'Choose a new password' })).toHaveFocus();
  });

  it('keeps unmet rules neutral while typing, turns a rule green once met, and red only after the field is left', async () => {
    const { user } = await setupReady();
    const list = screen.getByRole('list', { name: 'Your new password needs:' });
    const rule = (name: RegExp) => within(list).getByText(name).closest('li');
    const field = screen.getByLabelText('Your new password');
    expect(rule(/At least 10 characters/)).toHaveAttribute('data-state', 'pending');
    await user.type(field, 'abc1');
    expect(rule(/At least 10 characters/)).toHaveAttribute('data-state', 'pending');
    expect(rule(/At least 10 characters/)).toHaveTextContent('(not yet met)');
    expect(rule(/lowercase and uppercase/)).toHaveAttribute('data-state', 'pending');
    expect(rule(/At least 1 digit/)).toHaveAttribute('data-state', 'met');
    expect(rule(/At least 1 digit/)).toHaveTextContent('(met)');
    await user.tab();
    expect(rule(/At least 10 characters/)).toHaveAttribute('data-state', 'unmet');
    expect(rule(/At least 10 characters/)).toHaveTextContent('(not met)');
    expect(rule(/lowercase and uppercase/)).toHaveAttribute('data-state', 'unmet');
    expect(rule(/At least 1 digit/)).toHaveAttribute('data-state', 'met');
    await user.type(field, 'DEFGH!');
    expect(rule(/At least 10 characters/)).toHaveAttribute('data-state', 'met');
    expect(rule(/lowercase and uppercase/)).toHaveTextContent('(met)');
  });

  it('passing over the empty new password leaves the rules neutral; a submit shows what is not met', async () => {
    const { user } = await setupReady();
    const list = screen.getByRole('list', { name: 'Your new password needs:' });
    const rule = (name: RegExp) => within(list).getByText(name).closest('li');
    jest
      .spyOn(TestBed.inject(CIDAAS_CLIENT), 'firstTimeChangePassword')
      .mockImplementation(() => undefined);
    await user.click(screen.getByLabelText('Your new password'));
    await user.click(screen.getByLabelText('Repeat your new password'));
    expect(rule(/At least 10 characters/)).toHaveAttribute('data-state', 'pending');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(rule(/At least 10 characters/)).toHaveAttribute('data-state', 'unmet');
  });

  it('the show/hide toggle says what a press does, keeps its name and reports its state', async () => {
    const { user } = await setupReady();
    const toggle = screen.getByRole('button', { name: 'Show Your new password' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(toggle).toHaveTextContent('Show');
    await user.click(toggle);
    expect(screen.getByLabelText('Your new password')).toHaveAttribute('type', 'text');
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(toggle).toHaveTextContent('Hide');
    expect(toggle).toHaveAccessibleName('Show Your new password');
    await user.click(toggle);
    expect(toggle).toHaveTextContent('Show');
    expect(screen.getByLabelText('Your new password')).toHaveAttribute('type', 'password');
  });

  it('offers the forgot-password page of this login request under the current password', async () => {
    await setupReady();
    const link = screen.getByRole('link', { name: 'Forgot your password? Reset it' });
    expect(link).toHaveAttribute(
      'href',
      `${BASE}/identity/password_forgot_init?userIdHint=new.user%40example.com&requestId=${REQUEST_ID}&type=email`,
    );
    // Right under the field it helps with, before the new password.
    expect(
      screen.getByLabelText('Temporary password').compareDocumentPosition(link) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(
      link.compareDocumentPosition(screen.getByLabelText('Your new password')) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('links the checklist to the new password field', async () => {
    await setupReady();
    const field = screen.getByLabelText('Your new password');
    const describedBy = field.getAttribute('aria-describedby') ?? '';
    expect(describedBy.split(' ')).toContain('ps-new-password-rules');
    expect(document.getElementById('ps-new-password-rules')).toContainElement(
      screen.getByRole('list', { name: 'Your new password needs:' }),
    );
  });

  it('on an invalid submit focuses an error summary that links to each field in error, and does not submit', async () => {
    const { user, client } = await setupReady();
    const submit = jest
      .spyOn(client, 'firstTimeChangePassword')
      .mockImplementation(() => undefined);
    await user.type(screen.getByLabelText('Temporary password'), 'Welcome-2026');
    await user.type(screen.getByLabelText('Your new password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(submit).not.toHaveBeenCalled();
    const summary = await screen.findByRole('alert', { name: 'There is a problem' });
    expect(summary).toHaveFocus();
    const links = within(summary).getAllByRole('link');
    expect(links.map((link) => link.textContent?.trim())).toEqual([
      'Your new password does not meet all the requirements below.',
      'Enter your new password again.',
    ]);
    const newField = screen.getByLabelText('Your new password');
    expect(newField).toHaveAttribute('aria-invalid', 'true');
    expect(newField).toHaveAccessibleDescription(
      expect.stringContaining('does not meet all the requirements'),
    );
    await user.click(links[1] ?? summary);
    expect(screen.getByLabelText('Repeat your new password')).toHaveFocus();
    await user.click(links[0] ?? summary);
    expect(newField).toHaveFocus();
  });

  it('explains a mismatch and a new password equal to the current one', async () => {
    const { user } = await setupReady();
    await user.type(screen.getByLabelText('Temporary password'), 'Same-Password-1');
    await user.type(screen.getByLabelText('Your new password'), 'Same-Password-1');
    await user.type(screen.getByLabelText('Repeat your new password'), 'Other-Password-1');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(screen.getByLabelText('Your new password')).toHaveAccessibleDescription(
      expect.stringContaining('Your new password must be different from your temporary password.'),
    );
    expect(screen.getByLabelText('Repeat your new password')).toHaveAccessibleDescription(
      expect.stringContaining('The two new passwords do not match.'),
    );
  });

  it('announces a debounced summary of the rules, not every key', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const { user } = await setupReady();
      const live = screen.getByTestId('rules-live-summary');
      await user.type(screen.getByLabelText('Your new password'), 'abc1');
      expect(live).toHaveTextContent('');
      jest.advanceTimersByTime(800);
      expect(await screen.findByText('2 of 5 requirements met')).toBe(live);
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows and hides a password with a toggle that names its field', async () => {
    const { user } = await setupReady();
    const field = screen.getByLabelText('Your new password');
    const toggle = screen.getByRole('button', { name: 'Show Your new password' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await user.click(toggle);
    expect(field).toHaveAttribute('type', 'text');
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await user.click(toggle);
    expect(field).toHaveAttribute('type', 'password');
  });

  it('warns politely when Caps Lock is on', async () => {
    const { user } = await setupReady();
    const field = screen.getByLabelText('Temporary password');
    await user.click(field);
    await user.keyboard('{CapsLock}a');
    expect(screen.getByText('Caps Lock is on.')).toBeInTheDocument();
    expect(field).toHaveAccessibleDescription(expect.stringContaining('Caps Lock is on.'));
    await user.keyboard('{CapsLock}b');
    expect(screen.queryByText('Caps Lock is on.')).toBeNull();
  });

  it('warns a minute before the link expires and then explains that it has', async () => {
    jest.useFakeTimers({ advanceTimers: true, now: Date.parse('2026-11-22T10:00:00Z') });
    try {
      const context = await setup({ lsid: LSID, requestId: REQUEST_ID });
      answer(context.http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), CLIENT_INFO);
      answer(context.http.expectOne(FIELD_SETUP_URL), FIELD_SETUP);
      answer(context.http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`), {
        ...METADATA,
        data: { ...METADATA.data, expires_at: '2026-11-22T10:01:30Z' },
      });
      await screen.findByRole('heading', { name: 'Choose a new password' });
      expect(screen.queryByText(/expires in about a minute/)).toBeNull();
      jest.advanceTimersByTime(31_000);
      expect(await screen.findByText(/expires in about a minute/)).toBeInTheDocument();
      jest.advanceTimersByTime(60_000);
      expect(
        await screen.findByRole('heading', { name: 'This link has expired' }),
      ).toBeInTheDocument();
      expect(screen.getByRole('link', { name: 'Sign in again' })).toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });

  it('always offers a way out: sign in with another account (E12)', async () => {
    await setupReady();
    expect(screen.getByRole('link', { name: 'Sign in with another account' })).toHaveAttribute(
      'href',
      `${BASE}/authz-srv/authz/resolve_redirect/${REQUEST_ID}`,
    );
  });

  it('submits a valid form once, however often the button is clicked', async () => {
    const { user, client } = await setupReady();
    const submit = jest
      .spyOn(client, 'firstTimeChangePassword')
      .mockImplementation(() => undefined);
    await user.type(screen.getByLabelText('Temporary password'), 'Welcome-2026');
    await user.type(screen.getByLabelText('Your new password'), 'Brand-new-2026!');
    await user.type(screen.getByLabelText('Repeat your new password'), 'Brand-new-2026!');
    const button = screen.getByRole('button', { name: 'Set new password' });
    await user.click(button);
    await user.click(button);
    await user.dblClick(button);
    // One check before the POST (E7), then one POST.
    answer(http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`), METADATA);
    await waitFor(() => expect(submit).toHaveBeenCalledTimes(1));
    expect(submit).toHaveBeenCalledWith(
      {
        old_password: 'Welcome-2026',
        new_password: 'Brand-new-2026!',
        confirm_password: 'Brand-new-2026!',
      },
      LSID,
    );
    expect(button).toHaveTextContent('Saving your new password…');
    await user.click(button);
    expect(http.open().map((request) => request.url)).toEqual([]);
    expect(submit).toHaveBeenCalledTimes(1);
  });

  it('explains an error that came back in the URL and focuses it', async () => {
    await setupReady({ error: 'invalid_old_password', error_description: '<b>bad</b>' });
    const alert = screen.getByRole('alert', { name: 'Your password was not changed' });
    expect(alert).toHaveTextContent('The temporary password is not correct.');
    expect(alert).not.toHaveTextContent('bad');
    await waitFor(() => expect(alert).toHaveFocus());
    expect(screen.getByLabelText('Temporary password')).toHaveAttribute('aria-invalid', 'true');
  });

  it('names the broken rule of a server-side policy violation', async () => {
    await setupReady({ error: 'password_policy_violation', error_code: 'noOfDigits' });
    expect(screen.getByRole('alert', { name: 'Your password was not changed' })).toHaveTextContent(
      'The new password needs more digits.',
    );
  });

  it('shows an unknown error code for support only when it looks like a code, never markup', async () => {
    await setupReady({
      error: '<img src=x onerror=alert(1)>',
      error_description: 'Call +1-900-555-0199',
    });
    const alert = screen.getByRole('alert', { name: 'Your password was not changed' });
    expect(alert).toHaveTextContent('If it keeps happening, contact support.');
    expect(alert).not.toHaveTextContent(/img|mention|900/);
    expect(alert.querySelector('img')).toBeNull();
  });

  it('reads cidaas’ documented redirect (error=Bad Request, error_code=VER_0120) as a compromised password', async () => {
    await setupReady({
      error: 'Bad Request',
      error_description: 'The password is compromised',
      error_code: 'VER_0120',
    });
    const alert = screen.getByRole('alert', { name: 'Your password was not changed' });
    expect(alert).toHaveTextContent('This password has appeared in a data breach');
    expect(alert).not.toHaveTextContent(/Bad Request|mention the code/);
  });

  it('explains an expired track (E7 204) and offers to sign in again', async () => {
    const { http } = await setup({ lsid: LSID, requestId: REQUEST_ID });
    answer(http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), CLIENT_INFO);
    answer(http.expectOne(FIELD_SETUP_URL), FIELD_SETUP);
    http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`).respondText('', 204);
    const heading = await screen.findByRole('heading', { name: 'This link has expired' });
    expect(screen.getByRole('link', { name: 'Sign in again' })).toHaveAttribute(
      'href',
      `${BASE}/authz-srv/authz/resolve_redirect/${REQUEST_ID}`,
    );
    expect(heading).toHaveFocus();
  });

  it('explains a link without lsid and still offers sign-in for the known request', async () => {
    const { http } = await setup({ requestId: REQUEST_ID });
    answer(http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), CLIENT_INFO);
    await screen.findByRole('heading', { name: 'This link is incomplete' });
    expect(screen.getByRole('link', { name: 'Sign in again' })).toHaveAttribute(
      'href',
      `${BASE}/authz-srv/authz/resolve_redirect/${REQUEST_ID}`,
    );
  });

  it('explains a link without anything and points back to the application', async () => {
    await setup({});
    await screen.findByRole('heading', { name: 'This link is incomplete' });
    expect(screen.getByText(/go back to the application/)).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('explains an unknown requestId (PUB10002)', async () => {
    const { http } = await setup({ lsid: LSID, requestId: REQUEST_ID });
    answer(http.expectOne(FIELD_SETUP_URL), FIELD_SETUP);
    answer(http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`), METADATA);
    answer(
      http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`),
      { success: false, status: 400, code: 'PUB10002' },
      400,
    );
    await screen.findByRole('heading', { name: 'Your sign-in has expired' });
  });

  it('offers a retry when client info fails, and the retry works', async () => {
    const { http, user } = await setup({ lsid: LSID, requestId: REQUEST_ID });
    answer(http.expectOne(FIELD_SETUP_URL), FIELD_SETUP);
    answer(http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`), METADATA);
    answer(http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), 'boom', 500);
    expect(await screen.findByRole('alert')).toHaveTextContent('The sign-in service had a problem');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    answer(http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), CLIENT_INFO);
    answer(http.expectOne(FIELD_SETUP_URL), FIELD_SETUP);
    answer(http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`), METADATA);
    expect(
      await screen.findByRole('heading', { name: 'Choose a new password' }),
    ).toBeInTheDocument();
  });

  it('after a double click on "Try again", shows the latest load and ignores the earlier one answering late', async () => {
    await setup({ lsid: LSID, requestId: REQUEST_ID });
    answer(http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), 'boom', 500);
    answer(http.expectOne(FIELD_SETUP_URL), FIELD_SETUP);
    answer(http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`), METADATA);
    await screen.findByRole('alert');
    // Two native clicks in a row land before the page re-renders, so each starts a load.
    const retry = screen.getByRole('button', { name: 'Try again' });
    retry.click();
    retry.click();
    const byPath = (path: string) => http.open().filter((request) => request.path === path);
    const [staleInfo, latestInfo] = byPath(`${BASE}/public-srv/public/${REQUEST_ID}`);
    const [staleSetup, latestSetup] = byPath(FIELD_SETUP_URL);
    const [staleMetadata, latestMetadata] = byPath(`${BASE}/token-srv/prelogin/metadata/${LSID}`);
    if (
      !staleInfo ||
      !latestInfo ||
      !staleSetup ||
      !latestSetup ||
      !staleMetadata ||
      !latestMetadata
    )
      throw new Error('expected two loads');
    answer(latestInfo, CLIENT_INFO);
    answer(latestSetup, FIELD_SETUP);
    answer(latestMetadata, METADATA);
    await screen.findByRole('heading', { name: 'Choose a new password' });
    answer(staleInfo, 'boom', 500);
    answer(staleSetup, FIELD_SETUP);
    answer(staleMetadata, METADATA);
    await afterPendingWork();
    expect(screen.getByRole('heading', { name: 'Choose a new password' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('changes nothing once destroyed, even when the answers arrive afterwards', async () => {
    const { fixture } = await setup({ lsid: LSID, requestId: REQUEST_ID, ui_locales: 'de' });
    document.title = 'before';
    fixture.destroy();
    document.documentElement.lang = 'xx';
    answer(http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), CLIENT_INFO);
    answer(http.expectOne(FIELD_SETUP_URL), FIELD_SETUP);
    answer(http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`), METADATA);
    await afterPendingWork();
    expect(document.title).toBe('before');
    expect(document.documentElement.lang).toBe('xx');
  });

  it('works with its own labels when the field setup fails', async () => {
    const { http } = await setup({ lsid: LSID, requestId: REQUEST_ID });
    answer(http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), CLIENT_INFO);
    answer(http.expectOne(FIELD_SETUP_URL), 'garbage', 500);
    answer(http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`), METADATA);
    await screen.findByRole('heading', { name: 'Choose a new password' });
    expect(screen.getByLabelText('New password')).toBeInTheDocument();
    expect(screen.getByLabelText('Confirm new password')).toBeInTheDocument();
  });

  describe('reset mode (end of forgot password)', () => {
    async function setupReset(extra: Record<string, string> = {}) {
      const context = await setup({
        requestId: REQUEST_ID,
        rprq: RPRQ,
        exchangeid: EXCHANGE_ID,
        resetMedium: 'email',
        ...extra,
      });
      answer(context.http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), CLIENT_INFO);
      answer(context.http.expectOne(FIELD_SETUP_URL), FIELD_SETUP);
      context.http.expectNone(`${BASE}/token-srv/prelogin/metadata/${LSID}`);
      await screen.findByRole('heading', { name: 'Choose a new password' });
      return context;
    }

    it('has no current-password field nor its forgot-password link, explains itself and focuses the heading', async () => {
      await setupReset();
      expect(screen.queryByLabelText(/current password|temporary password/i)).toBeNull();
      expect(screen.queryByRole('link', { name: /Forgot your password/ })).toBeNull();
      expect(screen.getByText(/You asked to reset your password/)).toBeInTheDocument();
      await waitFor(() =>
        expect(screen.getByRole('heading', { name: 'Choose a new password' })).toHaveFocus(),
      );
    });

    it('submits to E11 with the reset identifiers', async () => {
      const { user, client } = await setupReset();
      const reset = jest.spyOn(client, 'resetPassword').mockImplementation(() => undefined);
      const change = jest
        .spyOn(client, 'firstTimeChangePassword')
        .mockImplementation(() => undefined);
      await user.type(screen.getByLabelText('Your new password'), 'Brand-new-2026!');
      await user.type(screen.getByLabelText('Repeat your new password'), 'Brand-new-2026!');
      await user.click(screen.getByRole('button', { name: 'Set new password' }));
      // cidaas has no check of a reset request: the check before the POST asks E3 whether cidaas answers.
      answer(http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), CLIENT_INFO);
      await waitFor(() => expect(reset).toHaveBeenCalled());
      expect(change).not.toHaveBeenCalled();
      expect(reset).toHaveBeenCalledWith({
        resetRequestId: RPRQ,
        exchangeId: EXCHANGE_ID,
        password: 'Brand-new-2026!',
        confirmPassword: 'Brand-new-2026!',
      });
    });

    it.each<Record<string, string>>([
      { error: 'track_expired' },
      { error: 'Bad Request', error_code: 'VER_0007' },
      { error: 'password_already_resetted' },
    ])(
      'explains a used or expired reset link (%p): a new link is needed, and a button starts a new reset',
      async (error) => {
        const { http } = await setup({
          requestId: REQUEST_ID,
          rprq: RPRQ,
          exchangeid: EXCHANGE_ID,
          ...error,
        });
        answer(http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), CLIENT_INFO);
        await screen.findByRole('heading', { name: 'This reset link has expired' });
        expect(screen.getByText(/you need a new link/)).toBeInTheDocument();
        expect(screen.getByRole('link', { name: 'Get a new reset link' })).toHaveAttribute(
          'href',
          `${BASE}/identity/password_forgot_init?requestId=${REQUEST_ID}`,
        );
        expect(screen.getByRole('link', { name: 'Sign in again' })).toHaveAttribute(
          'href',
          `${BASE}/authz-srv/authz/resolve_redirect/${REQUEST_ID}`,
        );
        expect(screen.getByRole('link', { name: 'Get a new reset link' })).toHaveClass('ps-button');
        expect(screen.getByRole('link', { name: 'Sign in again' })).not.toHaveClass('ps-button');
      },
    );

    it('checks that cidaas answers before the POST; unreachable, it posts nothing and keeps the passwords', async () => {
      const { user, client, http } = await setupReset();
      const reset = jest.spyOn(client, 'resetPassword').mockImplementation(() => undefined);
      await user.type(screen.getByLabelText('Your new password'), 'Brand-new-2026!');
      await user.type(screen.getByLabelText('Repeat your new password'), 'Brand-new-2026!');
      await user.click(screen.getByRole('button', { name: 'Set new password' }));
      http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`).failNetwork();
      expect(
        await screen.findByRole('alert', { name: 'Your password was not changed' }),
      ).toHaveTextContent('Check your connection');
      expect(reset).not.toHaveBeenCalled();
      expect(screen.getByLabelText('Repeat your new password')).toHaveValue('Brand-new-2026!');
    });
  });

  it('explains a link that mixes change and reset', async () => {
    const { http } = await setup({
      lsid: LSID,
      requestId: REQUEST_ID,
      rprq: RPRQ,
      exchangeid: EXCHANGE_ID,
    });
    answer(http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), CLIENT_INFO);
    await screen.findByRole('heading', { name: 'This link does not fit together' });
  });

  describe('Auth0 mode', () => {
    const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhdXRoMHwxIn0.c2lnbmF0dXJl';
    const CONTEXT_URL = 'auth0/password_set/context';

    it('loads the context from the page server, shows new and confirm only, and posts to it', async () => {
      const { http, user } = await setup({ session_token: TOKEN, state: 'st-1' });
      const request = http.expectOne(CONTEXT_URL);
      expect(request.query.get('session_token')).toBe(TOKEN);
      http.expectNone(`${BASE}/public-srv/public/${REQUEST_ID}`);
      answer(request, {
        email: 'first.login@example.com',
        reason: 'first_login',
        password_policy: { minimumLength: 12, noOfDigits: 1 },
      });
      await screen.findByRole('heading', { name: 'Choose a new password' });
      expect(screen.queryByLabelText(/current password|temporary password/i)).toBeNull();
      expectUsernameForPasswordManagersOnly('first.login@example.com');
      expect(screen.queryByRole('link', { name: /Forgot your password/ })).toBeNull();
      expect(screen.getByText(/At least 12 characters/)).toBeInTheDocument();
      expect(screen.queryByRole('link', { name: 'Sign in with another account' })).toBeNull();
      expect(
        screen.getByRole('link', { name: 'Cancel and sign out' }).getAttribute('href'),
      ).toMatch(/\/auth0\/password_set\/cancel\?state=st-1$/);
      const auth0 = TestBed.inject(Auth0Client);
      const submit = jest.spyOn(auth0, 'setPassword').mockImplementation(() => undefined);
      await user.type(screen.getByLabelText('New password'), 'Brand-new-2026');
      await user.type(screen.getByLabelText('Confirm new password'), 'Brand-new-2026');
      await user.click(screen.getByRole('button', { name: 'Set new password' }));
      // The check before the POST: the page server still knows the session token.
      answer(http.expectOne(CONTEXT_URL), {
        email: 'first.login@example.com',
        reason: 'first_login',
      });
      await waitFor(() =>
        expect(submit).toHaveBeenCalledWith({
          sessionToken: TOKEN,
          state: 'st-1',
          password: 'Brand-new-2026',
          confirmPassword: 'Brand-new-2026',
        }),
      );
    });

    it('explains an expired or forged session token and offers the way back', async () => {
      const { http } = await setup({ session_token: TOKEN, state: 'st-1' });
      answer(http.expectOne(CONTEXT_URL), { error: 'track_expired' }, 400);
      await screen.findByRole('heading', { name: 'This link has expired' });
      expect(screen.getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toMatch(
        /\/auth0\/password_set\/cancel\?state=st-1$/,
      );
    });
  });

  describe('the submit: checked before the POST, never stranding the user', () => {
    const E7 = `${BASE}/token-srv/prelogin/metadata/${LSID}`;

    async function fillAndSubmit() {
      const context = await setupReady();
      const submit = jest
        .spyOn(context.client, 'firstTimeChangePassword')
        .mockImplementation(() => undefined);
      await context.user.type(screen.getByLabelText('Temporary password'), 'Welcome-2026');
      await context.user.type(screen.getByLabelText('Your new password'), 'Brand-new-2026!');
      await context.user.type(screen.getByLabelText('Repeat your new password'), 'Brand-new-2026!');
      await context.user.click(screen.getByRole('button', { name: 'Set new password' }));
      return { ...context, submit };
    }

    it('keeps the fields read-only and the button busy (focusable, not disabled) while it checks', async () => {
      const { submit } = await fillAndSubmit();
      const button = screen.getByRole('button', { name: 'Saving your new password…' });
      expect(button).toHaveAttribute('aria-disabled', 'true');
      expect(button).not.toBeDisabled();
      expect(button.closest('form')).toHaveAttribute('aria-busy', 'true');
      for (const label of ['Temporary password', 'Your new password', 'Repeat your new password'])
        expect(screen.getByLabelText(label)).toHaveAttribute('readonly');
      expect(submit).not.toHaveBeenCalled();
      answer(http.expectOne(E7), METADATA);
      await waitFor(() => expect(submit).toHaveBeenCalledTimes(1));
    });

    it.each([
      [
        'the network fails',
        (request: FakeRequest) => request.failNetwork(),
        'Nothing was changed. Check your connection and try again.',
      ],
      [
        'cidaas answers 503',
        (request: FakeRequest) => answer(request, 'Service Unavailable', 503),
        'Nothing was changed: the sign-in service is not answering properly',
      ],
      [
        'a captive portal answers with its own page',
        (request: FakeRequest) => answer(request, '<html>Log in to the Wi-Fi</html>'),
        'Nothing was changed: the sign-in service',
      ],
    ])(
      '%s: nothing is posted, the fields keep what was typed, and the summary says so',
      async (_, fail, message) => {
        const { submit, user } = await fillAndSubmit();
        fail(http.expectOne(E7));
        const summary = await screen.findByRole('alert', { name: 'Your password was not changed' });
        expect(summary).toHaveTextContent(message);
        await waitFor(() => expect(summary).toHaveFocus());
        expect(submit).not.toHaveBeenCalled();
        expect(screen.getByLabelText('Temporary password')).toHaveValue('Welcome-2026');
        expect(screen.getByLabelText('Your new password')).toHaveValue('Brand-new-2026!');
        expect(screen.getByLabelText('Your new password')).not.toHaveAttribute('readonly');
        // Trying again works.
        await user.click(screen.getByRole('button', { name: 'Set new password' }));
        answer(
          http.expectOne((request) => request.path === E7 && !request.settled),
          METADATA,
        );
        await waitFor(() => expect(submit).toHaveBeenCalledTimes(1));
        expect(screen.queryByRole('alert', { name: 'Your password was not changed' })).toBeNull();
      },
    );

    it('gives up after 5 seconds without an answer, as for a lost connection', async () => {
      jest.useFakeTimers({ advanceTimers: true });
      try {
        const { submit } = await fillAndSubmit();
        const check = http.expectOne(E7);
        jest.advanceTimersByTime(4_900);
        await afterPendingWork();
        expect(screen.queryByRole('alert', { name: 'Your password was not changed' })).toBeNull();
        jest.advanceTimersByTime(200);
        expect(
          await screen.findByRole('alert', { name: 'Your password was not changed' }),
        ).toHaveTextContent('Check your connection');
        // The late answer changes nothing.
        answer(check, METADATA);
        await afterPendingWork();
        expect(submit).not.toHaveBeenCalled();
      } finally {
        jest.useRealTimers();
      }
    });

    it('a login track gone before the POST (E7 204) shows the expired link with the way back, instead of posting', async () => {
      const { submit } = await fillAndSubmit();
      http.expectOne(E7).respondText('', 204);
      const heading = await screen.findByRole('heading', { name: 'This link has expired' });
      expect(screen.getByRole('link', { name: 'Sign in again' })).toHaveAttribute(
        'href',
        `${BASE}/authz-srv/authz/resolve_redirect/${REQUEST_ID}`,
      );
      await waitFor(() => expect(heading).toHaveFocus());
      expect(submit).not.toHaveBeenCalled();
    });

    it('a navigation that does not happen (stopped, or answered with nothing to show) gives the form back with what was typed', async () => {
      const navigation = new EventTarget();
      Object.defineProperty(window, 'navigation', { value: navigation, configurable: true });
      try {
        const { submit } = await fillAndSubmit();
        // Another navigation given up while the check runs is not this POST's: the form stays busy.
        navigation.dispatchEvent(new Event('navigateerror'));
        await afterPendingWork();
        expect(
          screen.getByRole('button', { name: 'Saving your new password…' }),
        ).toBeInTheDocument();
        answer(http.expectOne(E7), METADATA);
        await waitFor(() => expect(submit).toHaveBeenCalledTimes(1));
        expect(
          screen.getByRole('button', { name: 'Saving your new password…' }),
        ).toBeInTheDocument();
        navigation.dispatchEvent(new Event('navigateerror'));
        expect(await screen.findByRole('button', { name: 'Set new password' })).not.toHaveAttribute(
          'aria-disabled',
        );
        expect(screen.getByLabelText('Your new password')).toHaveValue('Brand-new-2026!');
        expect(screen.getByLabelText('Your new password')).not.toHaveAttribute('readonly');
      } finally {
        Reflect.deleteProperty(window, 'navigation');
      }
    });

    it('a page restored from the back-forward cache is usable again, with empty fields', async () => {
      const { submit } = await fillAndSubmit();
      answer(http.expectOne(E7), METADATA);
      await waitFor(() => expect(submit).toHaveBeenCalledTimes(1));
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      expect(await screen.findByRole('button', { name: 'Set new password' })).not.toHaveAttribute(
        'aria-disabled',
      );
      expect(screen.getByLabelText('Your new password')).toHaveValue('');
      expect(screen.getByLabelText('Your new password')).not.toHaveAttribute('readonly');
    });
  });

  describe('a rejection by cidaas', () => {
    const list = () => screen.getByRole('list', { name: 'Your new password needs:' });
    const item = (text: RegExp) => within(list()).getByText(text).closest('li');

    it('lists what only the server checks as "checked when you continue"', async () => {
      const context = await setup({ lsid: LSID, requestId: REQUEST_ID });
      answer(context.http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`), {
        ...CLIENT_INFO,
        data: {
          ...CLIENT_INFO.data,
          password_policy: { ...CLIENT_INFO.data.password_policy, preventAlreadyUsedPwd: true },
        },
      });
      answer(context.http.expectOne(FIELD_SETUP_URL), FIELD_SETUP);
      answer(context.http.expectOne(`${BASE}/token-srv/prelogin/metadata/${LSID}`), METADATA);
      await screen.findByRole('heading', { name: 'Choose a new password' });
      expect(item(/Not one of your recent passwords/)).toHaveAttribute('data-state', 'server');
      expect(item(/Not one of your recent passwords/)).toHaveTextContent(
        '(checked when you continue)',
      );
      expect(item(/known from data breaches/)).toHaveAttribute('data-state', 'server');
      // Typing judges the policy's rules, not the server's; the live summary counts only the former.
      await context.user.type(screen.getByLabelText('Your new password'), 'Abcdefgh1!');
      expect(item(/Not one of your recent passwords/)).toHaveAttribute('data-state', 'server');
    });

    it('without preventAlreadyUsedPwd, lists the breach check only', async () => {
      await setupReady();
      expect(within(list()).queryByText(/recent passwords/)).toBeNull();
      expect(item(/known from data breaches/)).toHaveAttribute('data-state', 'server');
    });

    it.each([
      [
        { error: 'Bad Request', error_code: 'VER_0120' },
        /known from data breaches/,
        'This password has appeared in a data breach',
      ],
      [
        { error: 'password_already_used' },
        /Not one of your recent passwords/,
        'You have used this password before',
      ],
      [
        { error: 'password_policy_violation', error_code: 'noOfDigits' },
        /At least 1 digit/,
        'The new password needs more digits.',
      ],
    ])(
      '%p: the message beside the new password, the failed rule marked, and what to do in the summary',
      async (error, rule, message) => {
        const { user } = await setupReady(error);
        const field = screen.getByLabelText('Your new password');
        expect(field).toHaveAttribute('aria-invalid', 'true');
        expect(field).toHaveAccessibleDescription(expect.stringContaining(message));
        expect(item(rule)).toHaveAttribute('data-state', 'unmet');
        expect(item(rule)).toHaveAttribute('data-rejected');
        expect(item(rule)).toHaveTextContent('(not met)');
        const summary = screen.getByRole('alert', { name: 'Your password was not changed' });
        expect(summary).toHaveTextContent(message);
        expect(summary).toHaveTextContent(
          'Please fill in the fields again, with a new password that meets every requirement in the list.',
        );
        // A new password replaces the mark with the live judgement.
        await user.type(field, 'x');
        expect(item(rule)).not.toHaveAttribute('data-rejected');
        expect(field).not.toHaveAccessibleDescription(expect.stringContaining(message));
      },
    );

    it('a wrong current password needs no "what to do" beyond its message', async () => {
      await setupReady({ error: 'invalid_old_password' });
      expect(
        screen.getByRole('alert', { name: 'Your password was not changed' }),
      ).not.toHaveTextContent('fill in the fields again');
    });
  });

  describe('too many attempts', () => {
    it('disables the form with a live countdown, says what the attempts were, offers the forgot-password page, and gives the form back when the wait is over', async () => {
      jest.useFakeTimers({ advanceTimers: true });
      try {
        await setupReady({ error: 'too_many_attempts', retry_after: '125' });
        const notice = screen.getByRole('region', {
          name: 'Too many attempts with a wrong password',
        });
        await waitFor(() => expect(notice).toHaveFocus());
        expect(within(notice).getByRole('timer')).toHaveTextContent('You can try again in 02:05.');
        expect(screen.queryByRole('alert', { name: 'Your password was not changed' })).toBeNull();
        for (const label of ['Temporary password', 'Your new password', 'Repeat your new password'])
          expect(screen.getByLabelText(label)).toBeDisabled();
        expect(screen.getByRole('button', { name: 'Set new password' })).toBeDisabled();
        const forgot = within(notice).getByRole('link', { name: 'Forgot your password? Reset it' });
        expect(forgot).toHaveAttribute(
          'href',
          `${BASE}/identity/password_forgot_init?userIdHint=new.user%40example.com&requestId=${REQUEST_ID}&type=email`,
        );
        expect(
          screen.getByRole('link', { name: 'Sign in with another account' }),
        ).toBeInTheDocument();
        jest.advanceTimersByTime(60_000);
        await waitFor(() => expect(within(notice).getByRole('timer')).toHaveTextContent('01:05'));
        jest.advanceTimersByTime(65_000);
        expect(await within(notice).findByRole('status')).toHaveTextContent(
          'You can try again now.',
        );
        expect(within(notice).queryByRole('timer')).toBeNull();
        expect(screen.getByLabelText('Your new password')).toBeEnabled();
        expect(screen.getByRole('button', { name: 'Set new password' })).toBeEnabled();
      } finally {
        jest.useRealTimers();
      }
    });

    it('without retry_after, says to wait a while and leaves the form usable (cidaas tells the rest)', async () => {
      await setupReady({ error: 'too_many_attempts' });
      const notice = screen.getByRole('region', {
        name: 'Too many attempts with a wrong password',
      });
      expect(notice).toHaveTextContent('For your security, the form is locked for a while.');
      expect(within(notice).queryByRole('timer')).toBeNull();
      expect(screen.getByLabelText('Your new password')).toBeEnabled();
    });
  });

  describe('success page (after a reset)', () => {
    const setupSuccess = (query: Record<string, string>) => setup(query, 'password_set_success');

    it('confirms the change, shows the tenant and offers to continue to sign-in (E12)', async () => {
      const { http } = await setupSuccess({ requestId: REQUEST_ID, suggested_action: 'LOGIN' });
      http
        .expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`)
        .respond({ success: true, status: 200, data: { client_display_name: 'Acme Demo' } });
      const heading = await screen.findByRole('heading', {
        name: 'Your password has been changed',
      });
      await waitFor(() => expect(heading).toHaveFocus());
      expect(screen.getByText('Acme Demo')).toBeInTheDocument();
      expect(document.title).toBe('Password changed – Acme Demo');
      expect(screen.getByRole('link', { name: 'Continue to sign in' })).toHaveAttribute(
        'href',
        `${BASE}/authz-srv/authz/resolve_redirect/${REQUEST_ID}`,
      );
      http.expectNone(`${BASE}/token-srv/prelogin/metadata/${LSID}`);
    });

    it('still confirms when client info fails, with the default look', async () => {
      const { http } = await setupSuccess({ requestId: REQUEST_ID });
      http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`).respondText('oops', 500);
      await screen.findByRole('heading', { name: 'Your password has been changed' });
      expect(screen.getByRole('link', { name: 'Continue to sign in' })).toBeInTheDocument();
    });

    it('changes nothing once destroyed, even when client info arrives afterwards', async () => {
      const { http, fixture } = await setupSuccess({ requestId: REQUEST_ID });
      document.title = 'before';
      fixture.destroy();
      http
        .expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`)
        .respond({ success: true, status: 200, data: { client_display_name: 'Acme Demo' } });
      await afterPendingWork();
      expect(document.title).toBe('before');
    });

    it('without a usable requestId, points back to the application', async () => {
      await setupSuccess({ requestId: '<script>' });
      await screen.findByRole('heading', { name: 'Your password has been changed' });
      expect(screen.queryByRole('link', { name: /sign in/i })).toBeNull();
      expect(screen.getByText(/go back to the application/)).toBeInTheDocument();
    });
  });
});

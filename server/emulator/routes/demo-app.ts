import { randomBytes } from 'node:crypto';

import { Router } from 'express';

import { rulesFromPolicy, type PasswordPolicy } from '../../../src/contract/password-policy';
import { html, messagePage, renderPage } from '../../html';
import { queryParam, requestOrigin } from '../http';
import { pickLanguage } from '../locale';
import { CALLBACK_PATH } from '../oauth';
import { BREACHED_PASSWORDS } from '../passwords';
import { loadSeed, type EmulatorStore, type Seed } from '../store';

/** A demo account as listed on the demo application page and in the start banner. */
export interface DemoAccount {
  readonly username: string;
  readonly password: string;
  readonly behaviour: string;
}

/** The seeded accounts with their plain demo passwords (this is a local emulator) and what happens at login. */
export function demoAccounts(seed: Seed = loadSeed()): DemoAccount[] {
  return seed.users.map((user) => {
    const previous = user.previousPasswords ?? [];
    let behaviour = 'no change needed: signs in directly';
    if (user.mustChangePassword) {
      behaviour =
        user.reason === 'admin_required'
          ? 'flagged by an admin: must change the password'
          : 'pre-created account, first login: must set a new password';
      if (previous.length > 0) behaviour += ` (recently used: ${previous.join(', ')})`;
    }
    return { username: user.username, password: user.password, behaviour };
  });
}

/** The client the demo application signs in with. */
export const DEMO_CLIENT_ID = 'demo-client';

/** A short English description of a policy for the demo page, from the shared policy module's rules. */
export function describePolicy(policy: PasswordPolicy | undefined): string {
  const parts = rulesFromPolicy(policy).map((rule) => {
    switch (rule.id) {
      case 'minimumLength':
        return `at least ${rule.min} characters`;
      case 'maximumLength':
        return `at most ${rule.max} characters`;
      case 'noOfDigits':
        return `at least ${rule.min} digit(s)`;
      case 'noOfSpecialChars':
        return `at least ${rule.min} special character(s)`;
      case 'lowerAndUpperCase':
        return 'upper and lower case';
    }
  });
  return parts.length > 0 ? parts.join(', ') : 'no rules';
}

function randomToken(): string {
  return randomBytes(16).toString('base64url');
}

/** The demo relying party: `GET /` (start page with "Sign in") and `GET /callback` (redeems the code). */
export function demoAppRoutes(store: EmulatorStore, accounts: readonly DemoAccount[]): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const uiLocales = queryParam(req, 'ui_locales');
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        renderPage({
          lang: 'en',
          title: 'Acme Demo application',
          body: html`<h1>Acme Demo application</h1>
<p>A stand-in for the app that sends users to cidaas. Sign in to start the flow; users who must change their password are sent to the <code>password_set</code> page.</p>
<form method="get" action="/authz-srv/authz">
  <input type="hidden" name="client_id" value="${DEMO_CLIENT_ID}">
  <input type="hidden" name="redirect_uri" value="${requestOrigin(req) + CALLBACK_PATH}">
  <input type="hidden" name="response_type" value="code">
  <input type="hidden" name="scope" value="openid profile email">
  <input type="hidden" name="state" value="${randomToken()}">
  <input type="hidden" name="nonce" value="${randomToken()}">
  ${uiLocales ? html`<input type="hidden" name="ui_locales" value="${uiLocales}">` : ''}
  <button type="submit">Sign in</button>
</form>
<p class="muted">Language: <a href="/?ui_locales=en">English</a> · <a href="/?ui_locales=de">Deutsch</a>${uiLocales ? html` (current: <code>${uiLocales}</code>)` : ''}</p>
<h2>Demo accounts</h2>
<table>
  <thead><tr><th scope="col">Email</th><th scope="col">Password</th><th scope="col">What happens</th></tr></thead>
  <tbody>
${accounts.map(
  (
    account,
  ) => html`    <tr><td><code>${account.username}</code></td><td><code>${account.password}</code></td><td>${account.behaviour}</td></tr>
`,
)}  </tbody>
</table>
<p class="muted">Password policy of the demo client: ${describePolicy(store.getClient(DEMO_CLIENT_ID)?.password_policy)}. Known breached passwords (rejected): ${[...BREACHED_PASSWORDS].map((password, index) => html`${index > 0 ? ', ' : ''}<code>${password}</code>`)}.</p>`,
        }),
      );
  });

  router.get(CALLBACK_PATH, (req, res) => {
    res.set('Cache-Control', 'no-store').type('html');
    const code = queryParam(req, 'code');
    const state = queryParam(req, 'state');
    const redeemed = code ? store.redeemCode(code) : undefined;
    if (!redeemed) {
      res.status(400).send(
        messagePage({
          title: 'Sign-in failed',
          message: 'The authorization code is missing, unknown, expired or was already used.',
          link: { href: '/', text: 'Back to the demo application' },
        }),
      );
      return;
    }
    const lang = pickLanguage(redeemed.request.ui_locales);
    res.send(
      renderPage({
        lang,
        title: 'Signed in',
        body: html`<h1>Signed in as ${redeemed.user.email}</h1>
<dl>
  <dt>Authorization code</dt><dd><code>${code}</code></dd>
  <dt>State</dt><dd><code>${state ?? '(none)'}</code></dd>
</dl>
<p><a href="/">Back to the demo application</a></p>`,
      }),
    );
  });

  return router;
}

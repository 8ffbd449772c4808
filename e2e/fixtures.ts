import AxeBuilder from '@axe-core/playwright';
import { APIRequestContext, Page, expect, test as base } from '@playwright/test';
import { LoginPage } from './pages/login.page';
import { PasswordSetPage } from './pages/password-set.page';

/** The demo users seeded into the emulator (see README). */
export const USERS = {
  newUser: { username: 'new.user@example.com', password: 'Welcome-2026' },
  flaggedUser: { username: 'flagged.user@example.com', password: 'Flagged-2026' },
  regularUser: { username: 'regular.user@example.com', password: 'Regular-2026' },
} as const;

/** A login session that reached the password_set page, created through the emulator's control API. */
export interface LoginSession {
  readonly requestId: string;
  readonly lsid: string;
  /** The relative password_set URL with `lsid` and `requestId`. */
  readonly url: string;
}

/** A reset cidaas' forgot-password flow started (`POST /__emulator/reset-sessions`): the password_set URL its mail links to, and its ids. */
export interface ResetSession {
  readonly url: string;
  readonly requestId: string;
  readonly rprq: string;
  readonly exchangeId: string;
  readonly code: string;
}

/** A fault the emulator injects into matching requests. */
export interface Fault {
  readonly path: string;
  readonly status?: number;
  readonly delayMs?: number;
  readonly drop?: boolean;
  readonly times?: number;
  readonly body?: string;
  readonly contentType?: string;
}

/** The emulator's test-control API (state-changing calls send JSON, `{}` when there is nothing to say: it refuses anything else). */
export class Emulator {
  constructor(private readonly request: APIRequestContext) {}

  /** Restores the seed: users, clients; clears sessions and faults. */
  async reset(): Promise<void> {
    expect((await this.request.post('/__emulator/reset', { data: {} })).ok()).toBe(true);
  }

  /** Signs a user in without the login UI (for `client_id`, default `demo-client`) and returns the password_set URL cidaas would redirect to. */
  async loginSession(options: {
    username: string;
    password: string;
    ui_locales?: string;
    client_id?: string;
  }): Promise<LoginSession> {
    const response = await this.request.post('/__emulator/login-sessions', { data: options });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as LoginSession;
  }

  /** Starts cidaas' forgot-password flow for a user, as if the reset mail's link was opened; returns the password_set URL and the reset's ids. */
  async resetSession(username: string): Promise<ResetSession> {
    const response = await this.request.post('/__emulator/reset-sessions', { data: { username } });
    expect(response.ok(), await response.text()).toBe(true);
    return (await response.json()) as ResetSession;
  }

  /** Marks a track as expired. */
  async expireTrack(lsid: string): Promise<void> {
    expect((await this.request.post(`/__emulator/tracks/${lsid}/expire`, { data: {} })).ok()).toBe(
      true,
    );
  }

  /** Adds a fault. */
  async fault(fault: Fault): Promise<void> {
    expect((await this.request.post('/__emulator/faults', { data: fault })).ok()).toBe(true);
  }

  /** Removes every fault. */
  async clearFaults(): Promise<void> {
    expect((await this.request.delete('/__emulator/faults', { data: {} })).ok()).toBe(true);
  }

  /** Updates a client (partial client info). */
  async updateClient(clientId: string, info: Record<string, unknown>): Promise<void> {
    expect((await this.request.put(`/__emulator/clients/${clientId}`, { data: info })).ok()).toBe(
      true,
    );
  }
}

/** Fails the test with the list of accessibility violations axe-core finds on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(summary).toEqual([]);
}

/**
 * What the automatic `browserProblems` fixture collected: every Content-Security-Policy or Trusted
 * Types violation and every console error of the test. A test that provokes a particular console
 * error on purpose declares it with {@link BrowserProblems.allow}; violations cannot be allowed.
 */
export class BrowserProblems {
  /** CSP and Trusted Types violations, as `directive blocked URI (source)`. */
  readonly violations: string[] = [];
  /** Console errors and uncaught page errors, as their text. */
  readonly errors: string[] = [];
  private readonly allowed: RegExp[] = [];

  /** Accepts console errors matching `pattern` in this test (for a failure the test provokes on purpose). */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  /** The errors no `allow` pattern covers. */
  unexpectedErrors(): string[] {
    return this.errors.filter((text) => !this.allowed.some((pattern) => pattern.test(text)));
  }
}

// Chromium's own report of an HTTP error status or a dropped connection ("Failed to load resource:
// the server responded with a status of 500", "net::ERR_EMPTY_RESPONSE"). The failure tests provoke
// these through the emulator and assert the page's answer themselves; a resource blocked by the CSP
// is reported as a violation instead, so this cannot hide one.
const NETWORK_FAILURE_REPORT = /^Failed to load resource: /;
const VIOLATION_PREFIX = '[securitypolicyviolation]';

/**
 * Signs a demo user in (the new user unless told otherwise) through the emulator and opens the form
 * of that fresh session; resolves with the session once the form shows.
 */
export type OpenForm = (user?: {
  readonly username: string;
  readonly password: string;
}) => Promise<LoginSession>;

/** Test fixtures: a reset emulator, the page objects, the watch for browser problems, and {@link OpenForm}. */
export const test = base.extend<{
  emulator: Emulator;
  passwordSet: PasswordSetPage;
  login: LoginPage;
  browserProblems: BrowserProblems;
  openForm: OpenForm;
}>({
  // Automatic: every test starts from the seed, whether or not it talks to the emulator itself.
  emulator: [
    async ({ request }, use) => {
      const emulator = new Emulator(request);
      await emulator.reset();
      await use(emulator);
    },
    { auto: true },
  ],
  // Automatic: any CSP or Trusted Types violation, or an unexpected console error, fails the test.
  browserProblems: [
    async ({ page }, use) => {
      const problems = new BrowserProblems();
      await page.addInitScript((prefix) => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(
            `${prefix} ${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} (${event.sourceFile || event.documentURI}:${event.lineNumber})`,
          );
        });
      }, VIOLATION_PREFIX);
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const text = message.text();
        if (text.startsWith(VIOLATION_PREFIX))
          problems.violations.push(text.slice(VIOLATION_PREFIX.length).trim());
        else if (!NETWORK_FAILURE_REPORT.test(text)) problems.errors.push(text);
      });
      page.on('pageerror', (error) => problems.errors.push(`uncaught: ${error.message}`));
      await use(problems);
      expect(problems.violations, 'Content-Security-Policy or Trusted Types violations').toEqual(
        [],
      );
      expect(problems.unexpectedErrors(), 'console errors').toEqual([]);
    },
    { auto: true },
  ],
  passwordSet: async ({ page }, use) => {
    await use(new PasswordSetPage(page));
  },
  login: async ({ page }, use) => {
    await use(new LoginPage(page));
  },
  openForm: async ({ emulator, passwordSet }, use) => {
    await use(async (user = USERS.newUser) => {
      const session = await emulator.loginSession(user);
      await passwordSet.open(session.url);
      await expect(passwordSet.heading).toHaveText('Choose a new password');
      return session;
    });
  },
});

export { expect };
export { box } from './box';

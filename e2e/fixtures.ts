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

/** A fault the emulator injects into matching requests. */
export interface Fault {
  readonly path: string;
  readonly status?: number;
  readonly delayMs?: number;
  readonly drop?: boolean;
  readonly times?: number;
  readonly body?: string;
}

/** The emulator's test-control API. */
export class Emulator {
  constructor(private readonly request: APIRequestContext) {}

  /** Restores the seed: users, clients; clears sessions and faults. */
  async reset(): Promise<void> {
    expect((await this.request.post('/__emulator/reset')).ok()).toBe(true);
  }

  /** Signs a user in without the login UI and returns the password_set URL cidaas would redirect to. */
  async loginSession(options: { username: string; password: string; ui_locales?: string }): Promise<LoginSession> {
    const response = await this.request.post('/__emulator/login-sessions', { data: options });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as LoginSession;
  }

  /** Marks a track as expired. */
  async expireTrack(lsid: string): Promise<void> {
    expect((await this.request.post(`/__emulator/tracks/${lsid}/expire`)).ok()).toBe(true);
  }

  /** Adds a fault. */
  async fault(fault: Fault): Promise<void> {
    expect((await this.request.post('/__emulator/faults', { data: fault })).ok()).toBe(true);
  }

  /** Updates a client (partial client info). */
  async updateClient(clientId: string, info: Record<string, unknown>): Promise<void> {
    expect((await this.request.put(`/__emulator/clients/${clientId}`, { data: info })).ok()).toBe(true);
  }
}

/** Fails the test with the list of accessibility violations axe-core finds on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(summary).toEqual([]);
}

/** Test fixtures: a reset emulator and page objects. */
export const test = base.extend<{ emulator: Emulator; passwordSet: PasswordSetPage; login: LoginPage }>({
  // Automatic: every test starts from the seed, whether or not it talks to the emulator itself.
  emulator: [
    async ({ request }, use) => {
      const emulator = new Emulator(request);
      await emulator.reset();
      await use(emulator);
    },
    { auto: true },
  ],
  passwordSet: async ({ page }, use) => {
    await use(new PasswordSetPage(page));
  },
  login: async ({ page }, use) => {
    await use(new LoginPage(page));
  },
});

export { expect };

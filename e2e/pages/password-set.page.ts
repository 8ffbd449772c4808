import { Locator, Page } from '@playwright/test';
import { postForm } from '../../src/app/cidaas/form-post';
import { type Box, box } from '../box';

/** The password_set page, by role and label (English unless a test switches language). */
export class PasswordSetPage {
  readonly heading: Locator;
  readonly currentPassword: Locator;
  readonly newPassword: Locator;
  readonly confirmPassword: Locator;
  readonly submitButton: Locator;
  /** An alert: the startup failure's, or the error summary's (see {@link errorSummary}). */
  readonly alert: Locator;
  /** The error summary above the form (client-side validation or an error from cidaas), an alert. */
  readonly errorSummary: Locator;
  readonly otherAccount: Locator;
  /** Auth0 mode's way out (instead of {@link otherAccount}). */
  readonly cancelAndSignOut: Locator;
  readonly checklist: Locator;
  readonly signInAgain: Locator;
  /** Change mode's way to cidaas' forgot-password page, under the current password. */
  readonly forgotPassword: Locator;
  /** The advisory warning under the new password that it is known from data breaches. */
  readonly breachWarning: Locator;
  /** The strength meter's line under the new password: its level in words (empty until it rates). */
  readonly strength: Locator;
  /** The strength meter's bar (decoration, hidden from assistive technology: the line says it). */
  readonly strengthBar: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    // Named after the reason: "Temporary password" on a first sign-in, "Current password" otherwise.
    this.currentPassword = page.getByLabel(/^(Current|Temporary) password$/);
    this.newPassword = page.getByLabel('New password', { exact: true });
    this.confirmPassword = page.getByLabel('Confirm new password', { exact: true });
    this.submitButton = page.getByRole('button', { name: 'Set new password' });
    this.alert = page.getByRole('alert');
    this.errorSummary = page.getByRole('alert', {
      name: /There is a problem|Your password was not changed/,
    });
    this.otherAccount = page.getByRole('link', { name: 'Sign in with another account' });
    this.cancelAndSignOut = page.getByRole('link', { name: 'Cancel and sign out' });
    this.checklist = page.getByRole('list', { name: 'Your new password needs:' });
    this.signInAgain = page.getByRole('link', { name: 'Sign in again' });
    this.forgotPassword = page.getByRole('link', { name: 'Forgot your password? Reset it' });
    this.breachWarning = page.getByText('This password has appeared in a data breach', {
      exact: false,
    });
    this.strength = page.locator('#ps-new-password-strength [aria-live]');
    this.strengthBar = page.locator('#ps-new-password-strength meter');
  }

  /** Opens the page at a (relative) password_set URL. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  /**
   * The URL at which the browser next shows the page (a redirect back from cidaas, a reload), with the
   * query as the server sent it: once the page has read an error from it, it takes the error out of
   * the address bar. Call it before the action that leads there; it resolves once the new document
   * has replaced the old one.
   */
  async nextLoad(): Promise<URL> {
    let loaded: URL | undefined;
    // The URL is read as the new document commits: a moment later the page may have tidied it.
    await this.page.waitForEvent('framenavigated', (frame) => {
      const url = new URL(frame.url());
      if (frame !== this.page.mainFrame() || !/\/password_set$/.test(url.pathname)) return false;
      loaded = url;
      return true;
    });
    if (!loaded) throw new Error('no load of the password_set page');
    return loaded;
  }

  /** The show/hide toggle of a field, by the field's label. */
  toggle(fieldLabel: string): Locator {
    return this.page.getByRole('button', { name: `Show ${fieldLabel}` });
  }

  /**
   * Presses the mouse on `target` and holds it as people do: `whilePressed` runs and the page renders
   * whatever the press changed (two frames: change detection, then layout) before the release.
   * Returns where the target was at the press and just before the release.
   */
  async pressSlowly(
    target: Locator,
    whilePressed: () => Promise<unknown> = async () => undefined,
  ): Promise<{ before: Box; after: Box }> {
    await target.scrollIntoViewIfNeeded();
    const before = await box(target);
    await this.page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
    await this.page.mouse.down();
    await whilePressed();
    await this.page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    const after = await box(target);
    await this.page.mouse.up();
    return { before, after };
  }

  /** The checklist item whose text matches. */
  rule(text: RegExp): Locator {
    return this.checklist.getByRole('listitem').filter({ hasText: text });
  }

  /**
   * Pastes `text` into a field as a user does: through the system clipboard and Ctrl+V (the test
   * needs the `clipboard-read` and `clipboard-write` permissions).
   */
  async paste(field: Locator, text: string): Promise<void> {
    await this.page.evaluate((value) => navigator.clipboard.writeText(value), text);
    await field.focus();
    await this.page.keyboard.press('ControlOrMeta+V');
  }

  /**
   * The form POSTs the page sends from now on (to cidaas or the page server), each as its URL and its
   * urlencoded body: what the server receives, byte for byte.
   */
  recordPosts(): { readonly url: string; readonly body: URLSearchParams }[] {
    const posts: { url: string; body: URLSearchParams }[] = [];
    this.page.on('request', (request) => {
      if (request.method() === 'POST' && request.isNavigationRequest())
        posts.push({ url: request.url(), body: new URLSearchParams(request.postData() ?? '') });
    });
    return posts;
  }

  /** Fills the three fields and submits. */
  async changePassword(current: string, next: string, confirm: string = next): Promise<void> {
    await this.currentPassword.fill(current);
    await this.newPassword.fill(next);
    await this.confirmPassword.fill(confirm);
    await this.submitButton.click();
  }

  /**
   * Submits the form `times` times with a wrong current password (and a valid new one), each time
   * waiting until cidaas has sent the user back and the form shows again; resolves with the URLs the
   * page came back at, in order.
   */
  async submitWrongCurrentPasswords(times: number): Promise<URL[]> {
    const landings: URL[] = [];
    for (let attempt = 1; attempt <= times; attempt++) {
      const landing = this.nextLoad();
      await this.changePassword(`Wrong-${attempt}-password`, 'Sunny-Meadow-42');
      landings.push(await landing);
      await this.submitButton.waitFor();
    }
    return landings;
  }

  /**
   * Submits a form of our own from the page, around the page's validation (as an attacker or an old
   * client could): a real top-level POST, so the browser follows the server's redirects. It is the
   * page's own `postForm`, run in the page, so the request is built exactly as the page builds its own.
   */
  async postForm(action: string, fields: Readonly<Record<string, string>>): Promise<void> {
    // Serialized into the page: `postForm` imports nothing, so its source runs there as it is.
    await this.page.evaluate(
      `(${postForm.toString()})(document, ${JSON.stringify(action)}, ${JSON.stringify(fields)})`,
    );
  }

  /** Posts straight to E8 from the page, around the page's own validation. */
  async postAroundTheClient(lsid: string, fields: Readonly<Record<string, string>>): Promise<void> {
    await this.postForm(`/login-srv/precheck/continue/${lsid}`, fields);
  }
}

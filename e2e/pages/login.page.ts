import { Locator, Page } from '@playwright/test';

/** The emulator's demo application and its server-rendered cidaas login page (English or German). */
export class LoginPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly signInButton: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel(/e-?mail|username|benutzername/i);
    this.password = page.getByLabel(/password|passwort/i);
    this.signInButton = page.getByRole('button', { name: /sign in|anmelden/i });
  }

  /** Opens the demo application and starts signing in (E1 → login page). */
  async startFromDemoApp(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
    await this.page
      .getByRole('button', { name: /sign in/i })
      .or(this.page.getByRole('link', { name: /sign in/i }))
      .first()
      .click();
  }

  /** Signs in on the login page. */
  async signIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.signInButton.click();
  }
}

import { expect, test } from './fixtures';

// What a screen reader gets, in order, from the accessibility tree Chromium builds (Playwright's
// ARIA snapshots; `/children: equal` fails on anything more, fewer or reordered).

test('at first: the heading (focused), the reason, the account once, then the fields with their rules', async ({
  page,
  openForm,
  passwordSet,
}) => {
  await openForm();
  await expect(passwordSet.heading).toBeFocused();
  // The username input for password managers is not a second "Username": only "Account: …" is heard.
  await expect(page.getByRole('main')).toMatchAriaSnapshot(`
    - main:
      - /children: equal
      - heading "Choose a new password" [level=1]
      - status
      - paragraph: This is your first sign-in with a temporary password. Choose your own password to continue.
      - group:
        - /children: equal
        - paragraph: "Account: new.user@example.com"
        - text: Temporary password
        - textbox "Temporary password"
        - button "Show Temporary password" [pressed=false]
        - paragraph
        - link "Forgot your password? Reset it"
        - text: New password
        - textbox "New password"
        - button "Show New password" [pressed=false]
        - paragraph
        - paragraph
        - paragraph: "Your new password needs:"
        - list "Your new password needs:":
          - /children: equal
          - listitem: At least 10 characters (not yet met)
          - listitem: No more than 64 characters (not yet met)
          - listitem: At least 1 digit (0–9) (not yet met)
          - listitem: "At least 1 special character, such as ! ? # % (not yet met)"
          - listitem: Both lowercase and uppercase letters (not yet met)
          - listitem: Not one of your recent passwords (checked when you continue)
          - listitem: Not a password known from data breaches (checked when you continue)
        - paragraph
        - text: Confirm new password
        - textbox "Confirm new password"
        - button "Show Confirm new password" [pressed=false]
        - paragraph
        - button "Set new password"
      - status
      - paragraph:
        - link "Sign in with another account"
  `);
});

test('an invalid submit: an alert, focused, read before the form, linking each field in error', async ({
  page,
  openForm,
  passwordSet,
}) => {
  await openForm();
  await passwordSet.newPassword.fill('abc1');
  await passwordSet.toggle('New password').click();
  await passwordSet.submitButton.click();
  await expect(passwordSet.errorSummary).toBeFocused();
  // The checklist's summary is announced once typing has paused (LIVE_SUMMARY_DELAY_MS): wait for it,
  // so the snapshot is of the page at rest rather than a race with that delay.
  await expect(page.getByTestId('rules-live-summary')).toHaveText('2 of 5 requirements met');
  await expect(page.getByRole('main')).toMatchAriaSnapshot(`
    - main:
      - /children: equal
      - heading "Choose a new password" [level=1]
      - status
      - paragraph: This is your first sign-in with a temporary password. Choose your own password to continue.
      - alert "There is a problem":
        - /children: equal
        - heading "There is a problem" [level=2]
        - list:
          - /children: equal
          - listitem:
            - link "Enter your temporary password."
          - listitem:
            - link "Your new password does not meet all the requirements below."
          - listitem:
            - link "Enter your new password again."
      - group:
        - /children: equal
        - paragraph: "Account: new.user@example.com"
        - text: Temporary password
        - paragraph: ⚠ Enter your temporary password.
        - textbox "Temporary password" [invalid]
        - button "Show Temporary password" [pressed=false]
        - paragraph
        - link "Forgot your password? Reset it"
        - text: New password
        - paragraph: ⚠ Your new password does not meet all the requirements below.
        - textbox "New password" [invalid]: abc1
        - button "Show New password" [pressed=true]
        - paragraph
        - paragraph
        - paragraph: "Your new password needs:"
        - list "Your new password needs:":
          - /children: equal
          - listitem: At least 10 characters (not met)
          - listitem: No more than 64 characters (met)
          - listitem: At least 1 digit (0–9) (met)
          - listitem: "At least 1 special character, such as ! ? # % (not met)"
          - listitem: Both lowercase and uppercase letters (not met)
          - listitem: Not one of your recent passwords (checked when you continue)
          - listitem: Not a password known from data breaches (checked when you continue)
        - paragraph: 2 of 5 requirements met
        - text: Confirm new password
        - paragraph: ⚠ Enter your new password again.
        - textbox "Confirm new password" [invalid]
        - button "Show Confirm new password" [pressed=false]
        - paragraph
        - button "Set new password"
      - status
      - paragraph:
        - link "Sign in with another account"
  `);
});

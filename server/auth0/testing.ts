/**
 * Helpers for the Auth0 server tests (not a test file itself): read the page that POSTs the user to
 * `/continue`, and post forms without following redirects.
 */
import assert from 'node:assert/strict';

/** The form of the page that takes the user to `/continue` (see `continue-page.ts`). */
export interface ContinueForm {
  readonly action: string;
  readonly method: string;
  readonly fields: Readonly<Record<string, string>>;
}

function unescapeHtml(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Reads the `/continue` form out of the page's HTML; fails the test when there is none. */
export function continueFormOf(html: string): ContinueForm {
  const form =
    /<form id="auth0-continue" method="(?<method>[^"]*)" action="(?<action>[^"]*)">(?<inner>.*?)<\/form>/s.exec(
      html,
    );
  assert.ok(form?.groups, 'the answer is the page that posts to /continue');
  const fields: Record<string, string> = {};
  for (const input of (form.groups['inner'] ?? '').matchAll(
    /<input type="hidden" name="([^"]*)" value="([^"]*)">/g,
  )) {
    fields[unescapeHtml(input[1] ?? '')] = unescapeHtml(input[2] ?? '');
  }
  return {
    action: unescapeHtml(form.groups['action'] ?? ''),
    method: form.groups['method'] ?? '',
    fields,
  };
}

/** Posts an urlencoded form like a browser's top-level form submission, without following redirects. */
export function postForm(
  url: string,
  fields: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

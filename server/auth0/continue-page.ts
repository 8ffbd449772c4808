/**
 * The page that takes the user from our server back to Auth0's `/continue` by POST.
 *
 * Auth0: "To avoid replay attacks, the token should be sent back to Auth0 by making a POST request to
 * the `/continue` endpoint" (https://auth0.com/docs/customize/actions/explore-triggers/signup-and-login-triggers/login-trigger/redirect-with-actions,
 * "Pass information back to the Action"), and `tokenParameterName` names "the query or body
 * parameter". A redirect cannot turn into a POST with a new body (a 307 would re-send the form with the
 * password), so the answer to the password form is this small page: a form with the state and the
 * result token as hidden fields, submitted at once by a same-origin script (the page's CSP allows
 * scripts from `'self'` only, never inline), with a visible button for a browser that runs no script.
 * The result token therefore never appears in a URL, a history entry or a server log.
 */
import { escapeHtml } from '../html';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import {
  DEFAULT_LANGUAGE,
  negotiateLanguage,
  textDirection,
  type SupportedLanguage,
} from '../../src/app/i18n/locale';

/** Where the script that submits the form is served (by the Auth0 routes). */
export const CONTINUE_SCRIPT_PATH = '/auth0/password_set/continue.js';

/** The script: submits the one form of the page (its id is fixed). */
export const CONTINUE_SCRIPT =
  "'use strict';\ndocument.getElementById('auth0-continue').submit();\n";

/** The texts of the page, from the page's own translations (`success.*`). */
interface ContinueTexts {
  readonly title: string;
  readonly heading: string;
  readonly button: string;
}

const ENGLISH: ContinueTexts = {
  title: 'Password changed',
  heading: 'Your password has been changed',
  button: 'Continue to sign in',
};

const I18N_DIR = resolve(__dirname, '../../i18n');
const textsByLanguage = new Map<SupportedLanguage, ContinueTexts>();

function text(source: unknown, key: string, fallback: string): string {
  const value: unknown =
    typeof source === 'object' && source !== null ? Reflect.get(source, key) : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value : fallback;
}

/** The texts in a language, read once from `i18n/<lang>.json`; English where a file or key is missing. */
function textsFor(language: SupportedLanguage): ContinueTexts {
  const cached = textsByLanguage.get(language);
  if (cached !== undefined) return cached;
  let success: unknown;
  try {
    success = Reflect.get(
      JSON.parse(readFileSync(resolve(I18N_DIR, `${language}.json`), 'utf8')),
      'success',
    );
  } catch {
    success = undefined;
  }
  const texts = {
    title: text(success, 'title', ENGLISH.title),
    heading: text(success, 'heading', ENGLISH.heading),
    button: text(success, 'continue', ENGLISH.button),
  };
  textsByLanguage.set(language, texts);
  return texts;
}

/** What {@link renderContinuePage} needs. */
export interface ContinuePageInput {
  /** The tenant's `/continue` URL. */
  readonly action: string;
  /** The hidden fields: `state` and the result token. */
  readonly fields: Readonly<Record<string, string>>;
  /** The page's language as the form sent it (`ui_locales`), if any. */
  readonly uiLocales: string | undefined;
  /** The browser's languages (`Accept-Language`), in order of preference. */
  readonly browserLanguages: readonly string[];
}

/** The HTML of the page (see the module comment), in the user's language and writing direction. */
export function renderContinuePage(input: ContinuePageInput): string {
  const language = negotiateLanguage(input.uiLocales, input.browserLanguages);
  const texts = textsFor(language);
  const hidden = Object.entries(input.fields)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join('');
  return `<!doctype html>
<html lang="${escapeHtml(language)}" dir="${textDirection(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(texts.title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;min-height:100vh;display:grid;place-items:center;background:#f4f5f7;color:#1a1a1a}
main{max-width:26rem;margin:1rem;padding:2rem;background:#fff;border-radius:.5rem;text-align:center}
button{font:inherit;padding:.75rem 1.5rem;border:0;border-radius:.375rem;background:#1d4ed8;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
@media (forced-colors:active){button{border:1px solid ButtonText}}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(texts.heading)}</h1>
<form id="auth0-continue" method="post" action="${escapeHtml(input.action)}">${hidden}<button type="submit">${escapeHtml(texts.button)}</button></form>
</main>
<script src="${CONTINUE_SCRIPT_PATH}"></script>
</body>
</html>
`;
}

/** The default language's texts, for tests. */
export function continueTextsFor(language: SupportedLanguage = DEFAULT_LANGUAGE): ContinueTexts {
  return textsFor(language);
}

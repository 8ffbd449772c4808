/** The page that POSTs the user back to Auth0's `/continue`: what it carries, how it is escaped, which language it speaks. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import {
  CONTINUE_SCRIPT,
  CONTINUE_SCRIPT_PATH,
  continueTextsFor,
  renderContinuePage,
} from './continue-page';
import { continueFormOf } from './testing';

const ACTION = 'https://login.acme.com/continue';

function render(
  fields: Readonly<Record<string, string>>,
  uiLocales?: string,
  browserLanguages: readonly string[] = [],
): string {
  return renderContinuePage({ action: ACTION, fields, uiLocales, browserLanguages });
}

describe('renderContinuePage', () => {
  it('is a POST form to /continue with the fields hidden, a visible button, and the same-origin script that submits it', () => {
    const html = render({ state: 'abc', session_token: 'x.y.z' });
    assert.deepEqual(continueFormOf(html), {
      action: ACTION,
      method: 'post',
      fields: { state: 'abc', session_token: 'x.y.z' },
    });
    assert.ok(html.includes(`<button type="submit">${continueTextsFor('en').button}</button>`));
    assert.ok(html.includes(`<script src="${CONTINUE_SCRIPT_PATH}"></script>`));
    assert.doesNotMatch(html, /<script>/, 'no inline script (the CSP allows none)');
    assert.match(CONTINUE_SCRIPT, /getElementById\('auth0-continue'\)\.submit\(\)/);
  });

  it('carries any field value unchanged and never lets it out of its attribute', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (state) => {
        const html = render({ state, session_token: 't' });
        assert.equal(continueFormOf(html).fields['state'], state);
        assert.equal(html.match(/<input /g)?.length, 2);
        assert.equal(html.match(/<script/g)?.length, 1);
      }),
    );
    const hostile = render({ state: '"><script>alert(1)</script>', session_token: "'&<>" });
    assert.doesNotMatch(hostile, /<script>alert/);
    assert.deepEqual(continueFormOf(hostile).fields, {
      state: '"><script>alert(1)</script>',
      session_token: "'&<>",
    });
  });

  it("speaks the page's language (ui_locales first, then the browser's), in its direction, and English otherwise", () => {
    assert.match(render({}, 'fr', ['de']), /<html lang="fr" dir="ltr">/);
    assert.match(render({}, undefined, ['de-AT', 'en']), /<html lang="de" dir="ltr">/);
    assert.match(render({}, 'he'), /<html lang="he" dir="rtl">/);
    assert.match(render({}, 'zz', ['*']), /<html lang="en" dir="ltr">/);
    assert.notEqual(
      continueTextsFor('fr').heading,
      continueTextsFor('en').heading,
      'the French file has its own text',
    );
  });
});

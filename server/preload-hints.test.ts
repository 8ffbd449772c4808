import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  assetPreloadLinks,
  baseHrefOf,
  browserLanguagesOf,
  MAX_ACCEPT_LANGUAGES,
  preloadLinkHeader,
  startupFetchUrls,
  startupFetchUrlsAt,
} from './preload-hints';

const LSID = '1ea61648-fbe7-4673-bb8b-18a06d8addd8';
const REQUEST_ID = '9080d117-43e2-4a03-8215-a9f7a03e2999';
const RPRQ = '5b0a4f3c-1d2e-4f60-8a9b-0c1d2e3f4a5b';
const SETTINGS = { cidaasBaseUrl: 'https://acme.cidaas.de', baseHref: '/' };

const E3 = `https://acme.cidaas.de/public-srv/public/${REQUEST_ID}`;
const e5 = (language: string) =>
  `https://acme.cidaas.de/registration-setup-srv/public/list?acceptlanguage=${language}&requestId=${REQUEST_ID}`;
const E7 = `https://acme.cidaas.de/token-srv/prelogin/metadata/${LSID}`;

function urls(
  query: Record<string, string>,
  browserLanguages: readonly string[] = ['en-US', 'en'],
): string[] {
  return startupFetchUrls(new URLSearchParams(query), browserLanguages, SETTINGS);
}

describe('startupFetchUrls', () => {
  it('names the translation, E3, E5 and E7 for a login in the browser language', () => {
    assert.deepEqual(urls({ lsid: LSID, requestId: REQUEST_ID }), [
      '/i18n/en.json',
      E3,
      e5('en'),
      E7,
    ]);
  });

  it('adds the translation file, under the base href, for another browser language', () => {
    const paths = startupFetchUrls(
      new URLSearchParams({ lsid: LSID, requestId: REQUEST_ID }),
      ['de-DE', 'en'],
      { ...SETTINGS, baseHref: '/identity/' },
    );
    assert.deepEqual(paths, ['/identity/i18n/de.json', E3, e5('de'), E7]);
  });

  it('leaves E3 to the page when ui_locales picks a language the browser header would not (its Accept-Language differs)', () => {
    assert.deepEqual(urls({ lsid: LSID, requestId: REQUEST_ID, ui_locales: 'fr-CA' }), [
      '/i18n/fr.json',
      e5('fr'),
      E7,
    ]);
  });

  it('keeps E3 when ui_locales agrees with the browser', () => {
    assert.deepEqual(urls({ lsid: LSID, requestId: REQUEST_ID, ui_locales: 'fr' }, ['fr-FR']), [
      '/i18n/fr.json',
      E3,
      e5('fr'),
      E7,
    ]);
  });

  it("names the one translation file when the URL carries cidaas' error (it holds every state's messages)", () => {
    assert.deepEqual(
      urls(
        { lsid: LSID, requestId: REQUEST_ID, ui_locales: 'de', error: 'password_already_used' },
        ['de'],
      ),
      ['/i18n/de.json', E3, e5('de'), E7],
    );
  });

  it('has no E7 in reset mode (no login track)', () => {
    assert.deepEqual(urls({ rprq: RPRQ, exchangeId: LSID, requestId: REQUEST_ID }), [
      '/i18n/en.json',
      E3,
      e5('en'),
    ]);
  });

  it('names nothing for links the page answers without those requests', () => {
    assert.deepEqual(urls({ lsid: LSID }), [], 'missing requestId');
    assert.deepEqual(urls({ lsid: LSID, requestId: 'not-a-uuid' }), [], 'malformed requestId');
    assert.deepEqual(
      urls({ lsid: LSID, requestId: REQUEST_ID, error: 'track_expired' }),
      [],
      'expired track',
    );
    assert.deepEqual(urls({ session_token: 'a.b.c', state: 's1' }), [], 'Auth0 mode');
  });

  it('uses relative URLs when cidaas is the page origin', () => {
    const paths = startupFetchUrls(
      new URLSearchParams({ lsid: LSID, requestId: REQUEST_ID }),
      ['en'],
      { cidaasBaseUrl: '', baseHref: '/' },
    );
    assert.deepEqual(paths, [
      '/i18n/en.json',
      `/public-srv/public/${REQUEST_ID}`,
      `/registration-setup-srv/public/list?acceptlanguage=en&requestId=${REQUEST_ID}`,
      `/token-srv/prelogin/metadata/${LSID}`,
    ]);
  });
});

describe('startupFetchUrlsAt', () => {
  it('names nothing on the success page, whose documented trackId is no login track', () => {
    const success = new URLSearchParams({
      requestId: REQUEST_ID,
      suggested_action: 'LOGIN',
      trackId: LSID,
    });
    assert.deepEqual(
      startupFetchUrlsAt('/identity/password_set_success', success, ['en'], SETTINGS),
      [],
    );
    assert.deepEqual(
      startupFetchUrlsAt('/identity/password_set', success, ['en'], SETTINGS),
      urls({ lsid: LSID, requestId: REQUEST_ID }, ['en']),
    );
  });
});

describe('preloadLinkHeader', () => {
  it('preloads each URL as a CORS fetch, or sends no header at all', () => {
    assert.equal(
      preloadLinkHeader(['/a', 'https://x.example/b?c=d']),
      '</a>; rel=preload; as=fetch; crossorigin, <https://x.example/b?c=d>; rel=preload; as=fetch; crossorigin',
    );
    assert.equal(preloadLinkHeader([]), null);
  });
});

describe('baseHrefOf', () => {
  it('reads <base href> and ends it with a slash', () => {
    assert.equal(baseHrefOf('<head><base href="/identity/"></head>'), '/identity/');
    assert.equal(baseHrefOf('<head><base href="/identity"></head>'), '/identity/');
    assert.equal(baseHrefOf('<head></head>'), '/');
  });
});

describe('assetPreloadLinks', () => {
  const INDEX = [
    '<head><base href="/identity/"><link rel="icon" href="favicon.svg">',
    '<link rel="stylesheet" href="styles-AAAA1111.css" crossorigin="anonymous" integrity="sha384-css"></head>',
    '<body><link rel="modulepreload" href="chunk-BBBB2222.js" integrity="sha384-chunk">',
    '<script src="main-CCCC3333.js" type="module" crossorigin="anonymous" integrity="sha384-main"></script></body>',
  ].join('');

  it('names the stylesheet and the module scripts under the base href, with their integrity, and nothing else', () => {
    assert.deepEqual(assetPreloadLinks(INDEX), [
      '</identity/styles-AAAA1111.css>; rel=preload; as=style; crossorigin; integrity="sha384-css"',
      '</identity/chunk-BBBB2222.js>; rel=modulepreload; integrity="sha384-chunk"',
      '</identity/main-CCCC3333.js>; rel=modulepreload; crossorigin; integrity="sha384-main"',
    ]);
  });
});

describe('browserLanguagesOf', () => {
  it("lists the Accept-Language header's languages by preference, like navigator.languages", () => {
    assert.deepEqual(browserLanguagesOf('de-DE,de;q=0.9,en;q=0.8'), ['de-DE', 'de', 'en']);
    assert.deepEqual(browserLanguagesOf('en;q=0.5, fr'), ['fr', 'en']);
    assert.deepEqual(browserLanguagesOf('*, de;q=0.1'), ['de']);
    assert.deepEqual(browserLanguagesOf(undefined), []);
    assert.deepEqual(browserLanguagesOf(''), []);
  });

  it('considers only the first ten entries, in header order', () => {
    const ten = Array.from({ length: MAX_ACCEPT_LANGUAGES }, (_, index) => `x${index}`);
    assert.equal(MAX_ACCEPT_LANGUAGES, 10);
    assert.deepEqual(browserLanguagesOf([...ten, 'de'].join(',')), ten);
    // The eleventh is ignored even when it is rated highest.
    assert.deepEqual(
      browserLanguagesOf([...ten.map((tag) => `${tag};q=0.5`), 'de;q=1'].join(',')),
      ten,
    );
  });

  it('skips entries longer than a language tag with its q-value can sensibly be', () => {
    assert.deepEqual(browserLanguagesOf(`${'a'.repeat(100)},fr;q=0.9`), ['fr']);
  });

  it('reads a 14 kB header (2,000 languages) no slower than a short one', () => {
    const huge = Array.from({ length: 2000 }, (_, index) => `x${index};q=0.${index % 10}`).join(
      ',',
    );
    assert.ok(huge.length > 14_000);
    const time = (header: string): number => {
      const started = process.hrtime.bigint();
      for (let round = 0; round < 2000; round += 1) browserLanguagesOf(header);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    time('de'); // warm up
    const short = time(
      'de-DE,de;q=0.9,en;q=0.8,fr;q=0.7,it;q=0.6,es;q=0.5,pt;q=0.4,nl;q=0.3,sv;q=0.2,da;q=0.1',
    );
    const long = time(huge);
    // Parsing all 2,000 took about 2 ms a call (4 s here); ten take microseconds however long the header.
    assert.ok(
      long < short * 3 + 50,
      `2,000 calls: ${long.toFixed(1)} ms with the 14 kB header, ${short.toFixed(1)} ms with ten languages`,
    );
  });
});

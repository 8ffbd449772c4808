import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  bytesByKind,
  chainDepths,
  classifyRequest,
  criticalRoundTrips,
  initialJsCssGzip,
  inlineStyleText,
  median,
  summarize,
  type RecordedRequest,
} from './metrics';

const PAGE = 'http://127.0.0.1:4370/identity/password_set?lsid=x&requestId=y';

function request(
  overrides: Partial<RecordedRequest> & Pick<RecordedRequest, 'id' | 'url' | 'start' | 'end'>,
): RecordedRequest {
  return {
    kind: 'other',
    transferredBytes: 100,
    gzipBytes: 80,
    inlineCssGzipBytes: 0,
    initiatorUrl: null,
    ...overrides,
  };
}

describe('median and summarize', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even count', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });

  it('rejects an empty list', () => {
    assert.throws(() => median([]), RangeError);
  });

  it('reports min, max and the spread relative to the median', () => {
    assert.deepEqual(summarize([100, 120, 80]), {
      median: 100,
      min: 80,
      max: 120,
      relativeSpread: 0.4,
      runs: 3,
    });
  });
});

describe('classifyRequest', () => {
  const cases: [string, string, string][] = [
    [PAGE, 'Document', 'html'],
    ['http://h/main-ABCD1234.js', 'Script', 'js'],
    ['http://h/styles-ABCD1234.css', 'Stylesheet', 'css'],
    ['http://h/i18n/de.json', 'Fetch', 'translation'],
    ['http://h/public-srv/public/123', 'Fetch', 'api'],
    ['http://h/token-srv/prelogin/metadata/1', 'Fetch', 'api'],
    ['http://h/favicon.svg', 'Other', 'other'],
    ['http://h/emulator-assets/logo.svg', 'Image', 'other'],
  ];
  for (const [url, type, kind] of cases) {
    it(`classifies ${url} (${type}) as ${kind}`, () => {
      assert.equal(classifyRequest(url, type), kind);
    });
  }
});

describe('chainDepths and criticalRoundTrips', () => {
  // HTML → (main.js ∥ chunk.js ∥ styles.css) → (E3 ∥ E5 ∥ E7), the shape the page should have.
  const html = request({ id: 'doc', url: PAGE, kind: 'html', start: 0, end: 300 });
  const main = request({
    id: 'main',
    url: 'http://h/main.js',
    kind: 'js',
    start: 310,
    end: 700,
    initiatorUrl: PAGE,
  });
  const chunk = request({
    id: 'chunk',
    url: 'http://h/chunk.js',
    kind: 'js',
    start: 310,
    end: 1500,
    initiatorUrl: PAGE,
  });
  const css = request({
    id: 'css',
    url: 'http://h/styles.css',
    kind: 'css',
    start: 305,
    end: 500,
    initiatorUrl: PAGE,
  });
  const apis = ['e3', 'e5', 'e7'].map((id) =>
    request({
      id,
      url: `http://h/public-srv/${id}`,
      kind: 'api',
      start: 1600,
      end: 1900,
      initiatorUrl: 'http://h/chunk.js',
    }),
  );

  it('counts three round trips for HTML → JS → data', () => {
    assert.equal(criticalRoundTrips([html, main, chunk, css, ...apis], 2000), 3);
  });

  it('follows the named initiator rather than everything that finished earlier', () => {
    // The late favicon is a child of the document, even though the scripts had finished before it started.
    const favicon = request({
      id: 'icon',
      url: 'http://h/favicon.svg',
      start: 1800,
      end: 1900,
      initiatorUrl: PAGE,
    });
    assert.equal(chainDepths([html, main, chunk, favicon]).get('icon'), 2);
  });

  it('without an initiator, hangs a request below the deepest one that finished before it started', () => {
    const orphan = request({
      id: 'late',
      url: 'http://h/i18n/de.json',
      kind: 'translation',
      start: 1950,
      end: 2100,
    });
    assert.equal(chainDepths([html, main, chunk, ...apis, orphan]).get('late'), 4);
  });

  it('counts a waterfall (data after translations after JS) as four round trips', () => {
    const translations = request({
      id: 'tr',
      url: 'http://h/i18n/de.json',
      kind: 'translation',
      start: 1510,
      end: 1800,
      initiatorUrl: 'http://h/chunk.js',
    });
    const late = request({
      id: 'e3',
      url: 'http://h/public-srv/e3',
      kind: 'api',
      start: 1810,
      end: 2100,
    });
    assert.equal(criticalRoundTrips([html, main, chunk, translations, late], 2200), 4);
  });

  it('ignores requests that start after the form is usable and requests that are not critical', () => {
    const logo = request({
      id: 'logo',
      url: 'http://h/logo.svg',
      kind: 'other',
      start: 1600,
      end: 1700,
    });
    assert.equal(criticalRoundTrips([html, main, chunk, logo, ...apis], 1550), 2);
  });
});

describe('bytesByKind', () => {
  it('adds transferred and gzip bytes per kind for the requests started before the form was usable', () => {
    const totals = bytesByKind(
      [
        request({
          id: 'a',
          url: 'http://h/a.js',
          kind: 'js',
          start: 0,
          end: 10,
          transferredBytes: 1000,
          gzipBytes: 900,
        }),
        request({
          id: 'b',
          url: 'http://h/b.js',
          kind: 'js',
          start: 5,
          end: 15,
          transferredBytes: 500,
          gzipBytes: 450,
        }),
        request({
          id: 'c',
          url: 'http://h/c.js',
          kind: 'js',
          start: 50,
          end: 60,
          transferredBytes: 7,
          gzipBytes: 7,
        }),
      ],
      20,
    );
    assert.deepEqual(totals.js, { transferred: 1500, gzip: 1350, count: 2 });
    assert.deepEqual(totals.api, { transferred: 0, gzip: 0, count: 0 });
  });
});

describe('inline CSS', () => {
  it('reads the CSS of every <style> element, not other markup', () => {
    assert.equal(
      inlineStyleText(
        '<head><style data-href="s.css">html{margin:0}</style><STYLE>p{}</STYLE></head><p>style</p>',
      ),
      'html{margin:0}p{}',
    );
    assert.equal(inlineStyleText('<p>no styles</p>'), '');
  });

  it("counts scripts, stylesheets and a document's inline CSS, before the form was usable, as initial JS+CSS", () => {
    const requests = [
      request({
        id: 'h',
        url: 'http://h/',
        kind: 'html',
        start: 0,
        end: 5,
        gzipBytes: 700,
        inlineCssGzipBytes: 300,
      }),
      request({ id: 'j', url: 'http://h/m.js', kind: 'js', start: 6, end: 20, gzipBytes: 5000 }),
      request({ id: 'c', url: 'http://h/s.css', kind: 'css', start: 6, end: 20, gzipBytes: 400 }),
      request({
        id: 't',
        url: 'http://h/i18n/en.json',
        kind: 'translation',
        start: 6,
        end: 20,
        gzipBytes: 900,
      }),
      request({
        id: 'l',
        url: 'http://h/late.js',
        kind: 'js',
        start: 99,
        end: 120,
        gzipBytes: 777,
      }),
    ];
    assert.equal(initialJsCssGzip(requests, 50), 5700);
  });
});

/**
 * Inlines the page's global stylesheet (Angular's `styles-<hash>.css`) into `index.html` as a `<style>`
 * element, after `ng build` (`scripts/build.ts`). The stylesheet is under 1 kB compressed: as a file
 * it costs a request and about 350 bytes of response headers on the critical path, and blocks the
 * first paint for a round trip; inlined, the page's colours (light or dark) paint with the HTML's
 * first bytes. The price: the HTML is never cached (`no-store`), so a later visit downloads those
 * bytes again; this page is met once per password change.
 *
 * The `<style>` keeps the file's name in `data-href`, so the budget and the bundle breakdown
 * (`bench/bundle-breakdown.ts`) still count it as the initial CSS; the file stays in the site. The
 * strict CSP allows inline styles already (Angular adds component styles as `<style>` elements).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// `<link rel="stylesheet" href="styles-….css" crossorigin="anonymous" integrity="…">` as Angular writes it.
const STYLESHEET_LINK = /<link\b(?=[^>]*\brel="stylesheet")[^>]*\bhref="([^":/]+\.css)"[^>]*>/g;

/** Replaces each local stylesheet link of `index.html` in `site` with its content; returns the files inlined. */
export function inlineStylesheets(site: string): string[] {
  const indexPath = join(site, 'index.html');
  const inlined: string[] = [];
  const html = readFileSync(indexPath, 'utf8').replace(
    STYLESHEET_LINK,
    (_tag: string, href: string) => {
      const css = readFileSync(join(site, href), 'utf8');
      // The CSS is our own build's, but a `</style` in it would end the element early: refuse rather than guess.
      if (/<\/style/i.test(css))
        throw new Error(`${href} contains "</style": it cannot be inlined`);
      inlined.push(href);
      return `<style data-href="${href}">${css}</style>`;
    },
  );
  writeFileSync(indexPath, html);
  return inlined;
}

import escapeHtmlText from 'escape-html';

/** A fragment of HTML that is already safe to insert as is (built by {@link html} or {@link trustedHtml}). */
export class SafeHtml {
  /** @param value The markup. Only {@link html} and {@link trustedHtml} should create instances. */
  constructor(readonly value: string) {}

  /** The markup, so a fragment can be used where a string is expected. */
  toString(): string {
    return this.value;
  }
}

/**
 * Escapes a value for use in HTML text and in quoted attribute values (`& < > " '`, by `escape-html`,
 * the escaper Express itself uses). The one HTML escaper of the servers.
 */
export function escapeHtml(value: unknown): string {
  return escapeHtmlText(String(value));
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

/**
 * Tagged template for HTML: every interpolated value is escaped unless it is a {@link SafeHtml}
 * (nested `html` fragments); arrays are concatenated; `undefined`, `null` and `false` render nothing.
 */
export function html(strings: TemplateStringsArray, ...values: readonly unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Marks a constant string (never user input) as safe HTML, e.g. the shared stylesheet. */
export function trustedHtml(constant: string): SafeHtml {
  return new SafeHtml(constant);
}

const STYLES = trustedHtml(`
  :root { color-scheme: light dark; --primary: #2455c3; --accent: #0f766e; --fg: #1b1f24; --bg: #f5f7fa; --card: #ffffff; --muted: #5b6470; --danger: #b42318; }
  @media (prefers-color-scheme: dark) { :root { --fg: #e8eaed; --bg: #14171b; --card: #1f2329; --muted: #a4acb7; --danger: #ff8a80; --primary: #8ab4ff; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
  main { max-width: 40rem; margin: 2rem auto; padding: 1.5rem; background: var(--card); border-radius: 12px; box-shadow: 0 1px 4px rgb(0 0 0 / 12%); }
  h1 { font-size: 1.5rem; margin-top: 0; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input[type=email], input[type=password], input[type=text] { width: 100%; padding: .6rem .7rem; margin-top: .3rem; font: inherit; border: 1px solid var(--muted); border-radius: 6px; background: transparent; color: inherit; }
  button, .button { display: inline-block; margin-top: 1.25rem; padding: .65rem 1.2rem; font: inherit; font-weight: 600; color: #fff; background: var(--primary); border: 0; border-radius: 6px; cursor: pointer; text-decoration: none; }
  @media (prefers-color-scheme: dark) { button, .button { color: #10131a; } }
  :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
  .error { color: var(--danger); font-weight: 600; }
  .muted { color: var(--muted); }
  table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
  th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid rgb(127 127 127 / 30%); vertical-align: top; }
  code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; overflow-wrap: anywhere; }
  @media (forced-colors: active) { button, .button { border: 1px solid ButtonText; } }
`);

/** What a server-rendered emulator page consists of. */
export interface PageOptions {
  /** The document language (`lang` attribute). */
  readonly lang: string;
  /** The document title. */
  readonly title: string;
  /** The content of `<main>`. */
  readonly body: SafeHtml;
}

/**
 * Renders a complete, minimal, accessible HTML document. No scripts: the emulator's CSP forbids
 * inline scripts, and these pages work without any.
 */
export function renderPage(options: PageOptions): string {
  return html`<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${options.title}</title>
<style>${STYLES}</style>
</head>
<body>
<main>
${options.body}
</main>
</body>
</html>
`.value;
}

/** Renders a simple message page: a heading, a paragraph and an optional link. */
export function messagePage(options: {
  readonly lang?: string;
  readonly title: string;
  readonly message: string;
  readonly link?: { readonly href: string; readonly text: string };
}): string {
  return renderPage({
    lang: options.lang ?? 'en',
    title: options.title,
    body: html`<h1>${options.title}</h1>
<p>${options.message}</p>
${options.link ? html`<p><a href="${options.link.href}">${options.link.text}</a></p>` : ''}`,
  });
}

/** How many `<meta name="{name}">` elements a page has. */
export function countMetaElements(indexHtml: string, name: string): number {
  return indexHtml.match(metaElement(name))?.length ?? 0;
}

/**
 * Writes a deploy-time setting into the built page: `<meta name="{name}" content="{value}">` (escaped),
 * replacing the element the build left empty. The page reads it at start-up (`src/app/config/`).
 */
export function setMetaContent(indexHtml: string, name: string, value: string): string {
  return indexHtml.replace(
    metaElement(name),
    `<meta name="${escapeHtml(name)}" content="${escapeHtml(value)}">`,
  );
}

function metaElement(name: string): RegExp {
  return new RegExp(`<meta\\b[^>]*\\bname=["']${name.replace(/[^a-z0-9-]/gi, '')}["'][^>]*>`, 'gi');
}

/**
 * The English messages the page bundles: what it must be able to say before, or without, any
 * translation file — the loading notice, the start-up failure with its retry, the document title,
 * the language switcher (offered on that failure too) and the success page (which has no failure
 * state of its own). Every other message, English included, comes from the language's file,
 * preloaded with the page (see `server/preload-hints.ts`). `npm run i18n:compile` writes these keys
 * of `i18n/en.json` to `generated/startup.en.json`; `EnglishFallback` (`english-fallback.ts`) says them.
 */
export function isStartupMessageKey(key: string): boolean {
  // Without a translation file the page can only report that it could not load (as a network
  // failure): the other start-up errors are shown with a file loaded.
  if (['page.title', 'page.loading', 'page.slow', 'startup.heading', 'startup.network', 'startup.retry'].includes(key)) return true;
  return key.startsWith('success.') || key.startsWith('language.');
}

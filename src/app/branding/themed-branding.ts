import { DOCUMENT, DestroyRef, type Signal, computed, effect, inject, signal } from '@angular/core';
import type { ClientInfo } from '../../contract/cidaas-types';
import { whenIdle } from '../config/when-idle';
import { type Branding, brandingFromClientInfo } from './branding';
import {
  type ColorParser,
  TEXT_CONTRAST,
  borderToStandOut,
  contrastRatio,
  loadColorParser,
  needsColorParser,
  readableTextOn,
} from './color';
import { type ColorScheme, DEFAULT_COLORS, type TenantTheme } from './tenant-theme';
import { TenantThemes } from './tenant-themes';

/**
 * Branding with the tenant theme applied for the current colour scheme: the logo and background of
 * the scheme, and the semantic CSS custom properties to set on the page's host element.
 */
export interface ThemedBranding extends Branding {
  /** CSS custom properties (`--ps-primary`, `--ps-surface`, …) for the page host; only validated values. */
  readonly style: Readonly<Record<string, string>>;
}

/** A URL as a CSS `url("…")` value; the characters that could end the string or the function are percent-encoded. */
export function cssUrl(url: string): string {
  return `url("${url.replace(/["'()\\\s]/g, (character) => `%${character.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`)}")`;
}

/**
 * The CSS custom properties for validated branding and theme in a colour scheme. The theme wins over
 * cidaas, cidaas over the default theme (`src/styles.css`). Derived values keep the page readable:
 * the text colour on the primary colour meets 4.5:1, a primary colour too close to the card or page
 * background gets a border that stands out (3:1), an accent colour is used for links only where it
 * reaches 4.5:1 on both backgrounds.
 */
export function brandStyle(
  branding: Branding,
  theme: TenantTheme | null,
  scheme: ColorScheme,
): Record<string, string> {
  const tokens = theme?.[scheme] ?? {};
  const defaults = DEFAULT_COLORS[scheme];
  const style: Record<string, string> = {};
  const surface = tokens.surface ?? defaults.surface;
  const pageBackground = tokens.pageBackground ?? defaults.pageBackground;
  if (tokens.surface) style['--ps-surface'] = tokens.surface;
  if (tokens.pageBackground) style['--ps-page-bg'] = tokens.pageBackground;

  const brandedPrimary = tokens.primary ?? branding.primaryColor;
  if (brandedPrimary || tokens.surface || tokens.pageBackground) {
    const primary = brandedPrimary ?? defaults.primary;
    style['--ps-primary'] = primary;
    style['--ps-on-primary'] = readableTextOn(primary);
    style['--ps-primary-border'] =
      borderToStandOut(primary, [surface, pageBackground]) ?? 'transparent';
  }

  const accent = tokens.accent ?? branding.accentColor;
  if (
    accent &&
    [surface, pageBackground].every(
      (background) => contrastRatio(accent, background) >= TEXT_CONTRAST,
    )
  ) {
    style['--ps-link'] = accent;
    style['--ps-focus'] = accent;
  }

  if (theme?.radius) style['--ps-radius'] = theme.radius;
  if (theme?.fontFamily) style['--ps-font-family'] = theme.fontFamily;
  if (theme?.logoHeight) style['--ps-logo-height'] = `${theme.logoHeight}px`;
  const background = tokens.backgroundImage ?? theme?.backgroundImage ?? branding.backgroundUrl;
  if (background) style['--ps-background-image'] = cssUrl(background);
  return style;
}

/** Applies a theme to branding for a colour scheme (pure; see {@link brandStyle}). */
export function applyTheme(
  branding: Branding,
  theme: TenantTheme | null,
  scheme: ColorScheme,
): ThemedBranding {
  const tokens = theme?.[scheme] ?? {};
  return {
    ...branding,
    logoUrl: tokens.logo ?? branding.logoUrl,
    backgroundUrl: tokens.backgroundImage ?? theme?.backgroundImage ?? branding.backgroundUrl,
    style: brandStyle(branding, theme, scheme),
  };
}

/** The page's colour scheme (`prefers-color-scheme`), following changes while the page is open. */
export function injectColorScheme(): Signal<ColorScheme> {
  const query = inject(DOCUMENT).defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
  const scheme = signal<ColorScheme>(query?.matches ? 'dark' : 'light');
  if (query) {
    const listener = (event: MediaQueryListEvent): void =>
      scheme.set(event.matches ? 'dark' : 'light');
    query.addEventListener('change', listener);
    inject(DestroyRef).onDestroy(() => query.removeEventListener('change', listener));
  }
  return scheme.asReadonly();
}

/**
 * The validated branding of the client info with the client's deploy-time theme
 * (`themes/<client_id>.json`) applied for the current colour scheme. Loads the theme after the first
 * paint with the client's branding, and the full colour parser only when a colour is not plain hex
 * (see `loadColorParser`). Call in an injection context; set `style` on the page host.
 */
export function themedBranding(clientInfo: Signal<ClientInfo | null>): Signal<ThemedBranding> {
  const themes = inject(TenantThemes);
  const pageOrigin = inject(DOCUMENT).location.origin;
  const scheme = injectColorScheme();
  const colorParser = signal<ColorParser | undefined>(undefined);
  effect(() => {
    const info = clientInfo();
    if (
      colorParser() === undefined &&
      (needsColorParser(info?.primaryColor) || needsColorParser(info?.accentColor))
    ) {
      // Until the parser arrives the default colour applies; if it never does, it stays.
      loadColorParser().then(
        (parser) => colorParser.set(parser),
        () => undefined,
      );
    }
  });
  const branding = computed(() => brandingFromClientInfo(clientInfo(), pageOrigin, colorParser()));
  // The theme is a refinement: fetched (with its parser) once the browser is idle after showing the
  // page with the cidaas branding, so it never competes with what the user needs first.
  const view = inject(DOCUMENT).defaultView;
  effect((onCleanup) => {
    const clientId = branding().clientId;
    if (clientId === null) return;
    onCleanup(whenIdle(view, () => void themes.loadTheme(clientId)));
  });
  return computed(() => {
    const current = branding();
    return applyTheme(current, themes.themeOf(current.clientId), scheme());
  });
}

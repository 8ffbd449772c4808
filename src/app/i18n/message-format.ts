import { LOCALE_ZERO_DIGITS, TRANSLATED_LANGUAGES } from '../../../generated/languages';
import { ELEMENT, type CompiledElement } from './compiled-messages';

/** Values for a message's ICU arguments (`{count}`, `{field}`…): strings and numbers. */
export type MessageParams = Readonly<Record<string, unknown>>;

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * A number as `Intl.NumberFormat` writes it in `locale`. Whole numbers below 1000 (the page's lengths,
 * counts and minutes) need no grouping, sign or decimals in any language: in a language with a
 * translation file they are written with its digits, whose zero the build took from CLDR
 * (`LOCALE_ZERO_DIGITS`), because constructing an `Intl.NumberFormat` costs 100–200 ms of a slow phone's
 * CPU (measured at 4× throttling) in the page's first render.
 */
function formatNumber(locale: string, value: number): string {
  return Number.isInteger(value) &&
    value >= 0 &&
    value < 1000 &&
    TRANSLATED_LANGUAGES.includes(locale)
    ? String(value).replace(/\d/g, (digit) =>
        String.fromCodePoint((LOCALE_ZERO_DIGITS[locale] ?? 48) + Number(digit)),
      )
    : new Intl.NumberFormat(locale).format(value);
}

function pluralCategory(locale: string, type: 'cardinal' | 'ordinal', value: number): string {
  const key = `${locale} ${type}`;
  let rules = pluralRules.get(key);
  if (rules === undefined) pluralRules.set(key, (rules = new Intl.PluralRules(locale, { type })));
  return rules.select(value);
}

function argument(params: MessageParams, name: string): string | number {
  const value = params[name];
  if (typeof value === 'string' || typeof value === 'number') return value;
  throw new Error(`no value for {${name}}`);
}

/**
 * Formats a message compiled at build time (`scripts/i18n/message-compiler.ts`) with the browser's `Intl`: CLDR
 * plural categories, `=N` cases before them, `#` as the plural's number in locale digits. The page's
 * `TranslateCompiler` (`translate-compiler.ts`) turns each compiled message into a function of this.
 *
 * Why not `intl-messageformat`'s own `formatToParts`: it would add bytes (see the README's performance
 * section) to the page's critical path for formats the page never uses (dates, times, tags, number skeletons). A test checks
 * that every message of every language, at many counts, reads exactly as `intl-messageformat` formats
 * its source text. Throws on a missing argument (or one that is neither text nor a number), a case that
 * does not exist, or an element it does not know (a garbled file).
 */
export function formatMessage(
  elements: readonly CompiledElement[],
  locale: string,
  params: MessageParams = {},
  pound: number | null = null,
): string {
  let text = '';
  for (const element of elements) {
    switch (element.type) {
      case ELEMENT.literal:
        text += element.value;
        break;
      case ELEMENT.argument:
        text += String(argument(params, element.value));
        break;
      case ELEMENT.number:
        text += formatNumber(locale, Number(argument(params, element.value)));
        break;
      case ELEMENT.pound:
        if (pound === null) throw new Error('# outside a plural');
        text += formatNumber(locale, pound);
        break;
      case ELEMENT.select: {
        const option =
          element.options[String(argument(params, element.value))] ?? element.options['other'];
        if (option === undefined) throw new Error(`no case for {${element.value}}`);
        text += formatMessage(option.value, locale, params, pound);
        break;
      }
      case ELEMENT.plural: {
        const value = Number(argument(params, element.value));
        const counted = value - (element.offset ?? 0);
        const category = pluralCategory(locale, element.pluralType ?? 'cardinal', counted);
        const option =
          element.options[`=${value}`] ?? element.options[category] ?? element.options['other'];
        if (option === undefined) throw new Error(`no case for {${element.value}}`);
        text += formatMessage(option.value, locale, params, counted);
        break;
      }
      default:
        throw new Error('an element the page does not format');
    }
  }
  return text;
}

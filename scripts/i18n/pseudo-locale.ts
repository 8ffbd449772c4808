/**
 * Pseudo-localization of ICU MessageFormat messages: only the literal text changes; arguments
 * (`{username}`), plural and select syntax (`{count, plural, one {…} other {…}}`), `#` and quoted
 * ICU text stay as written, so a pseudo-localized message formats with the same parameters.
 */

import {
  isLiteralElement,
  isPluralElement,
  isSelectElement,
  parse,
  TYPE,
  type MessageFormatElement,
} from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';

/** Rewrites one run of literal text (never ICU syntax). */
export type TextTransform = (text: string) => string;

const ACCENTED: Readonly<Record<string, string>> = {
  a: 'á',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'î',
  j: 'ĵ',
  k: 'ķ',
  l: 'ļ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ö',
  p: 'þ',
  q: 'ǫ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'û',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Å',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  F: 'Ƒ',
  G: 'Ĝ',
  H: 'Ĥ',
  I: 'Î',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ļ',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ö',
  P: 'Þ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Û',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž',
};

const PADDING = 'ōñé ţŵö ţĥŕéé ƒöûŕ ƒîṽé šîẋ šéṽéñ éîĝĥţ ñîñé ţéñ';

/** Accents every ASCII letter (`en-XA`). */
export const accent: TextTransform = (text) =>
  text.replace(/[A-Za-z]/g, (letter) => ACCENTED[letter] ?? letter);

// Right-to-left override … pop directional formatting: each word shows mirrored, as in Android's ar-XB.
const RLO = '\u202E';
const PDF = '\u202C';
const RLM = '\u200F';

/** Shows every word right to left, mirrored (`ar-XB`). */
export const mirror: TextTransform = (text) =>
  text.replace(/[^\s]+/g, (word) => `${RLO}${word}${PDF}`);

/**
 * Applies `transform` to the literal text of an ICU message: the message is parsed by the ICU parser
 * the build already uses (`@formatjs/icu-messageformat-parser`), its literal elements rewritten, and
 * the tree printed back by the parser's own printer, so `#`, arguments, plural/select syntax and ICU
 * quoting keep their meaning. Throws on a message that is not valid ICU.
 */
export function transformMessage(message: string, transform: TextTransform): string {
  return printAST(mapLiterals(parse(message, { ignoreTag: true }), transform));
}

function mapLiterals(
  elements: MessageFormatElement[],
  transform: TextTransform,
): MessageFormatElement[] {
  return elements.map((element): MessageFormatElement => {
    // Without its rawValue, the printer escapes the new text itself.
    if (isLiteralElement(element)) return { type: TYPE.literal, value: transform(element.value) };
    if (isPluralElement(element) || isSelectElement(element)) {
      const options = Object.fromEntries(
        Object.entries(element.options).map(([selector, option]) => [
          selector,
          { ...option, value: mapLiterals(option.value, transform) },
        ]),
      );
      return { ...element, options };
    }
    return element;
  });
}

/** The length of a message's literal text (what a reader sees, without ICU syntax). */
function literalLength(message: string): number {
  let length = 0;
  transformMessage(message, (text) => {
    length += text.length;
    return text;
  });
  return length;
}

/** `en-XA`: accented, about 40 % longer (padding words), in brackets to reveal truncation. */
export function pseudoAccented(message: string): string {
  const extra = Math.max(3, Math.ceil(literalLength(message) * 0.4));
  const padding = PADDING.repeat(Math.ceil(extra / PADDING.length))
    .slice(0, extra)
    .trimEnd();
  return `[${transformMessage(message, accent)} ${padding}]`;
}

/** `ar-XB`: every word mirrored and the message marked right to left. */
export function pseudoMirrored(message: string): string {
  return `${RLM}${transformMessage(message, mirror)}${RLM}`;
}

/** A translation tree (nested objects of messages), as in `i18n/<lang>.json`. */
export interface MessageTree {
  readonly [key: string]: MessageTree | string;
}

/** Applies a message function to every message of a tree, keeping its keys and order. */
export function mapMessages(tree: MessageTree, convert: (message: string) => string): MessageTree {
  const out: { [key: string]: MessageTree | string } = {};
  for (const [key, value] of Object.entries(tree))
    out[key] = typeof value === 'string' ? convert(value) : mapMessages(value, convert);
  return out;
}

/** The pseudo-locales and how each is made from English. */
export const PSEUDO_GENERATORS: Readonly<Record<'en-XA' | 'ar-XB', (message: string) => string>> = {
  'en-XA': pseudoAccented,
  'ar-XB': pseudoMirrored,
};

/** The file content (pretty JSON with a final newline) of a pseudo-locale generated from English. */
export function pseudoLocaleFile(
  english: MessageTree,
  locale: keyof typeof PSEUDO_GENERATORS,
): string {
  return `${JSON.stringify(mapMessages(english, PSEUDO_GENERATORS[locale]), null, 2)}\n`;
}

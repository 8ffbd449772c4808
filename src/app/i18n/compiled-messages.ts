/**
 * The kinds of elements a compiled message is made of, numbered as `@formatjs/icu-messageformat-parser`
 * numbers them (its `TYPE` enum; a test keeps the two equal), so the compiled files keep the parser's
 * shape. Only what the page formats: dates, times, tags and number styles fail the build.
 */
export const ELEMENT = {
  literal: 0,
  argument: 1,
  number: 2,
  select: 5,
  plural: 6,
  pound: 7,
} as const;

/** The cases of a `select` or `plural` element: `one`, `other`, `=0`… */
export type CompiledOptions = Readonly<
  Record<string, { readonly value: readonly CompiledElement[] }>
>;

/** One element of a compiled message. `value` names the argument, except for literal text. */
export type CompiledElement =
  | { readonly type: typeof ELEMENT.literal; readonly value: string }
  | { readonly type: typeof ELEMENT.argument | typeof ELEMENT.number; readonly value: string }
  | {
      readonly type: typeof ELEMENT.select;
      readonly value: string;
      readonly options: CompiledOptions;
    }
  | {
      readonly type: typeof ELEMENT.plural;
      readonly value: string;
      /** Subtracted from the value before choosing a category and formatting `#` (default 0). */
      readonly offset?: number;
      /** Default `cardinal`. */
      readonly pluralType?: 'ordinal';
      readonly options: CompiledOptions;
    }
  | { readonly type: typeof ELEMENT.pound };

/** One message as the page ships it: plain text, or ICU elements parsed at build time. */
export type CompiledMessage = string | readonly CompiledElement[];

/** A compiled translation file (`generated/i18n/<lang>.json`): dotted keys to compiled messages. */
export type CompiledMessages = Readonly<Record<string, CompiledMessage>>;

/** Whether a value is usable as a compiled message (a downloaded file may hold anything). */
export function isCompiledMessage(value: unknown): value is CompiledMessage {
  return typeof value === 'string' || Array.isArray(value);
}

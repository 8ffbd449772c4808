import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/** One message as the page ships it: plain text, or ICU elements parsed at build time. */
export type CompiledMessage = string | MessageFormatElement[];

/** A compiled translation file (`generated/i18n/<lang>.json`): dotted keys to compiled messages. */
export type CompiledMessages = Readonly<Record<string, CompiledMessage>>;

/** Whether a value is usable as a compiled message (a downloaded file may hold anything). */
export function isCompiledMessage(value: unknown): value is CompiledMessage {
  return typeof value === 'string' || Array.isArray(value);
}

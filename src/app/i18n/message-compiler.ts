import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { CompiledMessage, CompiledMessages } from './compiled-messages';

/** A translation file as written: nested objects of ICU MessageFormat strings. */
export type MessageTree = { readonly [key: string]: MessageTree | string };

/** Removes parser locations (they only matter for error messages) so the shipped JSON stays small. */
function withoutLocations(elements: readonly MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    const copy = { ...element };
    delete copy.location;
    if (copy.type === TYPE.plural || copy.type === TYPE.select) {
      copy.options = Object.fromEntries(
        Object.entries(copy.options).map(([selector, option]) => [selector, { value: withoutLocations(option.value) }]),
      );
    }
    return copy;
  });
}

/**
 * Compiles one ICU MessageFormat message: plain text (after ICU's quoting rules) stays a string, a
 * message with arguments becomes the parser's element list. Throws with the key on invalid syntax, so
 * a broken translation fails the build instead of reaching a user.
 */
export function compileMessage(key: string, message: string): CompiledMessage {
  let elements: MessageFormatElement[];
  try {
    elements = parse(message, { ignoreTag: true });
  } catch (error) {
    throw new Error(`${key}: invalid ICU message (${error instanceof Error ? error.message : String(error)}): ${message}`);
  }
  if (elements.every((element) => element.type === TYPE.literal)) return elements.map((element) => element.value).join('');
  return withoutLocations(elements);
}

/**
 * Compiles a translation file for the page: keys flattened to dotted paths (`page.title`), messages
 * parsed ahead of time so the page ships only the formatter, not the ICU parser. Build time only (the
 * `i18n:compile` script and tests); the page never imports this module.
 */
export function compileMessages(tree: MessageTree, prefix = ''): CompiledMessages {
  const compiled: Record<string, CompiledMessage> = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') compiled[path] = compileMessage(path, value);
    else Object.assign(compiled, compileMessages(value, path));
  }
  return compiled;
}

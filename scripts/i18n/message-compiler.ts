import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import {
  ELEMENT,
  type CompiledElement,
  type CompiledMessage,
  type CompiledMessages,
  type CompiledOptions,
} from '../../src/app/i18n/compiled-messages';

/** A translation file as written: nested objects of ICU MessageFormat strings. */
export type MessageTree = { readonly [key: string]: MessageTree | string };

/**
 * The page's compiled elements for the parser's (without source locations, which only matter for error
 * messages). Throws on what the page does not format (`message-format.ts`): dates, times, tags,
 * number styles.
 */
function toCompiled(elements: readonly MessageFormatElement[]): CompiledElement[] {
  const options = (cases: Record<string, { value: MessageFormatElement[] }>): CompiledOptions =>
    Object.fromEntries(
      Object.entries(cases).map(([selector, option]) => [
        selector,
        { value: toCompiled(option.value) },
      ]),
    );
  return elements.map((element): CompiledElement => {
    switch (element.type) {
      case TYPE.literal:
        return { type: ELEMENT.literal, value: element.value };
      case TYPE.argument:
        return { type: ELEMENT.argument, value: element.value };
      case TYPE.number:
        if (element.style)
          throw new Error(
            `{${element.value}, number, …}: number styles are not supported, only {${element.value}, number}`,
          );
        return { type: ELEMENT.number, value: element.value };
      case TYPE.select:
        return { type: ELEMENT.select, value: element.value, options: options(element.options) };
      case TYPE.plural:
        // Offset 0 and cardinal plurals are the defaults: left out, they cost nothing to ship.
        return {
          type: ELEMENT.plural,
          value: element.value,
          ...(element.offset ? { offset: element.offset } : {}),
          ...(element.pluralType === 'ordinal' ? { pluralType: element.pluralType } : {}),
          options: options(element.options),
        };
      case TYPE.pound:
        return { type: ELEMENT.pound };
      default:
        throw new Error(
          `${TYPE[element.type]} elements are not supported (the page formats text, numbers, plurals and selects)`,
        );
    }
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
    throw new Error(
      `${key}: invalid ICU message (${error instanceof Error ? error.message : String(error)}): ${message}`,
      { cause: error },
    );
  }
  if (elements.every((element) => element.type === TYPE.literal))
    return elements.map((element) => element.value).join('');
  try {
    return toCompiled(elements);
  } catch (error) {
    throw new Error(
      `${key}: ${error instanceof Error ? error.message : String(error)}: ${message}`,
      { cause: error },
    );
  }
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

/** The names of the arguments a compiled message takes (`{username}`, the count of a plural…), each once. */
export function messageArguments(message: CompiledMessage): string[] {
  const names = new Set<string>();
  const visit = (elements: readonly CompiledElement[]): void => {
    for (const element of elements) {
      if (element.type === ELEMENT.literal || element.type === ELEMENT.pound) continue;
      names.add(element.value);
      if (element.type === ELEMENT.select || element.type === ELEMENT.plural) {
        for (const option of Object.values(element.options)) visit(option.value);
      }
    }
  };
  if (typeof message !== 'string') visit(message);
  return [...names];
}

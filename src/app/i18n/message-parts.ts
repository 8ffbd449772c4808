/**
 * Each language's messages come in two files, so that the form's first paint waits only for what the
 * form says:
 *
 * - `form`, `i18n/<lang>.json`: the form and all it says while the user types (labels, reasons, rules,
 *   validation, the error summary's title, the language switcher, the footer);
 * - `states`, `i18n/<lang>.states.json`: the page's other states, which the page knows before it shows
 *   them: cidaas' error after a submit (in the URL), dead ends, start-up failures, the success page.
 *
 * The page downloads the `states` file with the form's when the URL already names such a state, before
 * showing a state the API revealed, and otherwise in the background once the form is shown (for the
 * dead end of a link that expires while the page is open). `npm run i18n:compile` writes both.
 */
export const MESSAGE_PARTS = ['form', 'states'] as const;

/** One of the two files of a language's messages (see {@link MESSAGE_PARTS}). */
export type MessagePart = (typeof MESSAGE_PARTS)[number];

const STATE_MESSAGE = /^(?:errors\.url\.|errors\.alertTitle$|deadEnd\.|startup\.|success\.)/;

/** The file a message key is in. */
export function messagePartOf(key: string): MessagePart {
  return STATE_MESSAGE.test(key) ? 'states' : 'form';
}

/** The path of a language's file for one part, relative to the page's `<base href>`. */
export function translationFilePath(language: string, part: MessagePart): string {
  return `i18n/${encodeURIComponent(language)}${part === 'states' ? '.states' : ''}.json`;
}

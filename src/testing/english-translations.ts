import type { Provider } from '@angular/core';
import englishForm from '../../generated/i18n/en.json';
import englishStates from '../../generated/i18n/en.states.json';
import type { MessagePart } from '../app/i18n/message-parts';
import { TranslationLoader } from '../app/i18n/translation-loader';

/** Both parts of the compiled English messages, as the page downloads them. */
export const ENGLISH_FILES: Readonly<Record<MessagePart, Readonly<Record<string, unknown>>>> = { form: englishForm, states: englishStates };

/**
 * Serves the compiled English files to the translator without a request, for component tests that
 * are about something else than loading translations (those use the real loader with a fake fetch).
 */
export const ENGLISH_TRANSLATIONS: Provider = {
  provide: TranslationLoader,
  useValue: {
    load: (language: string, part: MessagePart) =>
      language === 'en' ? Promise.resolve(ENGLISH_FILES[part]) : Promise.reject(new Error(`no "${language}" in this test`)),
  } satisfies Pick<TranslationLoader, 'load'>,
};

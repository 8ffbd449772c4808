/**
 * The advisory strength meter, a lazy chunk the form loads once it is usable: zxcvbn-ts
 * (https://zxcvbn-ts.github.io/zxcvbn/) rates the new password as the user types, against its common
 * passwords, keyboard patterns and English dictionaries, and against the words of this page (the
 * tenant's name, the user's name) that make a password easy to guess for whoever targets this account.
 * It only rates: it never blocks or delays the submit, and the password stays in the page (no
 * request, no storage, no log). Its feedback (zxcvbn's warning) comes in the page's language where
 * zxcvbn-ts has a translation, loaded alone as a chunk of its own; in any other language there is no
 * warning rather than one in English.
 *
 * Framework-free, like the breached-password check: anything it shared with the initial bundle would
 * make the build split that code into a shared chunk, which costs the initial bundle more than it saves.
 */
import { ZxcvbnFactory, type TranslationKeys } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import englishTranslations from '@zxcvbn-ts/language-en/dist/translations.mjs';
import commonWords from '@zxcvbn-ts/language-en/dist/commonWords.json.mjs';
import firstnames from '@zxcvbn-ts/language-en/dist/firstnames.json.mjs';
import wordSequences from '@zxcvbn-ts/language-en/dist/wordSequences.json.mjs';
import type { PageData } from './page-data';

/**
 * The words zxcvbn looks for: the common passwords, the diceware list and the keyboard layouts of
 * `language-common`, and English's common words, first names and word sequences (months, numbers…).
 * English's last names and Wikipedia words are left out: they would double the chunk (+380 kB gzip)
 * for rare words, while the common words, names and passwords most weak passwords are made of stay.
 */
const DICTIONARY = {
  ...commonDictionary,
  'commonWords-en': commonWords,
  'firstnames-en': firstnames,
  ...wordSequences,
};

/** How long typing must pause before the new password is rated again (emptying the field clears the rating at once). */
export const STRENGTH_DEBOUNCE_MS = 300;

/** The meter's levels, from zxcvbn's scores 0 to 4; the page's texts name each (`fields.strength`). */
export const STRENGTH_LEVELS = ['veryWeak', 'weak', 'fair', 'strong', 'veryStrong'] as const;

/** One of {@link STRENGTH_LEVELS}. */
export type StrengthLevel = (typeof STRENGTH_LEVELS)[number];

/** What the meter shows for a password. */
export interface Strength {
  /** zxcvbn's score, from 0 (too guessable) to 4 (very unguessable). */
  readonly score: number;
  /** The level of {@link score}. */
  readonly level: StrengthLevel;
  /** zxcvbn's warning in the page's language, or `null` when it has none (or none in that language). */
  readonly warning: string | null;
}

/** A password's rating: what the meter shows, and the guesses behind it. */
export interface Rating extends Strength {
  /** The base-10 logarithm of the guesses zxcvbn estimates an attacker needs. */
  readonly guessesLog10: number;
}

/** The level of a zxcvbn score (0–4; anything out of range is clamped). */
export function strengthLevel(score: number): StrengthLevel {
  return STRENGTH_LEVELS[Math.min(Math.max(Math.round(score), 0), 4)] ?? 'veryWeak';
}

/**
 * The words a password should not be built from, for zxcvbn's `userInputs`: each name as a whole, an
 * e-mail address's local part, and every word of three or more letters or digits in them, lower-cased
 * (zxcvbn also finds them reversed, capitalized and in l33t spelling). Duplicates and blanks are dropped.
 */
export function penalizedWords(names: readonly (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const name of names) {
    const whole = name?.trim().toLowerCase();
    if (!whole) continue;
    words.add(whole);
    const at = whole.lastIndexOf('@');
    if (at > 0) words.add(whole.slice(0, at));
    for (const word of whole.split(/[^\p{L}\p{N}]+/u)) if (word.length >= 3) words.add(word);
  }
  return [...words];
}

/** Loads zxcvbn-ts' feedback texts in one language; the primary subtag of the page's language picks it. */
const FEEDBACK: Readonly<Record<string, () => Promise<{ translations: TranslationKeys }>>> = {
  ar: () => import('./strength-feedback/ar'),
  cs: () => import('./strength-feedback/cs'),
  de: () => import('./strength-feedback/de'),
  en: () => Promise.resolve({ translations: englishTranslations }),
  es: () => import('./strength-feedback/es'),
  fi: () => import('./strength-feedback/fi'),
  fr: () => import('./strength-feedback/fr'),
  id: () => import('./strength-feedback/id'),
  it: () => import('./strength-feedback/it'),
  ja: () => import('./strength-feedback/ja'),
  nl: () => import('./strength-feedback/nl'),
  pl: () => import('./strength-feedback/pl'),
  pt: () => import('./strength-feedback/pt'),
};

/**
 * zxcvbn-ts' feedback texts in the page's language (a BCP 47 tag), or `null` when it has none for it
 * (the pseudo-locales included) or they fail to load.
 */
export async function feedbackTexts(language: string): Promise<TranslationKeys | null> {
  const tag = language.toLowerCase();
  const load = tag.includes('-x') ? undefined : FEEDBACK[tag.split('-')[0] ?? ''];
  if (!load) return null;
  try {
    return (await load()).translations;
  } catch {
    return null;
  }
}

/**
 * A rater with zxcvbn's dictionaries, and its feedback in `translations` (`null`: no warnings). Building
 * it ranks the dictionaries once (tens of milliseconds); each rating is then quick.
 */
export function strengthRater(
  translations: TranslationKeys | null,
): (password: string, userInputs: readonly string[]) => Rating {
  const zxcvbn = new ZxcvbnFactory({
    dictionary: DICTIONARY,
    graphs: adjacencyGraphs,
    ...(translations ? { translations } : {}),
  });
  return (password, userInputs) => {
    const result = zxcvbn.check(password, [...userInputs]);
    return {
      score: result.score,
      guessesLog10: result.guessesLog10,
      level: strengthLevel(result.score),
      warning: (translations && result.feedback.warning) || null,
    };
  };
}

/**
 * Rates the new password in `field` when typing pauses for {@link STRENGTH_DEBOUNCE_MS}, or when the
 * user leaves the field for another with a rating pending, and reports it; emptying the field reports
 * `null` at once. The meter changes only in answer to typing in the field: leaving it for a button or
 * a link (the submit button above all) with a rating pending drops that rating, since a line that
 * appeared then would move the target between the press and the release; a password typed before
 * the meter was ready is rated only if the user is still in the field. The words of `page` (the
 * tenant's names, the user's) count as guessable, and zxcvbn's warning comes in the page's language
 * (`<html lang>`). A rating that fails reports nothing (the meter is advisory). Returns the function
 * that stops watching.
 */
export function watchStrength(
  field: HTMLInputElement,
  page: PageData,
  report: (strength: Strength | null) => void,
): () => void {
  const document = field.ownerDocument;
  const userInputs = penalizedWords([
    page.clientInfo.client_display_name,
    page.clientInfo.client_name,
    page.metadata?.username,
  ]);
  let rate: ReturnType<typeof strengthRater> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  let stopped = false;
  const update = (): void => {
    clearTimeout(timer);
    pending = false;
    if (!rate) return;
    try {
      const { score, level, warning } = rate(field.value, userInputs);
      report({ score, level, warning });
    } catch {
      // Advisory: a password zxcvbn cannot rate leaves the meter as it was.
    }
  };
  const onInput = (): void => {
    clearTimeout(timer);
    pending = field.value !== '';
    if (!pending) report(null);
    else if (rate) timer = setTimeout(update, STRENGTH_DEBOUNCE_MS);
  };
  const onBlur = (event: FocusEvent): void => {
    if (!pending || !rate) return;
    const to = event.relatedTarget;
    if (to instanceof HTMLButtonElement || to instanceof HTMLAnchorElement) {
      clearTimeout(timer);
      pending = false;
    } else update();
  };
  field.addEventListener('input', onInput);
  field.addEventListener('blur', onBlur);
  feedbackTexts(document.documentElement.lang)
    .then((texts) => {
      if (stopped) return;
      rate = strengthRater(texts);
      if (field.value !== '' && document.activeElement === field) onInput();
    })
    .catch(() => undefined);
  return () => {
    stopped = true;
    clearTimeout(timer);
    field.removeEventListener('input', onInput);
    field.removeEventListener('blur', onBlur);
  };
}

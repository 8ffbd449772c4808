/** zxcvbn-ts' feedback texts in this language: a chunk of its own, loaded only for a page in it. */
export { default as translations } from '@zxcvbn-ts/language-id/dist/translations.mjs';

/** zxcvbn-ts' feedback texts in this language: a chunk of its own, loaded only for a page in it. */
export { translations } from '@zxcvbn-ts/language-nl-be';

/**
 * Types for the single files of zxcvbn-ts' language packages that the strength meter imports one by
 * one (`password-strength.ts`, `strength-feedback/`): the packages' own entry points export each
 * package whole, and their 4.x builds cannot be tree-shaken, so importing one part from them bundles
 * every dictionary. The versions are pinned exactly; these paths are theirs.
 */
declare module '@zxcvbn-ts/*/dist/translations.mjs' {
  import type { TranslationKeys } from '@zxcvbn-ts/core';
  const translations: TranslationKeys;
  export default translations;
}
declare module '@zxcvbn-ts/language-en/dist/wordSequences.json.mjs' {
  const sequences: Record<string, string[]>;
  export default sequences;
}
declare module '@zxcvbn-ts/*.json.mjs' {
  const words: string[];
  export default words;
}

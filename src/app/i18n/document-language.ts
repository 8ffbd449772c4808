import { textDirection } from './locale';

/** Sets `<html lang dir>` for the page language, so screen readers, hyphenation and layout follow it. */
export function setDocumentLanguage(document: Document, language: string): void {
  const root = document.documentElement;
  root.lang = language;
  root.dir = textDirection(language);
}

/**
 * The code point of the zero digit `Intl.NumberFormat` writes in a language (U+06F0 `۰` in Persian),
 * or `null` when it writes ASCII digits. Decimal digits are encoded as ten consecutive code points
 * (Unicode's stability policy for Numeric_Type=Decimal), so the zero is all the page needs to write
 * a whole number; a numbering system that breaks this fails the build rather than being written
 * wrongly. Build time: `npm run i18n:compile` writes them into `generated/languages.ts`, so the page
 * writes its small whole numbers (lengths, counts, minutes) without constructing an
 * `Intl.NumberFormat` in its first render (see `message-format.ts`). Framework-free.
 */
export function localeZeroDigit(tag: string): number | null {
  const format = new Intl.NumberFormat(tag, { useGrouping: false });
  const zero = format.format(0).codePointAt(0) ?? 0x30;
  for (let digit = 0; digit <= 9; digit++) {
    if (format.format(digit) !== String.fromCodePoint(zero + digit)) {
      throw new Error(
        `${tag}: Intl.NumberFormat writes ${digit} as "${format.format(digit)}", not the ${digit}th code point after its zero`,
      );
    }
  }
  return zero === 0x30 ? null : zero;
}

/** Keeps README.md's "Performance" table current: `npm run bench` writes its table between two markers. */

/** The marker before the table in README.md. */
export const README_START = '<!-- bench:latest:start -->';
/** The marker after the table in README.md. */
export const README_END = '<!-- bench:latest:end -->';

/** The text with everything between the markers replaced, or `null` when the markers are missing or out of order. */
export function replaceBetweenMarkers(text: string, replacement: string): string | null {
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start === -1 || end < start) return null;
  return `${text.slice(0, start + README_START.length)}\n${replacement.trim()}\n${text.slice(end)}`;
}

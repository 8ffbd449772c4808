/** Keeps README.md's "Performance" table current: `npm run bench` writes its table between two markers. */

/** The marker before the table in README.md. */
export const README_START = '<!-- bench:latest:start -->';
/** The marker after the table in README.md. */
export const README_END = '<!-- bench:latest:end -->';

/**
 * The text with everything between the markers (the benchmark's by default) replaced, or `null` when
 * the markers are missing or out of order.
 */
export function replaceBetweenMarkers(
  text: string,
  replacement: string,
  startMarker: string = README_START,
  endMarker: string = README_END,
): string | null {
  const start = text.indexOf(startMarker);
  const end = text.indexOf(endMarker);
  if (start === -1 || end < start) return null;
  return `${text.slice(0, start + startMarker.length)}\n${replacement.trim()}\n${text.slice(end)}`;
}

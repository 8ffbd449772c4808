/**
 * Whether a value parsed from JSON (or anything else untrusted) is a plain object whose properties can
 * be read: not `null`, not an array. The one such check of the page, the servers and the scripts.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The default cap on a tool result sent to the model, in characters (about 5,000 tokens of English). */
export const DEFAULT_TOOL_OUTPUT_LIMIT = 20_000;

/**
 * Turns a tool's return value into the text sent to the model: strings as they are, `undefined` as an empty
 * string, everything else as JSON (falling back to `String(value)` for values JSON cannot encode, such as a
 * BigInt or a cycle).
 */
export function stringifyToolOutput(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Cuts `text` to `limit` characters and appends a visible marker saying how much was cut, so the model knows
 * the output is incomplete. Text within the limit is returned unchanged.
 */
export function truncateToolOutput(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}\n[truncated: ${text.length - limit} of ${text.length} characters not shown]`;
}

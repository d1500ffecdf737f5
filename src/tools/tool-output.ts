/** The default cap on a tool result sent to the model, in characters (about 5,000 tokens of English). */
export const DEFAULT_TOOL_OUTPUT_LIMIT = 20_000;

/**
 * Turns a tool's return value into the text sent to the model: strings as they are, `undefined` as an empty
 * string, everything else as JSON (falling back to `String(value)` for values JSON cannot encode, such as a
 * BigInt or a cycle). Never throws: a value that resists both (a revoked Proxy, a null-prototype object
 * JSON cannot encode, a throwing `toJSON` and `toString`) is described by its type.
 */
export function stringifyToolOutput(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json;
  } catch {
    // fall through to String()
  }
  return safeString(value);
}

/** `String(value)`, or a description of its type when that throws. Never throws. */
export function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return `[a value of type ${typeof value} that cannot be shown as text]`;
  }
}

/** The message of a thrown value (an `Error`'s `message`, else the value as text). Never throws. */
export function thrownMessage(error: unknown): string {
  try {
    if (error instanceof Error && typeof error.message === 'string') return error.message;
  } catch {
    // a throwing message getter, or a Proxy: describe the value instead
  }
  return safeString(error);
}

/**
 * Cuts `text` to `limit` characters and appends a visible marker saying how much was cut, so the model knows
 * the output is incomplete. Text within the limit is returned unchanged.
 */
export function truncateToolOutput(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}\n[truncated: ${text.length - limit} of ${text.length} characters not shown]`;
}

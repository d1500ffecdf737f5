/**
 * Serializes a value the way Python's `json.dumps` does by default (`", "` and `": "` separators), which is
 * how mistral-common renders tool schemas and tool calls inside a Tekken prompt. Non-ASCII text is kept as
 * is (`ensure_ascii=False`); with ASCII-only arguments both settings give the same text.
 */
export function toPythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NaN';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(toPythonJson).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${toPythonJson(item)}`).join(', ')}}`;
  }
  return 'null';
}

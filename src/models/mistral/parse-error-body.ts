/**
 * Reads Mistral error bodies in every shape seen on the wire: the current
 * `{object:"error", message, type, code}`, the wrapped 422 `message: {detail: [...]}`, the 2024 proxy shape
 * whose `message` is a JSON string, FastAPI's bare `{detail: [...]}` or `{detail: "Unauthorized"}`, and
 * gateway bodies `{message: "..."}`.
 * @module
 */

/** One pydantic validation entry (`loc` is the path into the request body). */
export interface ValidationDetail {
  type: string;
  loc: Array<string | number>;
  msg: string;
}

/** What an error body says, normalized. */
export interface ErrorBody {
  /** The human message (or the raw body, shortened, when it is not JSON). */
  text: string;
  /** Mistral's `type`, e.g. `invalid_request_message_order`. */
  type?: string;
  /** Mistral's `code`, as a string (`"3230"`). */
  code?: string;
  /** Validation entries from a 422, whatever the wrapping. */
  detail: ValidationDetail[];
}

const MAX_TEXT = 300;

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toDetails(value: unknown): ValidationDetail[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    const record = asRecord(entry);
    if (!record) return [];
    const loc = Array.isArray(record.loc)
      ? record.loc.filter((part) => ['string', 'number'].includes(typeof part))
      : [];
    return [
      { type: String(record.type ?? ''), loc: loc as Array<string | number>, msg: String(record.msg ?? '') },
    ];
  });
}

/** Finds validation entries in `{detail}`, `{message: {detail}}` or `{message: "<json with detail>"}`. */
function findDetails(record: Record<string, unknown>): ValidationDetail[] {
  if (Array.isArray(record.detail)) return toDetails(record.detail);
  const message = record.message;
  const inner = asRecord(message) ?? (typeof message === 'string' ? asRecord(parseJson(message)) : undefined);
  return inner && Array.isArray(inner.detail) ? toDetails(inner.detail) : [];
}

/** Describes validation entries: `extra_forbidden at body.max_completion_tokens`. */
export function describeDetails(details: ValidationDetail[]): string {
  return details.map((entry) => `${entry.type || entry.msg} at ${entry.loc.join('.')}`).join('; ');
}

/** Parses an error body of any known shape. Never throws. */
export function parseErrorBody(body: string): ErrorBody {
  const record = asRecord(parseJson(body));
  if (!record) {
    const text = body.trim().slice(0, MAX_TEXT);
    return { text: text === '' ? '(empty body)' : text, detail: [] };
  }
  const detail = findDetails(record);
  let text: string;
  if (typeof record.message === 'string' && detail.length === 0) text = record.message;
  else if (typeof record.detail === 'string') text = record.detail;
  else if (detail.length > 0) text = `Request validation failed: ${describeDetails(detail)}`;
  else text = JSON.stringify(record).slice(0, MAX_TEXT);
  const result: ErrorBody = { text, detail };
  if (typeof record.type === 'string') result.type = record.type;
  if (typeof record.code === 'string' || typeof record.code === 'number') result.code = String(record.code);
  return result;
}

/**
 * JSON for what crosses Redis: events and results carry `Error` objects, which plain JSON turns into `{}`.
 * Errors travel as their name, message and code (never their cause or stack: no secrets leave the process).
 * @module
 */

/** An error as it crosses processes. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
}

const ERROR_TAG = '__dragomanError';

/** The wire form of an error. */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
}

/** An `Error` rebuilt from its wire form: same name, message and code. */
export function reviveError(wire: SerializedError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  if (wire.code !== undefined) Object.assign(error, { code: wire.code });
  return error;
}

/** `JSON.stringify`, with errors kept as {@link SerializedError}s. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    field instanceof Error ? { [ERROR_TAG]: serializeError(field) } : field,
  );
}

/** `JSON.parse` of {@link toJson} output, with errors rebuilt. */
export function fromJson<T>(text: string): T {
  return JSON.parse(text, (_key, field: unknown) =>
    typeof field === 'object' && field !== null && ERROR_TAG in field
      ? reviveError((field as Record<string, SerializedError>)[ERROR_TAG]!)
      : field,
  ) as T;
}

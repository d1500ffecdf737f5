import { defaultErrorForStatus, type MockErrorResponse } from './error-bodies.js';
import type { MockFault } from './types.js';

/** The page a misconfigured proxy or captive portal answers with instead of JSON. */
export const wrongContentTypePage =
  '<!DOCTYPE html>\n<html><head><title>Gateway</title></head><body><p>This is not the API.</p></body></html>\n';

/** The answer to a `status` fault: the recorded body for that status unless the fault brings its own. */
export function statusFaultResponse(fault: Extract<MockFault, { type: 'status' }>): MockErrorResponse {
  const fallback = defaultErrorForStatus(fault.status);
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  return { status: fault.status, body: fault.body ?? fallback.body, headers };
}

/** JSON text with a syntax error in the middle: a closing brace where a value should be. */
export function corruptJson(text: string): string {
  const middle = Math.floor(text.length / 2);
  return `${text.slice(0, middle)}}},{"${text.slice(middle)}`;
}

/** JSON text cut off halfway, as when a proxy drops the end of a body. */
export function truncateJson(text: string): string {
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}

/**
 * A broken event stream: the first frame is well formed, the rest lost their `data:` field name and their
 * blank-line separators, and the stream ends without `[DONE]`.
 */
export function malformedSseBody(frames: readonly string[]): string {
  const [first = '', ...rest] = frames;
  return first + rest.map((frame) => frame.replace(/^data: /, 'data ').replace(/\n\n$/, '\n')).join('');
}

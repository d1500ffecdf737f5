import { describe, expect, it } from 'vitest';
import { AbortError, type ApiError, ConnectionError } from '../../../src/errors.js';
import { mapHttpError, mapMistralError } from '../../../src/models/mistral/map-error.js';
import { redactSecrets } from '../../../src/models/redact.js';

const key = 'sk-abcdef0123456789';

describe('mapHttpError', () => {
  it('parses the context overflow numbers', () => {
    const body = JSON.stringify({
      object: 'error',
      message:
        'Prompt contains 140000 tokens and 0 draft tokens, too large for model with 131072 maximum context length',
      type: 'invalid_request_message_error',
      param: null,
      code: null,
    });
    const error = mapHttpError(400, body, undefined, { model: 'codestral-latest' });
    expect(error).toMatchObject({
      code: 'context-overflow',
      promptTokens: 140_000,
      maxContextTokens: 131_072,
    });
    expect(error.hint).toContain('8928 tokens');
  });

  it('reads Retry-After as seconds or an HTTP-date', () => {
    const now = Date.parse('2026-11-23T11:00:00Z');
    const date = new Headers({ 'retry-after': 'Mon, 23 Nov 2026 11:00:05 GMT' });
    expect(mapHttpError(429, '{}', date, { now: () => now }).retryAfterMs).toBe(5000);
    expect(mapHttpError(429, '{}', new Headers({ 'retry-after': '2' })).retryAfterMs).toBe(2000);
  });

  it('names the sent message index for role-order and tool-id errors', () => {
    const messages = [
      { role: 'user' as const, content: 'q' },
      { role: 'tool' as const, content: 'r', toolCallId: 'abc', name: 't' },
      { role: 'user' as const, content: 'q2' },
    ];
    const order = mapHttpError(
      400,
      JSON.stringify({ message: "Unexpected role 'user' after role 'tool'", code: '3230' }),
      undefined,
      { messages },
    );
    expect(order.message).toContain('messages[2] is user right after tool');
    const ids = mapHttpError(
      400,
      JSON.stringify({
        message: 'Tool call id was abc but must be a-z, A-Z, 0-9, with a length of 9.',
        code: '3280',
      }),
      undefined,
      { messages },
    );
    expect(ids.message).toContain('(sent messages[1])');
  });

  it('maps 5xx as retryable server errors, and unknown bodies keep a short excerpt', () => {
    const error = mapHttpError(502, '<html>Bad Gateway</html>', undefined);
    expect(error).toMatchObject({ code: 'server', retryable: true });
    expect(error.message).toContain('Bad Gateway');
  });
});

describe('mapMistralError', () => {
  it('turns bare SyntaxError and ZodError into malformed-response', () => {
    expect(mapMistralError(new SyntaxError('Unexpected token'))).toMatchObject({
      code: 'malformed-response',
    });
    const zod = Object.assign(new Error('invalid'), { name: 'ZodError' });
    expect(mapMistralError(zod)).toBeInstanceOf(ConnectionError);
  });

  it('is an AbortError only when the caller aborted', () => {
    const sdkAbort = Object.assign(new Error('Request aborted by client'), { name: 'RequestAbortedError' });
    expect(mapMistralError(sdkAbort, { signal: AbortSignal.abort() })).toBeInstanceOf(AbortError);
    expect(mapMistralError(sdkAbort)).toMatchObject({ name: 'ConnectionError', code: 'connection' });
  });

  it('returns unknown errors unchanged so bugs are not disguised', () => {
    const bug = new RangeError('oops');
    expect(mapMistralError(bug)).toBe(bug);
  });

  it('scrubs the API key from every message it writes', () => {
    const sdkError = Object.assign(new Error('x'), {
      name: 'MistralError',
      statusCode: 400,
      body: JSON.stringify({ message: `Invalid key ${key} in header Authorization: Bearer ${key}` }),
    });
    const error = mapMistralError(sdkError, { apiKey: key }) as ApiError;
    expect(error.message).not.toContain(key);
    expect(error.message).toContain('***');
    expect(redactSecrets(`Bearer abc.def`, undefined)).toBe('Bearer ***');
  });
});

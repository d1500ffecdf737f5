import { describe, expect, it } from 'vitest';
import { parseContextOverflow } from '../../../src/models/openai-compatible/context-overflow.js';
import {
  mapHttpError,
  parseErrorBody,
  parseRetryAfter,
} from '../../../src/models/openai-compatible/map-error.js';
import {
  applyChunk,
  createStreamState,
  finishStream,
} from '../../../src/models/openai-compatible/stream-state.js';
import type { StreamDelta } from '../../../src/models/types.js';

describe('parseContextOverflow', () => {
  it('reads vLLM wording, old and new', () => {
    expect(
      parseContextOverflow(
        "This model's maximum context length is 16384 tokens. However, you requested 122946 tokens (112946 in the messages, 10000 in the completion).",
      ),
    ).toEqual({ promptTokens: 112946, maxContextTokens: 16384 });
    expect(
      parseContextOverflow(
        "This model's maximum context length is 32768 tokens. However, you requested 39197 tokens in the messages, Please reduce the length of the messages. None",
      ),
    ).toEqual({ promptTokens: 39197, maxContextTokens: 32768 });
  });

  it('reads llama.cpp and Mistral wording, and prefers explicit fields', () => {
    expect(
      parseContextOverflow(
        'request (9412 tokens) exceeds the available context size (8192 tokens), try increasing it',
      ),
    ).toEqual({
      promptTokens: 9412,
      maxContextTokens: 8192,
    });
    expect(
      parseContextOverflow(
        'Prompt contains 140000 tokens and 0 draft tokens, too large for model with 131072 maximum context length',
      ),
    ).toEqual({ promptTokens: 140000, maxContextTokens: 131072 });
    expect(parseContextOverflow('whatever', { promptTokens: 5, contextTokens: 4 })).toEqual({
      promptTokens: 5,
      maxContextTokens: 4,
    });
  });

  it('recognizes wordings without numbers and leaves other messages alone', () => {
    expect(
      parseContextOverflow(
        'The number of tokens to keep from the initial prompt is greater than the context length',
      ),
    ).toEqual({
      promptTokens: undefined,
      maxContextTokens: undefined,
    });
    expect(parseContextOverflow('Invalid tool_choice: sometimes')).toBeUndefined();
  });
});

describe('error bodies and Retry-After', () => {
  it('reads the shapes servers send', () => {
    expect(parseErrorBody('{"error":{"message":"m","type":"t","code":404}}')).toMatchObject({
      message: 'm',
      type: 't',
      code: '404',
    });
    expect(
      parseErrorBody('{"object":"error","message":"m","type":"BadRequestError","code":400}'),
    ).toMatchObject({ message: 'm', code: '400' });
    expect(parseErrorBody('{"error":"model \\"x\\" not found"}')).toMatchObject({
      message: 'model "x" not found',
    });
    expect(parseErrorBody('{"detail":"Unauthorized"}')).toMatchObject({ message: 'Unauthorized' });
    expect(parseErrorBody('Bad Gateway')).toEqual({ message: 'Bad Gateway' });
  });

  it('takes retry-after-ms, seconds, or an HTTP date', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Mon, 23 Nov 2026 12:00:05 GMT' }), () => now)).toBe(
      5000,
    );
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(new Headers())).toBeUndefined();
  });

  it('a 5xx with a plain-text body keeps the text, a 400 without one says so', () => {
    const error = mapHttpError(502, new Headers(), '<html>Bad Gateway</html>', {
      what: 'POST http://h/v1/chat/completions',
    });
    expect(error).toMatchObject({ code: 'server', retryable: true });
    expect(error.message).toContain('<html>Bad Gateway</html>');
    expect(mapHttpError(400, new Headers(), '', { what: 'POST x' }).message).toContain('(no message)');
  });
});

describe('stream state', () => {
  it('numbers index-less calls after the calls already seen, and serializes object arguments', () => {
    const state = createStreamState();
    const out: StreamDelta[] = [];
    applyChunk(
      state,
      { choices: [{ delta: { tool_calls: [{ id: 'a', function: { name: 'f', arguments: '{}' } }] } }] },
      out,
    );
    applyChunk(
      state,
      { choices: [{ delta: { tool_calls: [{ id: 'b', function: { name: 'g', arguments: { x: 1 } } }] } }] },
      out,
    );
    expect(out.map((delta) => (delta.type === 'tool-call-delta' ? delta.index : -1))).toEqual([0, 1]);
    expect(finishStream(state, 'm').message.toolCalls).toEqual([
      { id: 'a', name: 'f', arguments: '{}' },
      { id: 'b', name: 'g', arguments: '{"x":1}' },
    ]);
  });

  it('gives a call without an id a generated one', () => {
    const state = createStreamState();
    applyChunk(
      state,
      {
        choices: [
          {
            delta: { tool_calls: [{ index: 0, function: { name: 'f', arguments: '{}' } }] },
            finish_reason: 'tool_calls',
          },
        ],
      },
      [],
    );
    const [call] = finishStream(state, 'm').message.toolCalls ?? [];
    expect(call?.id).toMatch(/^call_0_/);
  });
});

import { describe, expect, it } from 'vitest';
import { checkMistralRequest } from '../../../src/testing/mock-server/index.js';
import { chatBody, readErrorFixture, readWireFixture } from './helpers.js';

const call = (id: string) => ({
  id,
  type: 'function',
  function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
});
const user = (content: string) => ({ role: 'user', content });
const assistantCalls = (...ids: string[]) => ({ role: 'assistant', content: '', tool_calls: ids.map(call) });
const tool = (id: string) => ({ role: 'tool', tool_call_id: id, name: 'get_weather', content: 'Sunny' });

function check(messages: unknown[], extra: Record<string, unknown> = {}) {
  return checkMistralRequest(chatBody({ messages, ...extra }));
}

describe('checkMistralRequest: recorded requests pass', () => {
  for (const name of [
    'tool-call.mistral-large.2026-01.request.json',
    'tool-result-followup.mistral-large.2026-01.request.json',
    'image-url-after-tool.mistral-medium.2026-02.request.json',
    'thinking.mistral-small.2026-07.request.json',
  ]) {
    it(`accepts ${name}`, () => {
      expect(checkMistralRequest(JSON.parse(readWireFixture(`chat/${name}`)))).toBeUndefined();
    });
  }

  it('accepts a FIM request', () => {
    const body = {
      model: 'codestral-latest',
      prompt: 'def f(',
      suffix: ')',
      stop: ['\n\n'],
      min_tokens: 1,
      max_tokens: 64,
    };
    expect(checkMistralRequest(body, { kind: 'fim' })).toBeUndefined();
  });
});

describe('checkMistralRequest: schema (422)', () => {
  it('rejects an unknown top-level field with the recorded wrapped extra_forbidden body', () => {
    const error = checkMistralRequest(chatBody({ max_completion_tokens: 32000 }));
    const expected = JSON.parse(readErrorFixture('422.extra-forbidden.max_completion_tokens.2025-12.json'));
    expect(error?.status).toBe(422);
    // The fixture's request had other fields too; the detail entry for this field must be identical.
    expect(error?.body).toEqual(expected);
  });

  it('rejects unknown message fields with the role in loc, byte for byte like the recording', () => {
    const error = check([{ role: 'user', content: 'hi', name: null, tool_calls: null }]);
    expect(error?.status).toBe(422);
    expect(JSON.stringify(error?.body)).toBe(
      readErrorFixture('422.extra-forbidden.message-fields.2024-05.json'),
    );
  });

  it('reports every unknown field of the request', () => {
    const error = checkMistralRequest(
      chatBody({ store: false, user: 'u1', stream_options: { include_usage: true } }),
    );
    const detail = (error!.body as { message: { detail: Array<{ type: string; loc: unknown[] }> } }).message
      .detail;
    expect(detail.map((entry) => [entry.type, entry.loc])).toEqual([
      ['extra_forbidden', ['body', 'store']],
      ['extra_forbidden', ['body', 'user']],
      ['extra_forbidden', ['body', 'stream_options']],
    ]);
  });

  it('rejects a missing required field and a wrong type', () => {
    const missing = checkMistralRequest({ messages: [{ role: 'user', content: 'hi' }] });
    expect(missing?.status).toBe(422);
    expect(JSON.stringify(missing?.body)).toContain(
      '"type":"missing","loc":["body","model"],"msg":"Field required"',
    );
    const wrongType = checkMistralRequest(chatBody({ temperature: 'hot' }));
    expect(wrongType?.status).toBe(422);
    expect(JSON.stringify(wrongType?.body)).toContain('"loc":["body","temperature"]');
  });

  it('rejects an unknown role and a body that is not an object', () => {
    expect(check([{ role: 'developer', content: 'hi' }])?.status).toBe(422);
    expect(checkMistralRequest('hello')?.status).toBe(422);
  });

  it('rejects an empty tools list', () => {
    const error = checkMistralRequest(chatBody({ tools: [] }));
    expect(error?.status).toBe(422);
    expect(JSON.stringify(error?.body)).toContain('"loc":["body","tools"]');
  });

  it('rejects a FIM request with chat fields', () => {
    const error = checkMistralRequest(
      { model: 'codestral-latest', prompt: 'x', messages: [] },
      { kind: 'fim' },
    );
    expect(JSON.stringify(error?.body)).toContain('"loc":["body","messages"]');
  });
});

describe('checkMistralRequest: message rules (400)', () => {
  it('user after tool -> 3230, byte for byte like the recording', () => {
    const error = check([user('weather?'), assistantCalls('KikbB849t'), tool('KikbB849t'), user('thanks')]);
    expect(error?.status).toBe(400);
    expect(JSON.stringify(error?.body)).toBe(
      readErrorFixture('400.message-order.user-after-tool.3230.2025-12.json'),
    );
  });

  it('system after tool, and system after assistant -> 3230; system after user passes (R4, R7)', () => {
    const afterTool = check([
      user('q'),
      assistantCalls('KikbB849t'),
      tool('KikbB849t'),
      { role: 'system', content: 's' },
    ]);
    expect(afterTool?.body).toMatchObject({
      message: "Unexpected role 'system' after role 'tool'",
      code: '3230',
    });
    const late = check([user('q'), { role: 'assistant', content: 'a' }, { role: 'system', content: 's' }]);
    expect(late?.body).toMatchObject({
      message: "Unexpected role 'system' after role 'assistant'",
      code: '3230',
    });
    expect(check([user('q'), { role: 'system', content: 's' }, user('q2')])).toBeUndefined();
  });

  it('accepts several system messages at the start', () => {
    expect(
      check([{ role: 'system', content: 'a' }, { role: 'system', content: 'b' }, user('q')]),
    ).toBeUndefined();
  });

  it('tool not after an assistant tool call or a tool -> 3230', () => {
    expect(check([user('q'), tool('KikbB849t')])?.body).toMatchObject({ code: '3230' });
    const afterText = check([user('q'), { role: 'assistant', content: 'hi' }, tool('KikbB849t')]);
    // The order allows a tool after an assistant (R4); the pairing finds no call with that id (R14).
    expect(afterText?.body).toMatchObject({ message: 'Unexpected tool call id KikbB849t', code: '3230' });
  });

  it('last role assistant without prefix -> 3230, byte for byte like the recording; with prefix it passes', () => {
    const error = check([user('q'), { role: 'assistant', content: 'partial' }]);
    expect(JSON.stringify(error?.body)).toBe(
      readErrorFixture('400.message-order.last-role-assistant.3230.2025-10.json'),
    );
    expect(check([user('q'), { role: 'assistant', content: 'partial', prefix: true }])).toBeUndefined();
  });

  it('tool call id not 9 alphanumerics -> 3280 naming the id, byte for byte like the recording', () => {
    const id = 'ee61e87d-25d8-4bad-8e47-02939eb234c5';
    const error = check([user('q'), assistantCalls(id), tool(id)]);
    expect(error?.status).toBe(400);
    expect(JSON.stringify(error?.body)).toBe(readErrorFixture('400.tool-call-id-format.3280.2026-09.json'));
  });

  it('a tool call without id is named "null", as the API does with the SDK default', () => {
    const withoutId = {
      role: 'assistant',
      content: '',
      tool_calls: [{ function: { name: 'f', arguments: '{}' } }],
    };
    const error = check([user('q'), withoutId, tool('KikbB849t')]);
    expect(error?.body).toMatchObject({
      message: expect.stringContaining('Tool call id was null but must be'),
      code: '3280',
    });
  });

  it('a tool message without tool_call_id -> the recorded legacy body', () => {
    const error = check([user('q'), assistantCalls('KikbB849t'), { role: 'tool', content: 'x' }]);
    expect(JSON.stringify(error?.body)).toBe(
      readErrorFixture('400.legacy.tool-call-id-missing.2025-02.json'),
    );
  });

  it('every tool call is answered exactly once', () => {
    const unanswered = check([user('q'), assistantCalls('KikbB849t', 'abcDEF123'), tool('KikbB849t')]);
    expect(unanswered?.status).toBe(400);
    const twice = check([user('q'), assistantCalls('KikbB849t'), tool('KikbB849t'), tool('KikbB849t')]);
    expect(twice?.status).toBe(400);
    const wrongId = check([user('q'), assistantCalls('KikbB849t'), tool('abcDEF123')]);
    expect(wrongId?.status).toBe(400);
    const movedOn = check([
      user('q'),
      assistantCalls('KikbB849t'),
      { role: 'assistant', content: 'ok' },
      user('q'),
    ]);
    expect(movedOn?.status).toBe(400);
    const both = check([
      user('q'),
      assistantCalls('KikbB849t', 'abcDEF123'),
      tool('abcDEF123'),
      tool('KikbB849t'),
    ]);
    expect(both).toBeUndefined();
  });

  it('assistant with neither content nor tool calls -> the recorded body', () => {
    for (const content of [null, '', []]) {
      const error = check([user('q'), { role: 'assistant', content }, user('again')]);
      expect(JSON.stringify(error?.body)).toBe(readErrorFixture('400.legacy.assistant-empty.2025-06.json'));
    }
  });

  it('more than 8 images -> 400; 8 pass', () => {
    const image = { type: 'image_url', image_url: 'https://example.com/cat.png' };
    const withImages = (count: number) => [
      { role: 'user', content: [{ type: 'text', text: 'look' }, ...Array(count).fill(image)] },
    ];
    expect(check(withImages(8))).toBeUndefined();
    const error = check(withImages(9));
    expect(error?.status).toBe(400);
    expect(JSON.stringify(error?.body)).toContain('9');
  });
});

describe('checkMistralRequest: models and context', () => {
  for (const model of ['mistral-saba-2502', 'mistral-saba-latest', 'mistral-small-2503', 'codestral-2501']) {
    it(`retired ${model} -> 400 invalid_model (R28)`, () => {
      const error = checkMistralRequest(chatBody({ model }));
      expect(error?.status).toBe(400);
      expect(error?.body).toEqual({
        object: 'error',
        message: `Invalid model: ${model}`,
        type: 'invalid_model',
        param: null,
        code: '1500',
        raw_status_code: 400,
      });
    });
  }

  it('answers the overflow message with the token numbers when the prompt exceeds the window', () => {
    const error = checkMistralRequest(chatBody(), {
      countTokens: () => 131_073,
      models: [{ id: 'mistral-small-latest', aliases: [], contextWindow: 131_072, capabilities: {} }],
    });
    expect(error?.status).toBe(400);
    expect(error?.body).toMatchObject({
      message:
        'Prompt contains 131073 tokens and 0 draft tokens, too large for model with 131072 maximum context length',
      type: 'invalid_request_message_error',
    });
    expect(
      checkMistralRequest(chatBody(), {
        countTokens: () => 131_072,
        models: [{ id: 'mistral-small-latest', aliases: [], contextWindow: 131_072, capabilities: {} }],
      }),
    ).toBeUndefined();
  });

  it('uses each model window from the default catalog with the default estimate', () => {
    const long = 'word '.repeat(40_000);
    expect(
      checkMistralRequest(chatBody({ model: 'codestral-latest', messages: [user(long)] })),
    ).toBeUndefined();
    const error = checkMistralRequest(
      chatBody({ model: 'codestral-latest', messages: [user(long.repeat(3))] }),
    );
    expect(error?.status).toBe(400);
    expect(JSON.stringify(error?.body)).toContain('131072 maximum context length');
  });
});

/**
 * Issue 14's table, over real HTTP: the mock rejects each of the seven request kinds the real API rejects
 * (with the API's status, type and code), and accepts the edge cases the API accepts. Rule numbers refer to
 * docs/mistral-wire-rules.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockMistralServer, type MockMistralServer } from '../../../src/testing/mock-server/index.js';
import { postJson } from './helpers.js';

const model = 'mistral-small-2603';
const user = { role: 'user', content: 'Weather in Paris?' };
const call = (name: string, id = 'KikbB849t') => ({
  id,
  type: 'function',
  function: { name, arguments: '{"city":"Paris"}' },
});
const calls = (name: string) => ({ role: 'assistant', content: '', tool_calls: [call(name)] });
const result = (name: string | null) => ({ role: 'tool', tool_call_id: 'KikbB849t', name, content: '22C' });
const weatherTool = (parameters: Record<string, unknown>) => ({
  type: 'function',
  function: { name: 'get_weather', description: 'Weather.', parameters },
});
const jsonSchema = {
  type: 'json_schema',
  json_schema: { name: 'answer', schema: { type: 'object' }, strict: true },
};
const body = (fields: Record<string, unknown>) => ({ model, messages: [user], ...fields });

interface Row {
  rule: string;
  body: Record<string, unknown>;
  status: number;
  type?: string;
  code?: string | null;
}

const rejected: Row[] = [
  {
    rule: '1. a replayed tool call named web.search (R15)',
    body: body({ messages: [user, calls('web.search'), result(null)] }),
    status: 400,
    type: 'invalid_function_call',
  },
  {
    rule: '2. a tool message named web.search (R13)',
    body: body({ messages: [user, calls('web_search'), result('web.search')] }),
    status: 400,
    type: 'invalid_function_call',
  },
  {
    rule: '3. temperature 1.6, above the maximum 1.5 (R27)',
    body: body({ temperature: 1.6 }),
    status: 422,
    type: 'invalid_request_error',
  },
  {
    rule: '4. reasoning_effort medium to Small 4 (R21)',
    body: body({ reasoning_effort: 'medium' }),
    status: 400,
    type: 'invalid_request_invalid_args',
    code: '3051',
  },
  {
    rule: '5a. a tool schema with exclusiveMinimum: true (R16)',
    body: body({
      tools: [
        weatherTool({ type: 'object', properties: { days: { type: 'integer', exclusiveMinimum: true } } }),
      ],
    }),
    status: 400,
    type: 'invalid_request_error',
  },
  {
    rule: '5b. a tool schema with $schema at the root (R16)',
    body: body({
      tools: [weatherTool({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' })],
    }),
    status: 400,
    type: 'invalid_request_error',
  },
  {
    rule: '6. a history opening with an assistant tool call (R14)',
    body: body({ messages: [calls('get_weather'), result('get_weather')] }),
    status: 400,
    type: 'invalid_request_message_order',
    code: '3230',
  },
  {
    rule: '7. a lone prefix message (R2)',
    body: body({ messages: [{ role: 'assistant', content: 'Bonjour', prefix: true }] }),
    status: 400,
    type: 'invalid_request_message_order',
    code: '3230',
  },
  {
    rule: 'a retired model (R28: 400, not 404)',
    body: body({ model: 'magistral-medium-2509' }),
    status: 400,
    type: 'invalid_model',
    code: '1500',
  },
  {
    rule: 'thinking chunks to a model without reasoning (R20)',
    body: body({
      model: 'codestral-2508',
      messages: [
        user,
        { role: 'assistant', content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'hm' }] }] },
        user,
      ],
    }),
    status: 400,
    code: '3051',
  },
  {
    rule: 'a json_schema response format together with tools (R24)',
    body: body({
      tools: [weatherTool({ type: 'object', properties: {} })],
      response_format: jsonSchema,
    }),
    status: 400,
    type: 'invalid_request_error',
    code: null,
  },
];

const accepted: Array<{ rule: string; body: Record<string, unknown> }> = [
  {
    rule: 'a system message after a user message (R7)',
    body: body({ messages: [user, { role: 'system', content: 'Be brief.' }] }),
  },
  {
    rule: 'a history that is only a system message (R3)',
    body: body({ messages: [{ role: 'system', content: 'Be brief.' }] }),
  },
  { rule: 'consecutive user messages (R6)', body: body({ messages: [user, user] }) },
  {
    rule: 'a history opening with an assistant text (R6)',
    body: body({ messages: [{ role: 'assistant', content: 'Hello!' }, user] }),
  },
  {
    rule: 'a system message, then an assistant tool call (the first message is the system one, R14)',
    body: body({ messages: [{ role: 'system', content: 's' }, calls('get_weather'), result('get_weather')] }),
  },
  {
    rule: 'a tool message without name (R13)',
    body: body({ messages: [user, calls('get_weather'), result(null)] }),
  },
  {
    rule: 'temperature 1.5 and reasoning_effort high (R21, R27)',
    body: body({ temperature: 1.5, reasoning_effort: 'high' }),
  },
  {
    rule: 'thinking with its signature replayed to a reasoning model (R20)',
    body: body({
      messages: [
        user,
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: [{ type: 'text', text: 'hm' }], signature: 'c2ln' },
            { type: 'text', text: 'Sunny.' },
          ],
        },
        user,
      ],
    }),
  },
  { rule: 'a prompt_cache_key', body: body({ prompt_cache_key: 'session-1' }) },
  { rule: 'a json_schema response format without tools (R24)', body: body({ response_format: jsonSchema }) },
  {
    rule: 'a json_object response format with tools (R24 names json_schema only)',
    body: body({ tools: [weatherTool({ type: 'object' })], response_format: { type: 'json_object' } }),
  },
];

let server: MockMistralServer;
beforeAll(async () => {
  server = await createMockMistralServer({ reply: () => ({ text: 'ok' }) });
});
afterAll(() => server.close());

describe('the mock rejects what Mistral rejects', () => {
  for (const row of rejected) {
    it(`${row.rule} -> ${row.status}`, async () => {
      const response = await postJson(server, '/v1/chat/completions', row.body);
      expect(response.status).toBe(row.status);
      const answer = (await response.json()) as { object: string; type: string; code: string | null };
      expect(answer.object).toBe('error');
      if (row.type !== undefined) expect(answer.type).toBe(row.type);
      if (row.code !== undefined) expect(answer.code).toBe(row.code);
    });
  }
});

describe('the mock accepts what Mistral accepts', () => {
  for (const row of accepted) {
    it(row.rule, async () => {
      const response = await postJson(server, '/v1/chat/completions', row.body);
      expect(response.status, await response.clone().text()).toBe(200);
    });
  }
});

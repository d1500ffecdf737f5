import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkMistralRequest,
  createMockMistralServer,
  type MockMistralServer,
} from '../../../src/testing/mock-server/index.js';
import { chatBody, postJson, readErrorFixture } from './helpers.js';

// Every rule over real HTTP: the server answers exactly what checkMistralRequest answers, status and bytes.

let server: MockMistralServer;
beforeAll(async () => {
  server = await createMockMistralServer();
});
afterAll(() => server.close());

const call = (id: string) => ({ id, type: 'function', function: { name: 'f', arguments: '{}' } });
const user = { role: 'user', content: 'q' };
const image = { type: 'image_url', image_url: { url: 'https://example.com/a.png' } };

const cases: Array<{ rule: string; body: Record<string, unknown>; status: number; fixture?: string }> = [
  {
    rule: 'unknown field',
    body: chatBody({ max_completion_tokens: 32000 }),
    status: 422,
    fixture: '422.extra-forbidden.max_completion_tokens.2025-12.json',
  },
  { rule: 'empty tools', body: chatBody({ tools: [] }), status: 422 },
  {
    rule: 'user after tool',
    body: chatBody({
      messages: [
        user,
        { role: 'assistant', content: '', tool_calls: [call('KikbB849t')] },
        { role: 'tool', tool_call_id: 'KikbB849t', content: 'x' },
        user,
      ],
    }),
    status: 400,
    fixture: '400.message-order.user-after-tool.3230.2025-12.json',
  },
  {
    rule: 'tool without a call before it',
    body: chatBody({ messages: [user, { role: 'tool', tool_call_id: 'KikbB849t', content: 'x' }] }),
    status: 400,
  },
  {
    rule: 'last role assistant',
    body: chatBody({ messages: [user, { role: 'assistant', content: 'a' }] }),
    status: 400,
    fixture: '400.message-order.last-role-assistant.3230.2025-10.json',
  },
  {
    rule: 'tool call id format',
    body: chatBody({
      messages: [
        user,
        { role: 'assistant', content: '', tool_calls: [call('turn1_0')] },
        { role: 'tool', tool_call_id: 'turn1_0', content: 'x' },
      ],
    }),
    status: 400,
  },
  {
    rule: 'unanswered call',
    body: chatBody({
      messages: [
        user,
        { role: 'assistant', content: '', tool_calls: [call('KikbB849t'), call('abcDEF123')] },
        { role: 'tool', tool_call_id: 'KikbB849t', content: 'x' },
      ],
    }),
    status: 400,
  },
  {
    rule: 'empty assistant',
    body: chatBody({ messages: [user, { role: 'assistant', content: null }, user] }),
    status: 400,
    fixture: '400.legacy.assistant-empty.2025-06.json',
  },
  {
    rule: 'system after assistant',
    body: chatBody({
      messages: [user, { role: 'assistant', content: 'a' }, { role: 'system', content: 's' }, user],
    }),
    status: 400,
  },
  {
    rule: 'nine images',
    body: chatBody({ messages: [{ role: 'user', content: Array(9).fill(image) }] }),
    status: 400,
  },
  { rule: 'retired model', body: chatBody({ model: 'mistral-small-2503' }), status: 400 },
  {
    rule: 'retired alias (checked before the window)',
    body: chatBody({
      model: 'mistral-saba-latest',
      messages: [{ role: 'user', content: 'x'.repeat(600_000) }],
    }),
    status: 400,
  },
  {
    rule: 'context overflow',
    body: chatBody({ messages: [{ role: 'user', content: 'x'.repeat(1_100_000) }] }),
    status: 400,
  },
];

describe('every rule over HTTP', () => {
  for (const { rule, body, status, fixture } of cases) {
    it(`${rule} -> ${status}`, async () => {
      const response = await postJson(server, '/v1/chat/completions', body);
      const text = await response.text();
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(text).toBe(JSON.stringify(checkMistralRequest(body)?.body));
      if (fixture !== undefined) expect(text).toBe(readErrorFixture(fixture));
    });
  }

  it('the 3280 body names the id exactly as the raw-status recording does (without raw_status_code)', async () => {
    const text = await (await postJson(server, '/v1/chat/completions', cases[5]!.body)).text();
    const recorded = JSON.parse(readErrorFixture('400.tool-call-id-format.3280.raw-status.2026-03.json'));
    delete recorded.raw_status_code;
    expect(text).toBe(JSON.stringify(recorded));
  });
});

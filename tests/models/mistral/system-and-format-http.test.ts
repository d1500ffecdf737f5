/**
 * Through the real SDK and HTTP to the strict mock: a system message after a user message and a history that
 * is only system text go out as given (R3, R7), and what the API rejects never leaves the process: a system
 * message right after an assistant turn (R4) and a json_schema response format together with tools (R24).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/errors.js';
import type { Message, ToolSpec } from '../../../src/models/types.js';
import type { MockMistralServer } from '../../../src/testing/mock-server/index.js';
import { failure, startMock } from './helpers.js';

let server: MockMistralServer;
let provider: Awaited<ReturnType<typeof startMock>>['provider'];
beforeAll(async () => {
  ({ server, provider } = await startMock({ reply: () => ({ text: 'fine' }) }, { retry: { maxRetries: 0 } }));
});
afterAll(() => server.close());

const lastBody = () => server.requests.at(-1)!.body as { messages: unknown[]; [key: string]: unknown };
const lookup: ToolSpec = {
  name: 'lookup',
  description: 'Looks a word up.',
  parameters: { type: 'object', properties: { word: { type: 'string' } }, required: ['word'] },
};
const answer = { type: 'json_schema' as const, name: 'answer', schema: { type: 'object' }, strict: true };

describe('system messages later in the history', () => {
  it('sends a system message after a user message in place, and the mock accepts it', async () => {
    const messages: Message[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'Summarise our chat.' },
      { role: 'system', content: 'Answer in French.' },
    ];
    const response = await provider('mistral-small-latest').generate({ messages });
    expect(response.message.content).toBe('fine');
    expect(lastBody().messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!', prefix: false }, // the SDK's default
      { role: 'user', content: 'Summarise our chat.' },
      { role: 'system', content: 'Answer in French.' },
    ]);
  });

  it('sends a history that is only a system message', async () => {
    const response = await provider('mistral-small-latest').generate({
      messages: [{ role: 'system', content: 'Say hello.' }],
    });
    expect(response.message.content).toBe('fine');
    expect(lastBody().messages).toEqual([{ role: 'system', content: 'Say hello.' }]);
  });

  it('refuses a system message right after an assistant turn before sending', async () => {
    const before = server.requests.length;
    const error = await failure(
      provider('mistral-small-latest').generate({
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello!' },
          { role: 'system', content: 'Answer in French.' },
          { role: 'user', content: 'Why?' },
        ],
      }),
    );
    expect(error).toBeInstanceOf(UserInputError);
    expect(error).toMatchObject({ code: 'invalid-history', path: 'messages[2]' });
    expect(server.requests.length).toBe(before);
  });
});

describe('json_schema response format and tools (R24)', () => {
  it('sends json_schema without tools; refuses it with tools before sending', async () => {
    await provider('mistral-small-latest').generate({
      messages: [{ role: 'user', content: 'Define "mock".' }],
      settings: { responseFormat: answer },
    });
    expect(lastBody().response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'answer' },
    });
    const before = server.requests.length;
    const error = await failure(
      provider('mistral-small-latest').generate({
        messages: [{ role: 'user', content: 'Define "mock".' }],
        tools: [lookup],
        settings: { responseFormat: answer },
      }),
    );
    expect(error).toBeInstanceOf(UserInputError);
    expect(error).toMatchObject({ code: 'invalid-input', path: 'settings.responseFormat' });
    expect(server.requests.length).toBe(before);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { createMistral, type MistralProviderOptions } from '../../../src/models/mistral/index.js';
import type { Message, ModelResponse, StreamDelta } from '../../../src/models/types.js';
import { createMockMistralServer, type MockServerOptions } from '../../../src/testing/mock-server/index.js';

/** The recorded Mistral payloads (ground truth, read in place). */
export const wireDir = new URL('../../../../shared/fixtures/mistral-wire/', import.meta.url);

export function listFixtures(folder: string): string[] {
  return readdirSync(new URL(`${folder}/`, wireDir)).sort();
}

export function readFixture(folder: string, file: string): string {
  return readFileSync(new URL(`${folder}/${file}`, wireDir), 'utf8').replace(/^\uFEFF/, '');
}

/** An SSE body for a fixture: `.sse` as recorded, `.chunks.jsonl` framed as the API frames chunks. */
export function sseBody(file: string): string {
  const text = readFixture('stream', file);
  if (file.endsWith('.sse')) return text;
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return `${lines.map((line) => `data: ${line}\n\n`).join('')}data: [DONE]\n\n`;
}

export const TEST_KEY = 'sk-test-7f3a9c1b2d4e6f80';

export const userTurn: Message[] = [{ role: 'user', content: 'Hello' }];

/** Starts the mock server and a provider pointed at it. */
export async function startMock(
  serverOptions: MockServerOptions = {},
  providerOptions: MistralProviderOptions = {},
) {
  const server = await createMockMistralServer({ apiKey: TEST_KEY, ...serverOptions });
  const provider = createMistral({ apiKey: TEST_KEY, serverURL: server.url, ...providerOptions });
  return { server, provider };
}

/** Drains a stream, returning every delta and the final response. */
export async function collect(stream: AsyncIterable<StreamDelta>) {
  const deltas: StreamDelta[] = [];
  for await (const delta of stream) deltas.push(delta);
  const last = deltas.at(-1);
  if (last?.type !== 'finish') throw new Error('stream did not end with finish');
  return { deltas, response: last.response as ModelResponse };
}

/** The error a promise rejects with. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

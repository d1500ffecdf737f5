import { readFileSync } from 'node:fs';
import type { MockMistralServer } from '../../../src/testing/mock-server/index.js';

/** Reads a recorded payload from ../shared/fixtures/mistral-wire/ as text. */
export function readWireFixture(relativePath: string): string {
  return readFileSync(
    new URL(`../../../../shared/fixtures/mistral-wire/${relativePath}`, import.meta.url),
    'utf8',
  );
}

/** A recorded error body, with the trailing newline the fixtures README says was added. */
export function readErrorFixture(name: string): string {
  return readWireFixture(`errors/${name}`).replace(/\n$/, '');
}

/** POSTs a JSON body to the server with plain fetch. */
export function postJson(
  server: MockMistralServer,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Splits an SSE body into its `data:` payloads, checking the framing on the way. */
export function sseDataLines(text: string): string[] {
  if (!text.endsWith('\n\n')) throw new Error('SSE body does not end with a blank line');
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((frame) => {
      if (!frame.startsWith('data: ') || frame.includes('\n')) throw new Error(`Bad SSE frame: ${frame}`);
      return frame.slice('data: '.length);
    });
}

/** A minimal valid chat request body. */
export function chatBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'mistral-small-latest', messages: [{ role: 'user', content: 'Hello' }], ...overrides };
}

import type { ServerResponse } from 'node:http';
import type { OpenAICompatibleFamily } from '../../models/openai-compatible/index.js';
import type { MockFault, MockRawReply } from '../mock-server/types.js';
import { modelNotFound, openAIErrorBody, unauthorized } from './families.js';
import { completionBody, type ResolvedReply } from './render.js';
import { streamPayloads } from './render-stream.js';

/** Sends a JSON (or raw text) body with a status. */
export function sendRaw(response: ServerResponse, reply: MockRawReply): void {
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json',
    'content-length': Buffer.byteLength(text),
    ...reply.headers,
  });
  response.end(text);
}

/** The body a `status` fault answers with when it names none, in the family's error shape. */
export function statusFaultReply(
  family: OpenAICompatibleFamily,
  fault: Extract<MockFault, { type: 'status' }>,
): MockRawReply {
  const headers = fault.retryAfter === undefined ? undefined : { 'retry-after': String(fault.retryAfter) };
  if (fault.body !== undefined) return { status: fault.status, body: fault.body, headers };
  if (fault.status === 401) return { ...unauthorized(family, undefined), headers };
  if (fault.status === 404) return { ...modelNotFound(family, 'unknown-model'), headers };
  if (fault.status === 429) {
    return {
      status: 429,
      body: openAIErrorBody('Rate limit reached. Please try again later.', 'rate_limit_exceeded', '429'),
      headers,
    };
  }
  const message = fault.status === 503 ? 'Service unavailable' : 'Internal server error';
  return { status: fault.status, body: openAIErrorBody(message, 'server_error', fault.status), headers };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Body-shape faults that replace a normal 200 answer. */
type BodyFault = Extract<
  MockFault,
  { type: 'cut-mid-stream' | 'malformed-json' | 'truncated-json' | 'malformed-sse' }
>;

/** Writes a `chat.completion` JSON answer, broken as the fault says. */
export function sendCompletion(
  response: ServerResponse,
  family: OpenAICompatibleFamily,
  resolved: ResolvedReply,
  fault: MockFault | undefined,
): void {
  const text = JSON.stringify(completionBody(family, resolved, fault?.type !== 'no-usage'));
  if (fault?.type === 'cut-mid-stream') {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    response.write(text.slice(0, Math.floor(text.length / 2)));
    response.socket?.destroy();
    return;
  }
  const broken =
    fault?.type === 'malformed-json' || fault?.type === 'malformed-sse'
      ? `${text.slice(0, 40)}<!-- not json -->`
      : fault?.type === 'truncated-json'
        ? text.slice(0, Math.floor(text.length / 2))
        : text;
  response.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(broken),
  });
  response.end(broken);
}

/** Writes an SSE answer (`data: ...\n\n`, ending with `[DONE]`), broken as the fault says. */
export async function sendStream(
  response: ServerResponse,
  family: OpenAICompatibleFamily,
  resolved: ResolvedReply,
  options: { includeUsage: boolean; fault: MockFault | undefined; chunkDelayMs: number },
): Promise<void> {
  const { fault } = options;
  const payloads = streamPayloads(family, resolved, {
    includeUsage: options.includeUsage,
    suppress: fault?.type === 'no-usage',
  });
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  if (fault?.type === 'malformed-sse') {
    // Framing broken: no blank lines between events, so the client sees one event whose data is not JSON.
    response.end(`${payloads.map((payload) => `data: ${payload}`).join('\n')}\n\n`);
    return;
  }
  const bodyFault = fault as BodyFault | undefined;
  for (let index = 0; index < payloads.length; index++) {
    if (bodyFault?.type === 'cut-mid-stream' && index === bodyFault.afterChunks) {
      response.socket?.destroy();
      return;
    }
    let payload = payloads[index] as string;
    if (index === 1 && (bodyFault?.type === 'malformed-json' || bodyFault?.type === 'truncated-json')) {
      payload = payload.slice(0, Math.floor(payload.length / 2));
    }
    if (response.destroyed) return;
    response.write(`data: ${payload}\n\n`);
    if (options.chunkDelayMs > 0 && index < payloads.length - 1) await wait(options.chunkDelayMs);
  }
  response.end();
}

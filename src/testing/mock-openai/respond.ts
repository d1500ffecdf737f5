import type { ServerResponse } from 'node:http';
import type { OpenAICompatibleFamily } from '../../models/openai-compatible/index.js';
import { corruptJson, malformedSseBody, truncateJson } from '../mock-server/faults.js';
import { cutConnection, pause, sendBody, writePiece } from '../mock-server/send.js';
import type { MockFault, MockRawReply } from '../mock-server/types.js';
import { modelNotFound, openAIErrorBody, unauthorized } from './families.js';
import { completionBody, type ResolvedReply } from './render.js';
import { streamPayloads } from './render-stream.js';

/** Sends a raw reply: objects as JSON, strings as they are (the Mistral mock's writer). */
export function sendRaw(response: ServerResponse, reply: MockRawReply): void {
  sendBody(response, reply.status, reply.body, reply.headers);
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

/** Writes a `chat.completion` JSON answer, broken as the fault says. */
export async function sendCompletion(
  response: ServerResponse,
  family: OpenAICompatibleFamily,
  resolved: ResolvedReply,
  fault: MockFault | undefined,
): Promise<void> {
  const text = JSON.stringify(completionBody(family, resolved, fault?.type !== 'no-usage'));
  if (fault?.type === 'cut-mid-stream') {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    await writePiece(response, truncateJson(text));
    return cutConnection(response);
  }
  if (fault?.type === 'malformed-json' || fault?.type === 'malformed-sse')
    return sendBody(response, 200, corruptJson(text));
  if (fault?.type === 'truncated-json') return sendBody(response, 200, truncateJson(text));
  sendBody(response, 200, text, { 'content-type': 'application/json' });
}

/** Writes an SSE answer (`data: ...\n\n`, ending with `[DONE]`), broken as the fault says. */
export async function sendStream(
  response: ServerResponse,
  family: OpenAICompatibleFamily,
  resolved: ResolvedReply,
  options: {
    includeUsage: boolean;
    fault: MockFault | undefined;
    chunkDelayMs: number;
    lifetime: AbortSignal;
  },
): Promise<void> {
  const { fault } = options;
  const payloads = streamPayloads(family, resolved, {
    includeUsage: options.includeUsage,
    suppress: fault?.type === 'no-usage',
  });
  const frames = payloads.map((payload) => `data: ${payload}\n\n`);
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  if (fault?.type === 'malformed-sse') return void response.end(malformedSseBody(frames));
  for (let index = 0; index < frames.length; index++) {
    if (fault?.type === 'cut-mid-stream' && index === fault.afterChunks) return cutConnection(response);
    let frame = frames[index] as string;
    // One chunk's JSON broken (or cut short) while the SSE framing stays intact.
    if (index === 1 && fault?.type === 'malformed-json')
      frame = `data: ${corruptJson(payloads[1] as string)}\n\n`;
    if (index === 1 && fault?.type === 'truncated-json')
      frame = `data: ${truncateJson(payloads[1] as string)}\n\n`;
    if (response.destroyed) return;
    await writePiece(response, frame);
    if (
      options.chunkDelayMs > 0 &&
      index < frames.length - 1 &&
      !(await pause(options.chunkDelayMs, options.lifetime))
    )
      return;
  }
  response.end();
}

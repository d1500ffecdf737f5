import type { AgentEvent } from '../agent/events.js';
import { type ChunkStreamOptions, pullStream } from './chunk-stream.js';

/**
 * The headers of an AI SDK UI message stream response: Server-Sent Events, not cached, not buffered by a
 * proxy (`x-accel-buffering: no` for nginx), and the protocol's version header that the AI SDK's readers
 * expect.
 */
export const UI_MESSAGE_STREAM_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-vercel-ai-ui-message-stream': 'v1',
  'x-accel-buffering': 'no',
};

/** Options of {@link toResponse}. */
export interface ToResponseOptions extends ChunkStreamOptions {
  /** HTTP status. @default 200 */
  status?: number;
  /** Headers added to (or replacing) {@link UI_MESSAGE_STREAM_HEADERS}. */
  headers?: HeadersInit;
}

/**
 * Streams a run to the browser as a web-standard `Response` in the AI SDK UI message stream protocol, so
 * `useChat` and the AI SDK's client readers work against it unchanged. Each event is written as it happens
 * (one SSE `data:` line per chunk, `data: [DONE]` at the end); the run advances only as the client reads,
 * and a client that goes away cancels it (pass `abortController` to stop the model call at once too).
 * @example
 * export async function POST(request: Request) {
 *   const controller = new AbortController();
 *   const events = stream(agent, 'مرحبا', { signal: controller.signal });
 *   return toResponse(events, { abortController: controller });
 * }
 */
export function toResponse(events: AsyncIterable<AgentEvent>, options: ToResponseOptions = {}): Response {
  const text = new TextEncoder();
  const body = pullStream<Uint8Array>(
    events,
    options,
    (chunks, controller) => {
      let frame = '';
      for (const chunk of chunks) frame += `data: ${JSON.stringify(chunk)}\n\n`;
      controller.enqueue(text.encode(frame));
    },
    (controller) => controller.enqueue(text.encode('data: [DONE]\n\n')),
  );
  const headers = new Headers(UI_MESSAGE_STREAM_HEADERS);
  new Headers(options.headers).forEach((value, name) => {
    headers.set(name, value);
  });
  return new Response(body, { status: options.status ?? 200, headers });
}

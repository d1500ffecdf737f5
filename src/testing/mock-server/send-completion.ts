import type { ServerResponse } from 'node:http';
import { corruptJson, malformedSseBody, truncateJson, wrongContentTypePage } from './faults.js';
import { cutConnection, pause, sendBody, writePiece } from './send.js';
import { doneFrame, toSseFrame } from './sse-writer.js';
import type { MockFault } from './types.js';

const eventStreamType = 'text/event-stream; charset=utf-8';

/** Answers with a JSON body (a completion, the model list), or the body a fault turns it into. */
export async function sendJsonWithFault(
  response: ServerResponse,
  body: Record<string, unknown>,
  headers: Record<string, string>,
  fault: MockFault | undefined,
): Promise<void> {
  const text = JSON.stringify(body);
  switch (fault?.type) {
    case 'cut-mid-stream': {
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        ...headers,
      });
      await writePiece(response, truncateJson(text));
      return cutConnection(response);
    }
    case 'malformed-json':
      return sendBody(response, 200, corruptJson(text), { ...headers, 'content-type': 'application/json' });
    case 'truncated-json':
      return sendBody(response, 200, truncateJson(text), { ...headers, 'content-type': 'application/json' });
    case 'empty-body':
      return sendBody(response, 200, '', { ...headers, 'content-type': 'application/json' });
    case 'wrong-content-type':
      return sendBody(response, 200, wrongContentTypePage, {
        ...headers,
        'content-type': 'text/html; charset=utf-8',
      });
    case 'malformed-sse':
      return sendBody(response, 200, malformedSseBody([toSseFrame(body)]), {
        ...headers,
        'content-type': eventStreamType,
      });
    default:
      return sendBody(response, 200, body, headers);
  }
}

/** Options for {@link sendCompletionStream}. */
export interface StreamOptions {
  headers: Record<string, string>;
  fault: MockFault | undefined;
  /** Pause between frames. */
  chunkDelayMs: number;
  signal: AbortSignal;
}

/** Answers a streaming completion: `data:` frames, then `[DONE]`, or the stream a fault turns it into. */
export async function sendCompletionStream(
  response: ServerResponse,
  chunks: ReadonlyArray<Record<string, unknown>>,
  options: StreamOptions,
): Promise<void> {
  const { fault, signal } = options;
  if (fault?.type === 'wrong-content-type') {
    return sendBody(response, 200, wrongContentTypePage, {
      ...options.headers,
      'content-type': 'text/html; charset=utf-8',
    });
  }
  let frames = [...chunks.map(toSseFrame), doneFrame];
  if (fault?.type === 'empty-body') frames = [];
  if (fault?.type === 'malformed-sse') frames = [malformedSseBody(frames.slice(0, -1))];
  if (fault?.type === 'truncated-json') frames = frames.slice(0, Math.max(1, Math.floor(chunks.length / 2)));
  if (fault?.type === 'malformed-json') {
    const target = Math.min(1, frames.length - 2);
    frames[target] = `data: ${corruptJson(JSON.stringify(chunks[target]))}\n\n`;
  }
  response.writeHead(200, { ...options.headers, 'content-type': eventStreamType });
  for (const [index, frame] of frames.entries()) {
    if (fault?.type === 'cut-mid-stream' && index >= fault.afterChunks) {
      return cutConnection(response);
    }
    if (index > 0 && !(await pause(options.chunkDelayMs, signal))) return;
    if (signal.aborted) return;
    await writePiece(response, frame);
  }
  response.end();
}

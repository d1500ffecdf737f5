import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import type { StreamDelta, ToolSpec } from '../../../src/models/types.js';
import { listenOnLoopback } from '../../../src/testing/listen-on-loopback.js';

/** Root of the shared fixtures, next to the repository. */
export const fixturesRoot = new URL('../../../../shared/fixtures/', import.meta.url);

/** The tool every test offers. */
export const addTool: ToolSpec = {
  name: 'add',
  description: 'Add two integers.',
  parameters: {
    type: 'object',
    properties: { a: { type: 'number' }, b: { type: 'number' } },
    required: ['a', 'b'],
  },
};

/** Drains a stream into an array. */
export async function collect(stream: AsyncIterable<StreamDelta>): Promise<StreamDelta[]> {
  const deltas: StreamDelta[] = [];
  for await (const delta of stream) deltas.push(delta);
  return deltas;
}

/** The `finish` delta's response. */
export function finishOf(deltas: StreamDelta[]) {
  const last = deltas.at(-1);
  if (last?.type !== 'finish') throw new Error(`last delta is ${last?.type}, not finish`);
  return last.response;
}

/**
 * A loopback server that answers every request with fixed bytes: used to replay recorded SSE bodies from
 * the shared fixtures exactly as they were captured.
 */
export async function serveBytes(body: string, contentType = 'text/event-stream') {
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': contentType });
      response.end(body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const origin = await listenOnLoopback(server);
  return {
    baseURL: `${origin}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The JSON body of the n-th recorded request, as a record; throws when there is none. */
export function bodyOf(
  server: { requests: readonly { body: unknown }[] },
  index = 0,
): Record<string, unknown> {
  const body = server.requests[index]?.body;
  if (body === null || typeof body !== 'object') throw new Error(`request ${index} has no JSON body`);
  return body as Record<string, unknown>;
}

import type { IncomingMessage, ServerResponse } from 'node:http';

/** A web-standard handler: `Request` in, `Response` out (what `dragoman/web` builds). */
export type WebHandler = (request: Request) => Promise<Response> | Response;

/** The largest request body read, in bytes; chat bodies are small JSON. */
const MAX_BODY_BYTES = 1_000_000;

/**
 * Serves a web-standard handler from Node's `http` server, as Hono's or Next's Node adapters do: the
 * request becomes a `Request` whose signal aborts when the client goes away, and the `Response` body is
 * written chunk by chunk as it arrives, waiting for the socket to drain (backpressure), never buffered.
 * Kept in the examples: `dragoman/web` itself uses no Node built-ins.
 */
export async function serveWebHandler(
  handler: WebHandler,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
): Promise<void> {
  const disconnect = new AbortController();
  outgoing.on('close', () => {
    if (!outgoing.writableFinished) disconnect.abort(new Error('The client disconnected.'));
  });
  const body = incoming.method === 'GET' || incoming.method === 'HEAD' ? undefined : await readBody(incoming);
  if (body === null) {
    outgoing.writeHead(413).end();
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host ?? '127.0.0.1'}`);
  const request = new Request(url, {
    method: incoming.method ?? 'GET',
    headers,
    body,
    signal: disconnect.signal,
  });
  const response = await handler(request);
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    responseHeaders[name] = value;
  });
  outgoing.writeHead(response.status, responseHeaders);
  if (!response.body) {
    outgoing.end();
    return;
  }
  const reader = response.body.getReader();
  disconnect.signal.addEventListener(
    'abort',
    () => void reader.cancel(disconnect.signal.reason).catch(() => {}),
  );
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || disconnect.signal.aborted) break;
      if (!outgoing.write(value)) await new Promise((resolve) => outgoing.once('drain', resolve));
    }
  } catch {
    // The client went away mid-stream: the reader was cancelled, and the run with it.
  }
  outgoing.end();
}

/** The request body as bytes, or null when it is larger than {@link MAX_BODY_BYTES}. */
async function readBody(incoming: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | null> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of incoming as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > MAX_BODY_BYTES) return null;
    parts.push(part);
  }
  return new Uint8Array(Buffer.concat(parts));
}

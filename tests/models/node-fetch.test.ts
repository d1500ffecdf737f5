/**
 * `createNodeFetch` against real local servers (127.0.0.1 only): what reaches the server, what the `Response`
 * carries, the keep-alive pool, aborts, network failures, streamed (SSE) bodies, compression, HTTPS, and the
 * default transport of the Mistral adapter.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createMistral } from '../../src/models/mistral/index.js';
import { createNodeFetch } from '../../src/models/node-fetch.js';
import { openaiCompatible } from '../../src/models/openai-compatible/index.js';
import { listenOnLoopback } from '../../src/testing/listen-on-loopback.js';
import { createMockOpenAIServer } from '../../src/testing/mock-openai/index.js';
import { createMockMistralServer, type MockMistralServer } from '../../src/testing/mock-server/index.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** What a test server saw of one request. */
interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local server under test, with what it saw. */
interface TestServer {
  server: Server;
  url: string;
  /** Every request, once its body was read in full. */
  requests: SeenRequest[];
  /** Every TCP connection the server accepted, in order. */
  sockets: Socket[];
}

const servers: Server[] = [];
const mocks: MockMistralServer[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
  await Promise.all(mocks.splice(0).map((mock) => mock.close()));
});

async function track(server: Server, handler: Handler, protocol = 'http:'): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const sockets: Socket[] = [];
  server.on('connection', (socket: Socket) => sockets.push(socket));
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () =>
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }),
    );
    handler(request, response);
  });
  servers.push(server);
  const origin = await listenOnLoopback(server);
  return { server, url: origin.replace(/^http:/, protocol), requests, sockets };
}

/** Starts an HTTP server on 127.0.0.1 that answers with `handler`. */
function serve(handler: Handler): Promise<TestServer> {
  return track(createServer(), handler);
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** The error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const decoder = new TextDecoder();
const text = (chunk: Uint8Array | undefined) => decoder.decode(chunk);

/** Reads a body to its end, as text. */
async function readAll(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  let all = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return all;
    all += decoder.decode(value, { stream: true });
  }
}

const sseHeaders = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

/** An SSE server that sends `first`, then waits for the test before it does anything else. */
function holdingSse(first: string, then: (response: ServerResponse) => void) {
  const next = deferred();
  const closed = deferred();
  const ready = serve((_request, response) => {
    response.on('close', () => closed.resolve());
    response.writeHead(200, sseHeaders);
    response.write(first);
    void next.promise.then(() => then(response));
  });
  return { ready, next, closed };
}

/**
 * Runs `body` with `globalThis.fetch` replaced by a stub that throws, and returns how often it was called
 * (restoring the real one afterwards): a default transport must never reach it.
 */
async function countGlobalFetchCalls(body: () => Promise<void>): Promise<number> {
  const builtIn = globalThis.fetch;
  let calls = 0;
  globalThis.fetch = async () => {
    calls++;
    throw new Error('globalThis.fetch must not be used by default');
  };
  try {
    await body();
  } finally {
    globalThis.fetch = builtIn;
  }
  return calls;
}

describe('createNodeFetch: requests and responses', () => {
  it('sends a JSON POST as is and returns the status, headers and body', async () => {
    const { url, requests } = await serve((_request, response) => {
      response.setHeader('x-multi', ['first', 'second']);
      response.setHeader('set-cookie', ['a=1; Path=/', 'b=2; HttpOnly']);
      response.writeHead(201, 'Made It', { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 'cmpl-1', text: 'Bonjour, ça va ?' }));
    });
    const body = JSON.stringify({ model: 'mistral-small-latest', prompt: 'élan — naïve' });
    const response = await createNodeFetch()(
      new Request(`${url}/v1/chat/completions?stream=false&tag=%C3%A9`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer sk-test',
          'x-custom-header': 'custom value',
        },
        body,
      }),
    );

    expect(requests).toHaveLength(1);
    const seen = requests[0]!;
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/v1/chat/completions?stream=false&tag=%C3%A9');
    expect(seen.headers).toMatchObject({
      'content-type': 'application/json',
      authorization: 'Bearer sk-test',
      'x-custom-header': 'custom value',
      'content-length': String(Buffer.byteLength(body)),
    });
    expect(Buffer.byteLength(body)).toBeGreaterThan(body.length); // the length counts bytes, not characters
    expect(seen.headers['transfer-encoding']).toBeUndefined();
    expect(seen.headers['accept-encoding']).toBeUndefined();
    expect(seen.body).toBe(body);

    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Made It');
    expect(response.ok).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-multi')).toBe('first, second');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    await expect(response.json()).resolves.toEqual({ id: 'cmpl-1', text: 'Bonjour, ça va ?' });
  });

  it('sends a GET with no body and returns an error status as a Response', async () => {
    const { url, requests } = await serve((_request, response) => {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"message":"Not found"}');
    });
    const response = await createNodeFetch()(new Request(`${url}/v1/models/nope`));
    expect(requests).toEqual([expect.objectContaining({ method: 'GET', url: '/v1/models/nope', body: '' })]);
    expect(requests[0]!.headers['content-length']).toBeUndefined();
    expect(requests[0]!.headers['transfer-encoding']).toBeUndefined();
    expect(response.status).toBe(404);
    expect(response.statusText).toBe('Not Found');
    expect(response.ok).toBe(false);
    await expect(response.text()).resolves.toBe('{"message":"Not found"}');
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('decodes a %s body the server compressed though it was not asked to', async (encoding, compress) => {
    const payload = { choices: [{ message: { content: 'x'.repeat(5000) } }] };
    const { url, requests } = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
      response.end(compress(JSON.stringify(payload)));
    });
    const response = await createNodeFetch()(new Request(url));
    expect(requests[0]!.headers['accept-encoding']).toBeUndefined();
    await expect(response.json()).resolves.toEqual(payload);
  });

  it('gives a 204 a null body and keeps its connection for the next request', async () => {
    const { url, sockets } = await serve((request, response) => {
      if (request.url === '/empty') {
        response.writeHead(204, { 'x-kind': 'empty' });
        response.end();
        return;
      }
      response.end('after');
    });
    const fetchOnce = createNodeFetch();
    const empty = await fetchOnce(new Request(`${url}/empty`, { method: 'DELETE' }));
    expect(empty.status).toBe(204);
    expect(empty.headers.get('x-kind')).toBe('empty');
    expect(empty.body).toBeNull();
    const after = await fetchOnce(new Request(`${url}/after`));
    await expect(after.text()).resolves.toBe('after');
    expect(sockets).toHaveLength(1);
  });

  it('gives a HEAD response a null body', async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '42' });
      response.end();
    });
    const response = await createNodeFetch()(new Request(url, { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('42');
    expect(response.body).toBeNull();
  });
});

describe('createNodeFetch: keep-alive pool', () => {
  it('sends sequential requests over one TCP connection', async () => {
    const { url, sockets, requests } = await serve((request, response) => response.end(request.url));
    const fetchOnce = createNodeFetch();
    const first = await fetchOnce(new Request(`${url}/one`, { method: 'POST', body: '1' }));
    await expect(first.text()).resolves.toBe('/one');
    const second = await fetchOnce(new Request(`${url}/two`, { method: 'POST', body: '2' }));
    await expect(second.text()).resolves.toBe('/two');
    expect(requests.map((request) => request.url)).toEqual(['/one', '/two']);
    expect(sockets).toHaveLength(1);
  });

  it('keeps one pool per fetch: two fetches use two connections', async () => {
    const { url, sockets } = await serve((_request, response) => response.end('ok'));
    for (const fetchOnce of [createNodeFetch(), createNodeFetch()]) {
      await expect((await fetchOnce(new Request(url))).text()).resolves.toBe('ok');
    }
    expect(sockets).toHaveLength(2);
  });

  it('opens a new connection after the server answers with connection: close', async () => {
    const { url, sockets } = await serve((_request, response) => {
      response.setHeader('connection', 'close');
      response.end('bye');
    });
    const fetchOnce = createNodeFetch();
    for (let round = 0; round < 2; round++) {
      await expect((await fetchOnce(new Request(url))).text()).resolves.toBe('bye');
    }
    expect(sockets).toHaveLength(2);
  });

  it('closes an idle pooled connection after keepAliveTimeoutMs', async () => {
    const { server, url, sockets } = await serve((_request, response) => response.end('ok'));
    server.keepAliveTimeout = 120_000; // only the client may end the idle connection
    const response = await createNodeFetch({ keepAliveTimeoutMs: 50 })(new Request(url));
    await response.text();
    expect(sockets).toHaveLength(1);
    const socket = sockets[0]!;
    // A deadline, not ordering: the client must drop the idle socket long before the server would.
    let deadline: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      socket.destroyed ? 'closed' : once(socket, 'close').then(() => 'closed'),
      new Promise<string>((resolve) => {
        deadline = setTimeout(() => resolve('still open after 5 s'), 5_000);
      }),
    ]);
    clearTimeout(deadline);
    expect(outcome).toBe('closed');
  });

  it('does not time out a request in flight whose server is slower than keepAliveTimeoutMs', async () => {
    const { url } = await serve((_request, response) => {
      // Not ordering: the headers must come later than the idle timeout below.
      const timer = setTimeout(() => response.end('late but fine'), 250);
      response.on('close', () => clearTimeout(timer));
    });
    const response = await createNodeFetch({ keepAliveTimeoutMs: 20 })(new Request(url));
    await expect(response.text()).resolves.toBe('late but fine');
  });

  it('does not hold the process open: a child exits at once with a 60 s keep-alive', async () => {
    const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
    const script = fileURLToPath(new URL('./fixtures/fetch-once.ts', import.meta.url));
    // The child loads TypeScript through tsx (a devDependency), resolved from the repo root.
    expect(createRequire(`${repoRoot}package.json`).resolve('tsx')).toContain('tsx');

    const { server, url, sockets } = await serve((_request, response) => response.end('ok'));
    server.keepAliveTimeout = 120_000; // only the client may end the idle connection
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: repoRoot,
      env: { ...process.env, NODE_FETCH_TEST_URL: `${url}/ping` },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 40_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    const elapsed = Date.now() - started;

    expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' });
    expect(stdout.trim()).toBe('200');
    expect(sockets).toHaveLength(1);
    expect(elapsed).toBeLessThan(15_000);
  }, 45_000);
});

describe('createNodeFetch: abort', () => {
  it('rejects with the reason of an already aborted signal and sends nothing', async () => {
    const { url, requests, sockets } = await serve((request, response) => response.end(request.url));
    const fetchOnce = createNodeFetch();
    const controller = new AbortController();
    const reason = { why: 'the caller gave up' };
    controller.abort(reason);
    const error = await rejection(
      fetchOnce(new Request(`${url}/aborted`, { method: 'POST', body: 'x', signal: controller.signal })),
    );
    expect(error).toBe(reason);
    // A request sent after it arrives alone: the aborted one never went out.
    await (await fetchOnce(new Request(`${url}/after`))).text();
    expect(requests.map((request) => request.url)).toEqual(['/after']);
    expect(sockets).toHaveLength(1);
  });

  it.each([
    ['a custom reason object', () => ({ custom: 'reason' })],
    ['a TimeoutError DOMException', () => new DOMException('x', 'TimeoutError')],
  ])('rejects with %s when aborted while the server holds the headers', async (_label, makeReason) => {
    const arrived = deferred();
    const closed = deferred();
    const { url } = await serve((request, response) => {
      request.resume();
      response.on('close', () => closed.resolve());
      arrived.resolve();
    });
    const controller = new AbortController();
    const pending = createNodeFetch()(
      new Request(url, { method: 'POST', body: '{"a":1}', signal: controller.signal }),
    );
    await arrived.promise;
    const reason = makeReason();
    controller.abort(reason);
    expect(await rejection(pending)).toBe(reason);
    await closed.promise; // the server sees the request closed
  });

  it('rejects with an AbortError DOMException when aborted with no reason', async () => {
    const arrived = deferred();
    const { url } = await serve(() => arrived.resolve());
    const controller = new AbortController();
    const pending = createNodeFetch()(new Request(url, { signal: controller.signal }));
    await arrived.promise;
    controller.abort();
    const error = await rejection(pending);
    expect(error).toBeInstanceOf(DOMException);
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  it('rejects with the reason when aborted while a JSON body is half received', async () => {
    const halfSent = deferred();
    const closed = deferred();
    const { url } = await serve((_request, response) => {
      response.on('close', () => closed.resolve());
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      response.write('{"partial":', () => halfSent.resolve());
    });
    const controller = new AbortController();
    const pending = createNodeFetch()(new Request(url, { signal: controller.signal }));
    await halfSent.promise;
    const reason = new DOMException('x', 'TimeoutError');
    controller.abort(reason);
    expect(await rejection(pending)).toBe(reason);
    await closed.promise;
  });

  it('rejects with the reason when aborted while the request body is still being read', async () => {
    const { url, requests } = await serve((request, response) => response.end(request.url));
    const fetchOnce = createNodeFetch();
    const controller = new AbortController();
    let source!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start(streamController) {
        source = streamController;
      },
    });
    const init = { method: 'POST', body, duplex: 'half', signal: controller.signal };
    const pending = fetchOnce(new Request(`${url}/streamed`, init as RequestInit));
    source.enqueue(new TextEncoder().encode('part'));
    const reason = { custom: 'stop' };
    controller.abort(reason);
    source.close();
    expect(await rejection(pending)).toBe(reason);
    await (await fetchOnce(new Request(`${url}/after`))).text();
    expect(requests.map((request) => request.url)).toEqual(['/after']);
  });

  it('errors an SSE body being read with the reason, and the server sees the stream closed', async () => {
    const { ready, closed } = holdingSse('data: {"n":1}\n\n', () => {});
    const { url } = await ready;
    const controller = new AbortController();
    const response = await createNodeFetch()(new Request(url, { signal: controller.signal }));
    const reader = response.body!.getReader();
    expect(text((await reader.read()).value)).toBe('data: {"n":1}\n\n');
    const next = reader.read();
    const reason = new DOMException('x', 'TimeoutError');
    controller.abort(reason);
    expect(await rejection(next)).toBe(reason);
    await closed.promise;
  });
});

describe('createNodeFetch: network failures look like fetch', () => {
  it('rejects a refused connection with TypeError fetch failed, cause ECONNREFUSED', async () => {
    const { server, url } = await serve(() => {});
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = await rejection(createNodeFetch()(new Request(url)));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch failed');
    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('rejects with TypeError fetch failed when the server drops the connection before answering', async () => {
    const { url } = await serve((request) => request.socket.destroy());
    const error = await rejection(createNodeFetch()(new Request(url)));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch failed');
    expect((error as Error).cause).toMatchObject({ code: 'ECONNRESET' });
  });

  it('rejects with TypeError fetch failed when the server answers with something that is not HTTP', async () => {
    const { url } = await serve((request) => request.socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n'));
    const error = await rejection(createNodeFetch()(new Request(url)));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch failed');
    expect((error as Error & { cause: { code: string } }).cause.code).toMatch(/^HPE_/);
  });

  it('rejects with TypeError fetch failed when the socket dies in the middle of a JSON body', async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
      response.write('{"choices":[{"message":', () => response.socket?.destroy());
    });
    const error = await rejection(createNodeFetch()(new Request(url)));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch failed');
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect((error as Error).cause).toMatchObject({ message: 'terminated' });
  });

  it('errors an SSE body cut after one event with TypeError terminated', async () => {
    const { ready, next } = holdingSse('data: {"n":1}\n\n', (response) => response.socket?.destroy());
    const { url } = await ready;
    const response = await createNodeFetch()(new Request(url));
    const reader = response.body!.getReader();
    expect(text((await reader.read()).value)).toBe('data: {"n":1}\n\n');
    const pending = reader.read();
    next.resolve(); // now the server cuts the connection
    const error = await rejection(pending);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('terminated');
  });

  it('rejects a status outside 200-599 with TypeError fetch failed instead of throwing out of band', async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(999, { 'content-type': 'application/json' });
      response.end('{}');
    });
    const error = await rejection(createNodeFetch()(new Request(url)));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch failed');
    expect((error as Error).cause).toBeInstanceOf(RangeError);
  });

  it('rejects a body whose compression is corrupt with TypeError fetch failed', async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end('this is not gzip at all');
    });
    const error = await rejection(createNodeFetch()(new Request(url)));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch failed');
  });

  it('rejects an unsupported protocol with TypeError fetch failed', async () => {
    const error = await rejection(createNodeFetch()(new Request('ftp://127.0.0.1/file.txt')));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch failed');
    expect(String((error as Error).cause)).toContain('ftp:');
  });
});

describe('createNodeFetch: streamed (SSE) bodies', () => {
  it('hands a stream over at its headers and delivers its events in order', async () => {
    let ended = false;
    const events = ['data: {"n":1}\n\n', 'data: {"n":2}\n\n', 'data: {"n":3}\n\n', 'data: [DONE]\n\n'];
    const { ready, next } = holdingSse(events[0]!, (response) => {
      response.write(events[1]);
      response.write(events[2]);
      response.end(events[3], () => {
        ended = true;
      });
    });
    const { url } = await ready;
    const response = await createNodeFetch()(new Request(url, { method: 'POST', body: '{"stream":true}' }));
    expect(ended).toBe(false); // resolved while the server still holds the rest of the stream
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    expect(text((await reader.read()).value)).toBe(events[0]);
    next.resolve();
    await expect(readAll(reader)).resolves.toBe(events.slice(1).join(''));
  });

  it('reads a long stream in order with backpressure', async () => {
    const count = 2000;
    const event = (n: number) => `data: {"n":${n},"pad":"${'p'.repeat(200)}"}\n\n`;
    const { url } = await serve((_request, response) => {
      response.writeHead(200, sseHeaders);
      let n = 0;
      const pump = () => {
        while (n < count) {
          if (!response.write(event(n++))) return void response.once('drain', pump);
        }
        response.end();
      };
      pump();
    });
    const response = await createNodeFetch()(new Request(url));
    const all = await readAll(response.body!.getReader());
    expect(all).toBe(Array.from({ length: count }, (_, n) => event(n)).join(''));
  });

  it('closes the connection when the body is cancelled, and the pool still works', async () => {
    const { ready, closed } = holdingSse('data: {"n":1}\n\n', () => {});
    const { url, sockets } = await ready;
    const fetchOnce = createNodeFetch();
    const response = await fetchOnce(new Request(url));
    const reader = response.body!.getReader();
    expect(text((await reader.read()).value)).toBe('data: {"n":1}\n\n');
    await reader.cancel();
    await closed.promise;
    expect(sockets[0]!.destroyed).toBe(true);
    // The cancelled socket is not reused: the next request gets a fresh connection.
    const again = await fetchOnce(new Request(url));
    const againReader = again.body!.getReader();
    expect(text((await againReader.read()).value)).toBe('data: {"n":1}\n\n');
    await againReader.cancel();
    expect(sockets).toHaveLength(2);
  });

  it('closes the connection when a compressed stream is cancelled', async () => {
    const closed = deferred();
    const { url } = await serve((_request, response) => {
      response.on('close', () => closed.resolve());
      response.writeHead(200, { ...sseHeaders, 'content-encoding': 'gzip' });
      // A complete first event, then an unfinished gzip stream: the server keeps the response open.
      const whole = gzipSync('data: {"n":1}\n\n');
      response.write(whole.subarray(0, whole.length - 8));
    });
    const response = await createNodeFetch()(new Request(url));
    const reader = response.body!.getReader();
    expect(text((await reader.read()).value)).toBe('data: {"n":1}\n\n');
    await reader.cancel();
    await closed.promise;
  });
});

describe('createNodeFetch: HTTPS', () => {
  const tlsDir = new URL('./fixtures/tls/', import.meta.url);
  const cert = readFileSync(new URL('cert.pem', tlsDir), 'utf8');
  const key = readFileSync(new URL('key.pem', tlsDir), 'utf8');
  const serveTls = (handler: Handler) => track(createHttpsServer({ cert, key }) as Server, handler, 'https:');

  it('completes a request to a server whose certificate is passed as ca, over one connection', async () => {
    const { url, requests, sockets } = await serveTls((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ secure: (request.socket as Socket & { encrypted?: boolean }).encrypted }),
      );
    });
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const fetchOnce = createNodeFetch({ ca: cert });
    for (const path of ['/one', '/two']) {
      const response = await fetchOnce(new Request(`${url}${path}`, { method: 'POST', body: path }));
      await expect(response.json()).resolves.toEqual({ secure: true });
    }
    expect(requests.map((request) => request.body)).toEqual(['/one', '/two']);
    expect(sockets).toHaveLength(1);
  });

  it('rejects a self-signed certificate with TypeError fetch failed when no ca is given', async () => {
    const { url, requests } = await serveTls((_request, response) => response.end('never'));
    const error = await rejection(createNodeFetch()(new Request(url)));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch failed');
    expect((error as Error).cause).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(requests).toHaveLength(0);
  });
});

describe('the Mistral adapter sends through createNodeFetch by default', () => {
  it('generates and streams against the mock server without touching globalThis.fetch', async () => {
    const mock = await createMockMistralServer({ apiKey: 'sk-test-default-transport' });
    mocks.push(mock);
    const globalCalls = await countGlobalFetchCalls(async () => {
      const provider = createMistral({ apiKey: 'sk-test-default-transport', serverURL: mock.url });
      mock.reply(() => ({ text: 'Bonjour !' }));
      const model = provider('mistral-small-latest');
      const answer = await model.generate({ messages: [{ role: 'user', content: 'Hello' }] });
      expect(answer.message).toEqual({ role: 'assistant', content: 'Bonjour !' });

      mock.reply(() => ({ text: 'Salut, le monde' }));
      let streamed = '';
      let finished = false;
      for await (const delta of model.stream({ messages: [{ role: 'user', content: 'Hi' }] })) {
        if (delta.type === 'text-delta') streamed += delta.text;
        if (delta.type === 'finish') finished = true;
      }
      expect(streamed).toBe('Salut, le monde');
      expect(finished).toBe(true);
    });
    expect(globalCalls).toBe(0);
    expect(mock.requests.map((request) => [request.method, request.path])).toEqual([
      ['POST', '/v1/chat/completions'],
      ['POST', '/v1/chat/completions'],
    ]);
    expect(mock.requests.map((request) => (request.body as { stream?: boolean }).stream)).toEqual([
      false,
      true,
    ]);
  });
});

describe('createNodeFetch: called as fetch(url, init)', () => {
  it('sends a string body with the headers given, plus the defaults Node fetch adds', async () => {
    const { url, requests } = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
    const body = JSON.stringify({ prompt: 'naïve' });
    const response = await createNodeFetch()(`${url}/v1/chat/completions`, {
      method: 'post',
      headers: { authorization: 'Bearer sk-test', 'X-Trace': 'abc' },
      body,
    });
    await expect(response.json()).resolves.toEqual({ ok: true });
    expect(requests[0]).toMatchObject({ method: 'POST', url: '/v1/chat/completions', body });
    expect(requests[0]!.headers).toMatchObject({
      authorization: 'Bearer sk-test',
      'x-trace': 'abc',
      accept: '*/*',
      'user-agent': 'node',
      'content-type': 'text/plain;charset=UTF-8',
      'content-length': String(Buffer.byteLength(body)),
    });
  });

  it('keeps headers the caller set, sends bytes as they are, and sends a bare GET without init', async () => {
    const { url, requests } = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
    const fetch = createNodeFetch();
    await fetch(url, {
      method: 'PUT',
      headers: [
        ['content-type', 'application/json'],
        ['accept', 'application/json'],
        ['user-agent', 'dragoman-test'],
      ],
      body: new TextEncoder().encode('{"a":1}'),
    });
    await fetch(new URL(`${url}/models`));
    expect(requests.map((seen) => [seen.method, seen.url, seen.body])).toEqual([
      ['PUT', '/', '{"a":1}'],
      ['GET', '/models', ''],
    ]);
    expect(requests[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      accept: 'application/json',
      'user-agent': 'dragoman-test',
      'content-length': '7',
    });
    expect(requests[1]!.headers['content-length']).toBeUndefined();
  });

  it('takes other bodies (a Blob, URLSearchParams) through a Request, with their content type', async () => {
    const { url, requests } = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
    const fetch = createNodeFetch();
    await fetch(url, { method: 'POST', body: new URLSearchParams({ q: 'a b' }) });
    await fetch(url, { method: 'POST', body: new Blob(['raw'], { type: 'text/x-test' }) });
    expect(requests.map((seen) => [seen.body, seen.headers['content-type']])).toEqual([
      ['q=a+b', 'application/x-www-form-urlencoded;charset=UTF-8'],
      ['raw', 'text/x-test'],
    ]);
  });

  it('hands a body that is not JSON over at its headers, even without an event-stream type', async () => {
    const next = deferred();
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('first ');
      void next.promise.then(() => response.end('second'));
    });
    const response = await createNodeFetch()(server.url, { method: 'POST', body: '{}' });
    const reader = response.body!.getReader();
    expect(text((await reader.read()).value)).toBe('first ');
    next.resolve();
    await expect(readAll(reader)).resolves.toBe('second');
  });

  it('rejects with the signal reason when aborted, and works without a signal', async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
    const fetch = createNodeFetch();
    const controller = new AbortController();
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(rejection(fetch(url, { signal: controller.signal }))).resolves.toBe(reason);
    await expect((await fetch(url, {})).json()).resolves.toEqual({});
  });
});

describe('the OpenAI-compatible adapter sends through createNodeFetch by default', () => {
  it('generates and streams against the mock server without touching globalThis.fetch', async () => {
    const mock = await createMockOpenAIServer({ family: 'vllm' });
    const globalCalls = await countGlobalFetchCalls(async () => {
      const model = openaiCompatible({ baseURL: mock.baseURL, model: 'mistral-small-3.1', family: 'vllm' });
      mock.reply(() => ({ text: 'Bonjour !' }));
      const answer = await model.generate({ messages: [{ role: 'user', content: 'Hello' }] });
      expect(answer.message.content).toBe('Bonjour !');
      mock.reply(() => ({ text: 'Salut, le monde' }));
      let streamed = '';
      for await (const delta of model.stream({ messages: [{ role: 'user', content: 'Hi' }] })) {
        if (delta.type === 'text-delta') streamed += delta.text;
      }
      expect(streamed).toBe('Salut, le monde');
    }).finally(() => mock.close());
    expect(globalCalls).toBe(0);
    expect(mock.requests.filter((request) => request.path.endsWith('/chat/completions'))).toHaveLength(2);
  });
});

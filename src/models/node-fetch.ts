/**
 * A `fetch` for one provider on `node:http` / `node:https` with a keep-alive socket pool: what both adapters
 * send through by default (the Mistral adapter hands it to the SDK as its fetcher; the SDK still builds,
 * validates and parses every request and response). It skips the web-stream bodies that make Node's built-in
 * `fetch` (undici) the largest client cost of a call; see docs/performance.md.
 *
 * It behaves like `fetch` where the SDK and dragoman can tell: it resolves with a `Response`, rejects with the
 * signal's reason on abort and with `TypeError('fetch failed', { cause })` on a network failure, and errors a
 * body cut mid-way with `TypeError('terminated', { cause })`. It does not follow redirects (the Mistral API
 * does not send them; a 3xx reaches the SDK as an error status) and sends no `accept-encoding`, though a
 * compressed body is still decoded. A JSON body is read whole before the response is returned; any other
 * body (an event stream) is handed over at its headers.
 * @module
 */
import type { Agent, request as httpRequest, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

/** Options of {@link createNodeFetch}. */
export interface NodeFetchOptions {
  /** How long an idle pooled socket is kept. @default 4_000 (as Node's built-in fetch) */
  keepAliveTimeoutMs?: number;
  /**
   * The certificate authorities trusted for HTTPS, PEM. Like Node's own `ca` option this *replaces* the
   * bundled CAs (add `tls.rootCertificates` to keep them); to add one CA for every client, set
   * `NODE_EXTRA_CA_CERTS` instead. @default Node's bundled CAs
   */
  ca?: string | string[];
}

/**
 * The fetch {@link createNodeFetch} returns: it takes a prepared `Request` (as the Mistral SDK's HTTP client
 * calls it) or a URL with `init` (as the OpenAI-compatible adapter does).
 */
export interface NodeFetch {
  (request: Request, init?: RequestInit): Promise<Response>;
  (url: string | URL, init?: RequestInit): Promise<Response>;
}

// Statuses whose response has no body by definition; `new Response()` refuses one for them.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** A protocol's request function and this fetch's keep-alive pool for it. */
interface Transport {
  send: typeof httpRequest;
  agent: Agent;
}

/**
 * Creates a {@link NodeFetch} with its own socket pools, one per protocol. `node:http` / `node:https` load
 * on the first request of their protocol, so importing dragoman does not pay for them.
 */
export function createNodeFetch(options: NodeFetchOptions = {}): NodeFetch {
  const timeout = options.keepAliveTimeoutMs ?? 4_000;
  let http: Promise<Transport> | undefined;
  let https: Promise<Transport> | undefined;
  const transportFor = (protocol: string): Promise<Transport> | undefined => {
    if (protocol === 'http:') {
      http ??= import('node:http').then((module) => ({
        send: module.request,
        agent: new module.Agent({ keepAlive: true, timeout }),
      }));
      return http;
    }
    if (protocol === 'https:') {
      https ??= import('node:https').then((module) => ({
        send: module.request as typeof httpRequest,
        agent: new module.Agent({ keepAlive: true, timeout, ...(options.ca ? { ca: options.ca } : {}) }),
      }));
      return https;
    }
    return undefined;
  };

  async function fromRequest(request: Request, signal: AbortSignal): Promise<Response> {
    if (signal.aborted) throw signal.reason;
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
    return send(request.url, request.method, request.headers, body, signal);
  }

  async function send(
    target: string | URL,
    method: string,
    requestHeaders: Headers,
    body: Uint8Array | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    // An abort while the body was read fired before the listener below exists.
    if (signal?.aborted) throw signal.reason;
    const url = new URL(target);
    const transport = transportFor(url.protocol);
    if (transport === undefined) {
      throw new TypeError('fetch failed', { cause: new Error(`Unsupported protocol ${url.protocol}`) });
    }
    const { send: open, agent } = await transport;
    if (signal?.aborted) throw signal.reason;
    const headers: Record<string, string> = {};
    requestHeaders.forEach((value, key) => {
      headers[key] = value;
    });
    if (body !== undefined) headers['content-length'] = String(body.byteLength);
    return new Promise<Response>((resolve, reject) => {
      let incoming: IncomingMessage | undefined;
      let delivered = false;
      const onAbort = () => {
        const reason = signal?.reason;
        outgoing.destroy();
        incoming?.destroy(reason);
        if (!delivered) reject(reason);
      };
      const done = () => signal?.removeEventListener('abort', onAbort);
      const fail = (error: Error) => {
        done();
        if (!delivered)
          reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
      };
      const outgoing = open(url, { method, headers, agent }, (response) => {
        incoming = response;
        const status = response.statusCode ?? 0;
        if (status < 200 || status > 599) {
          // `new Response()` would throw out of band here, leaving the promise pending.
          response.destroy();
          fail(new RangeError(`Unsupported HTTP status ${status}`));
          return;
        }
        const init = { status, statusText: response.statusMessage ?? '', headers: headersOf(response) };
        if (NULL_BODY_STATUSES.has(status) || method === 'HEAD') {
          response.resume();
          done();
          delivered = true;
          resolve(new Response(null, init));
          return;
        }
        const deliver = (decoded: Readable) => {
          if (!/json/i.test(response.headers['content-type'] ?? '')) {
            // An event stream (or any body that is not JSON) is handed over at its headers, as fetch does;
            // its end (or a cut) ends the abort wiring.
            delivered = true;
            decoded.once('close', done);
            resolve(new Response(streamOf(decoded, signal), init));
            return;
          }
          // A JSON body is read whole first: far cheaper than a web stream.
          const chunks: Buffer[] = [];
          let ended = false;
          decoded.on('data', (chunk: Buffer) => chunks.push(chunk));
          decoded.once('error', (error) => fail(terminated(error)));
          decoded.once('end', () => {
            ended = true;
            done();
            delivered = true;
            resolve(new Response(Buffer.concat(chunks), init));
          });
          decoded.once('close', () => {
            if (!ended) fail(terminated(new Error('The server closed the connection mid-body.')));
          });
        };
        const encoding = response.headers['content-encoding']?.trim().toLowerCase();
        if (encoding === undefined || encoding === '' || encoding === 'identity') deliver(response);
        // A compressed body (rare: we never ask for one) loads node:zlib; the response waits, paused.
        else import('node:zlib').then((zlib) => deliver(decode(response, encoding, zlib)), fail);
      });
      outgoing.once('error', fail);
      signal?.addEventListener('abort', onAbort, { once: true });
      outgoing.end(body);
    });
  }

  return async function nodeFetch(input: Request | string | URL, init?: RequestInit): Promise<Response> {
    if (input instanceof Request) {
      // `fetch(request, { signal })` uses that signal as it is: a Request's own signal follows its parent
      // only weakly (see mistral/call-signals.ts), so a caller that has the original passes it here.
      if (init === undefined || isSignalOnly(init)) return fromRequest(input, init?.signal ?? input.signal);
      const request = new Request(input, init);
      return fromRequest(request, request.signal);
    }
    const body = init?.body;
    // Anything but no body, a string or bytes (a stream, form data, a blob) takes the Request path.
    if (!(body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array)) {
      const request = new Request(input, init);
      return fromRequest(request, request.signal);
    }
    const headers = new Headers(init?.headers);
    // The defaults Node's fetch adds, so servers see the same request.
    if (!headers.has('accept')) headers.set('accept', '*/*');
    if (!headers.has('user-agent')) headers.set('user-agent', 'node');
    if (typeof body === 'string' && !headers.has('content-type')) {
      headers.set('content-type', 'text/plain;charset=UTF-8');
    }
    const bytes = typeof body === 'string' ? Buffer.from(body) : (body ?? undefined);
    return send(input, (init?.method ?? 'GET').toUpperCase(), headers, bytes, init?.signal ?? undefined);
  };
}

function isSignalOnly(init: RequestInit): boolean {
  for (const key in init) if (key !== 'signal') return false;
  return true;
}

function headersOf(response: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = response.rawHeaders;
  for (let index = 0; index < raw.length; index += 2) headers.append(raw[index]!, raw[index + 1]!);
  return headers;
}

/** The body, decompressed when the server compressed it anyway (an unknown encoding passes through). */
function decode(response: IncomingMessage, encoding: string, zlib: typeof import('node:zlib')): Readable {
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined;
  if (decoder === undefined) return response;
  response.once('error', (error) => decoder.destroy(error));
  // A decoder destroyed early (a cancelled stream, corrupt data) must take the socket down with it.
  decoder.once('close', () => {
    if (!response.readableEnded) response.destroy();
  });
  return response.pipe(decoder);
}

/**
 * A streamed body as a web stream, with backpressure. A cut connection errors it like `fetch` does, with
 * `TypeError('terminated')`; an abort errors it with the signal's reason.
 */
function streamOf(body: Readable, signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  let ended = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const fail = (error: unknown) => {
        if (ended) return;
        ended = true;
        controller.error(signal?.aborted ? signal.reason : terminated(error));
      };
      body.on('data', (chunk: Buffer) => {
        if (ended) return;
        controller.enqueue(chunk);
        if ((controller.desiredSize ?? 0) <= 0) body.pause();
      });
      body.once('end', () => {
        if (ended) return;
        ended = true;
        controller.close();
      });
      body.once('error', fail);
      body.once('close', () => fail(new Error('The server closed the connection mid-stream.')));
    },
    pull() {
      body.resume();
    },
    cancel() {
      ended = true;
      body.destroy();
    },
  });
}

function terminated(cause: unknown): TypeError {
  return cause instanceof TypeError && cause.message === 'terminated'
    ? cause
    : new TypeError('terminated', { cause });
}

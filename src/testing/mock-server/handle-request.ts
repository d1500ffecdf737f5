import type { IncomingMessage, ServerResponse } from 'node:http';
import { findModel, toModelCard } from './catalog.js';
import {
  invalidModelError,
  methodNotAllowedError,
  notFoundError,
  unauthorizedError,
} from './error-bodies.js';
import { statusFaultResponse } from './faults.js';
import { type CompletionContext, handleCompletion } from './handle-completion.js';
import { pause, sendBody } from './send.js';
import { sendJsonWithFault } from './send-completion.js';
import type { MockFault, RecordedRequest } from './types.js';

/** The server's state a request handler reads and updates. */
export interface RequestContext extends CompletionContext {
  apiKey?: string;
  requests: RecordedRequest[];
  faults: MockFault[];
  /** Aborted when the server closes. */
  lifetime: AbortSignal;
}

const completionPaths: Record<string, 'chat' | 'fim'> = {
  '/v1/chat/completions': 'chat',
  '/v1/fim/completions': 'fim',
};

function recordHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    // Keep the scheme so a test can see a key was sent, never the key itself.
    headers[name] = name === 'authorization' ? `${text.split(' ')[0]} [redacted]` : text;
  }
  return headers;
}

async function readBody(request: IncomingMessage): Promise<{ body: unknown; parseError?: string }> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  if (text === '') return { body: undefined };
  try {
    return { body: JSON.parse(text) };
  } catch (error) {
    return { body: text, parseError: (error as Error).message };
  }
}

function requestSignal(lifetime: AbortSignal, response: ServerResponse): AbortSignal {
  const gone = new AbortController();
  response.once('close', () => gone.abort());
  return AbortSignal.any([lifetime, gone.signal]);
}

/** Records a request, applies the next queued fault, checks the key, and routes it by method and path. */
export async function handleRequest(
  context: RequestContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const { body, parseError } = await readBody(request);
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const method = request.method ?? 'GET';
  const index =
    context.requests.push({
      method,
      path: url.pathname,
      ...(url.search ? { query: url.search.slice(1) } : {}),
      headers: recordHeaders(request),
      body,
    }) - 1;
  const signal = requestSignal(context.lifetime, response);
  let fault = context.faults.shift();
  if (fault?.type === 'slow-first-byte') {
    if (!(await pause(fault.delayMs, signal))) return;
    fault = undefined;
  }
  if (fault?.type === 'status') {
    const answer = statusFaultResponse(fault);
    return sendBody(response, answer.status, answer.body, answer.headers);
  }
  if (context.apiKey !== undefined && request.headers.authorization !== `Bearer ${context.apiKey}`) {
    const answer = unauthorizedError();
    return sendBody(response, answer.status, answer.body);
  }
  const kind = completionPaths[url.pathname];
  if (kind !== undefined) {
    if (method !== 'POST') return sendBody(response, 405, methodNotAllowedError().body);
    const call = { kind, path: url.pathname, index, body, fault, signal };
    return handleCompletion(context, parseError === undefined ? call : { ...call, parseError }, response);
  }
  if (url.pathname === '/v1/models') {
    if (method !== 'GET') return sendBody(response, 405, methodNotAllowedError().body);
    return sendJsonWithFault(response, { object: 'list', data: context.models.map(toModelCard) }, {}, fault);
  }
  if (url.pathname.startsWith('/v1/models/') && method === 'GET') {
    const id = decodeURIComponent(url.pathname.slice('/v1/models/'.length));
    const model = findModel(context.models, id);
    if (model === undefined) return sendBody(response, 404, invalidModelError(id).body);
    return sendBody(response, 200, toModelCard(model));
  }
  return sendBody(response, 404, notFoundError().body);
}

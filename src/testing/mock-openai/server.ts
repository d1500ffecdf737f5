import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { OpenAICompatibleFamily } from '../../models/openai-compatible/index.js';
import { listenOnLoopback } from '../listen-on-loopback.js';
import { wrongContentTypePage } from '../mock-server/faults.js';
import { pause } from '../mock-server/send.js';
import { estimatePromptTokens } from '../mock-server/token-estimate.js';
import type { MockFault, MockReplyFunction, MockRequestBody, RecordedRequest } from '../mock-server/types.js';
import {
  contextOverflow,
  modelCard,
  modelNotFound,
  openAIErrorBody,
  rejectFields,
  unauthorized,
} from './families.js';
import { resolveReply } from './render.js';
import { sendCompletion, sendRaw, sendStream, statusFaultReply } from './respond.js';
import type { MockOpenAIModel, MockOpenAIServer, MockOpenAIServerOptions } from './types.js';

/** Extra knobs of the mock that are not part of the shared reply/fault shapes. */
export interface MockOpenAIServerExtras {
  /** Pause between SSE chunks, so a test can abort mid-stream. @default 0 */
  chunkDelayMs?: number;
}

const DEFAULT_MODELS: MockOpenAIModel[] = [{ id: 'mistral-small-3.1', contextWindow: 32_768, vision: true }];

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('error', reject);
  });
}

function recordHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name] = name === 'authorization' ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Starts an OpenAI-dialect mock server on 127.0.0.1 (port 0) that imitates one server family: vLLM, Ollama,
 * LM Studio, llama.cpp, OpenAI, or a strict `generic` one. It answers `GET /v1/models` and
 * `POST /v1/chat/completions` (JSON, or SSE with `[DONE]` and a usage chunk only when
 * `stream_options.include_usage` is set), applies the family's documented rejection rules, and plays queued
 * faults: status codes with Retry-After, a slow first byte, a cut mid-stream, malformed JSON or SSE.
 * @example
 * const server = await createMockOpenAIServer({ family: 'vllm', reply: () => ({ text: 'Hi' }) });
 * const model = openaiCompatible({ baseURL: server.baseURL, model: 'mistral-small-3.1', family: 'vllm' });
 */
export async function createMockOpenAIServer(
  options: MockOpenAIServerOptions & MockOpenAIServerExtras = {},
): Promise<MockOpenAIServer> {
  const family: OpenAICompatibleFamily = options.family ?? 'vllm';
  const models = options.models ?? DEFAULT_MODELS;
  const faults: MockFault[] = [...(options.faults ?? [])];
  const requests: RecordedRequest[] = [];
  const chunkDelayMs = options.chunkDelayMs ?? 0;
  let reply: MockReplyFunction = options.reply ?? (() => ({ text: 'OK' }));
  let chatIndex = 0;
  const lifetime = new AbortController();

  async function handleChat(
    body: unknown,
    response: ServerResponse,
    fault: MockFault | undefined,
  ): Promise<void> {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return sendRaw(response, {
        status: 400,
        body: openAIErrorBody('The body is not a JSON object.', 'invalid_request_error', null),
      });
    }
    const request = body as MockRequestBody;
    if (
      !Array.isArray(request.messages) ||
      request.messages.length === 0 ||
      typeof request.model !== 'string'
    ) {
      return sendRaw(response, {
        status: 400,
        body: openAIErrorBody('model and messages are required.', 'invalid_request_error', null),
      });
    }
    const model = models.find((candidate) => candidate.id === request.model);
    if (!model) return sendRaw(response, modelNotFound(family, request.model));
    const rejected = rejectFields(family, request);
    if (rejected) return sendRaw(response, rejected);
    const maxTokens = Number(request.max_tokens ?? request.max_completion_tokens ?? 0) || 0;
    const overflow =
      model.contextWindow &&
      contextOverflow(family, estimatePromptTokens(request), maxTokens, model.contextWindow);
    if (overflow) return sendRaw(response, overflow);
    const stream = request.stream === true;
    const answer = await reply({
      kind: 'chat',
      path: '/v1/chat/completions',
      body: request,
      stream,
      index: chatIndex++,
    });
    if ('status' in answer) return sendRaw(response, answer);
    if (answer.delayMs && !(await pause(answer.delayMs, lifetime.signal))) return;
    const resolved = resolveReply(family, answer, request);
    if (!stream) return sendCompletion(response, family, resolved, fault);
    const streamOptions = request.stream_options as { include_usage?: unknown } | undefined;
    await sendStream(response, family, resolved, {
      includeUsage: streamOptions?.include_usage === true,
      fault,
      chunkDelayMs,
      lifetime: lifetime.signal,
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = await readBody(request);
    const body = parseJson(text);
    const [path = '/', query] = (request.url ?? '/').split('?', 2);
    requests.push({
      method: request.method ?? 'GET',
      path,
      ...(query ? { query } : {}),
      headers: recordHeaders(request),
      body,
    });
    if (options.apiKey !== undefined) {
      const presented = request.headers.authorization?.replace(/^Bearer /, '');
      if (presented !== options.apiKey) return sendRaw(response, unauthorized(family, presented));
    }
    const fault = faults.shift();
    if (fault?.type === 'slow-first-byte' && !(await pause(fault.delayMs, lifetime.signal))) return;
    if (fault?.type === 'status') return sendRaw(response, statusFaultReply(family, fault));
    if (fault?.type === 'empty-body') return sendRaw(response, { status: 200, body: '' });
    if (fault?.type === 'wrong-content-type') {
      return sendRaw(response, {
        status: 200,
        body: wrongContentTypePage,
        headers: { 'content-type': 'text/html' },
      });
    }
    if (request.method === 'GET' && path === '/v1/models') {
      const created = Math.floor(Date.now() / 1000);
      return sendRaw(response, {
        status: 200,
        body: { object: 'list', data: models.map((model) => modelCard(family, model, created)) },
      });
    }
    if (request.method === 'POST' && path === '/v1/chat/completions')
      return handleChat(body, response, fault);
    sendRaw(response, {
      status: 404,
      body: openAIErrorBody(`No route for ${request.method} ${path}`, 'not_found_error', null),
    });
  }

  const sockets = new Set<Socket>();
  const server = createServer({ keepAlive: true }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendRaw(response, { status: 500, body: openAIErrorBody(String(error), 'server_error', 500) });
      else response.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const url = await listenOnLoopback(server);
  return {
    url,
    baseURL: `${url}/v1`,
    family,
    requests,
    injectFault: (fault) => void faults.push(fault),
    reply: (next) => {
      reply = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        lifetime.abort();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

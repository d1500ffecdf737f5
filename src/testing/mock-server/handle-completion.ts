import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { toCompletionBody } from './completion-json.js';
import { validationError } from './error-bodies.js';
import type { RandomSource } from './random.js';
import { planReply } from './reply-plan.js';
import { checkMistralRequest } from './rules.js';
import { pause, sendBody } from './send.js';
import { sendCompletionStream, sendJsonWithFault } from './send-completion.js';
import { toStreamChunks } from './sse-writer.js';
import type {
  MockChatRequest,
  MockFault,
  MockModelInfo,
  MockRawReply,
  MockReply,
  MockReplyFunction,
  MockRequestBody,
} from './types.js';

/** What the completion handler needs from the server. */
export interface CompletionContext {
  reply: MockReplyFunction;
  models: readonly MockModelInfo[];
  deprecated: Record<string, string>;
  validate: boolean;
  acceptUnknownModels: boolean;
  countTokens?: (body: MockRequestBody) => number;
  random: RandomSource;
  now: () => number;
}

/** One parsed request to a completion endpoint. */
export interface CompletionCall {
  kind: 'chat' | 'fim';
  path: string;
  index: number;
  /** The parsed body, or `undefined` with `parseError` when the body was not JSON. */
  body: unknown;
  parseError?: string;
  fault: MockFault | undefined;
  signal: AbortSignal;
}

function isRawReply(reply: MockReply | MockRawReply): reply is MockRawReply {
  return typeof (reply as MockRawReply).status === 'number';
}

function responseHeaders(context: CompletionContext, model: string): Record<string, string> {
  const headers: Record<string, string> = { 'mistral-correlation-id': randomUUID() };
  const deprecation = context.deprecated[model];
  if (deprecation !== undefined) headers['x-model-deprecation-timestamp'] = deprecation;
  return headers;
}

/** Answers `POST /v1/chat/completions` and `POST /v1/fim/completions`: checks, the scripted reply, faults. */
export async function handleCompletion(
  context: CompletionContext,
  call: CompletionCall,
  response: ServerResponse,
): Promise<void> {
  if (call.parseError !== undefined) {
    const detail = { type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {} };
    const error = validationError([detail]);
    return sendBody(response, error.status, error.body);
  }
  if (context.validate) {
    const error = checkMistralRequest(call.body, {
      kind: call.kind,
      models: context.models,
      acceptUnknownModels: context.acceptUnknownModels,
      ...(context.countTokens === undefined ? {} : { countTokens: context.countTokens }),
    });
    if (error !== undefined) return sendBody(response, error.status, error.body, error.headers);
  }
  const body = (typeof call.body === 'object' && call.body !== null ? call.body : {}) as MockRequestBody;
  const request: MockChatRequest = {
    kind: call.kind,
    path: call.path,
    body,
    stream: body.stream === true,
    index: call.index,
  };
  const reply = await context.reply(request);
  if (isRawReply(reply)) return sendBody(response, reply.status, reply.body, reply.headers);
  if (!(await pause(reply.delayMs ?? 0, call.signal))) return;
  const plan = planReply(reply, request, context.random, context.now);
  if (call.fault?.type === 'no-usage') delete plan.usage;
  const headers = responseHeaders(context, body.model ?? plan.model);
  if (!request.stream) return sendJsonWithFault(response, toCompletionBody(plan), headers, call.fault);
  return sendCompletionStream(response, toStreamChunks(plan, context.random), {
    headers,
    fault: call.fault,
    chunkDelayMs: reply.chunkDelayMs ?? 0,
    signal: call.signal,
  });
}

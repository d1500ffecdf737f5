import { abortErrorFrom, DragomanError } from '../errors.js';
import type {
  AssistantMessage,
  CallOptions,
  FinishReason,
  Model,
  ModelRequest,
  ModelResponse,
  StreamDelta,
  ToolCall,
  Usage,
} from '../models/types.js';

/** A scripted answer: text and/or tool calls. Missing fields get sensible defaults. */
export interface FakeReply {
  text?: string;
  /** Tool calls; `id` defaults to a 9-character id, unique across every call this model answers. */
  toolCalls?: Array<{ name: string; arguments: string | Record<string, unknown>; id?: string }>;
  usage?: Partial<Usage>;
  finishReason?: FinishReason;
  /** Report the model as deprecated on this date (as Mistral's `x-model-deprecation-timestamp` header does). */
  deprecation?: string;
  /** Split `text` into stream deltas of this many characters. @default 8 */
  chunkSize?: number;
}

/** One queue entry: a reply, an error to throw, or a function of the request returning either. */
export type FakeStep = FakeReply | Error | ((request: ModelRequest) => FakeReply | Error);

/** Options for {@link FakeModel}. */
export interface FakeModelOptions {
  /** Model id reported in responses. @default 'fake-model' */
  id?: string;
  /** Scripted steps, answered in order, one per call. */
  steps?: FakeStep[];
}

/**
 * An in-process {@link Model} answering from a queue of scripted replies. Records every request, so tests
 * can assert on what the agent sent. Throws a clear error when the queue is empty.
 * @example
 * const model = new FakeModel({ steps: [{ toolCalls: [{ name: 'add', arguments: { a: 1, b: 2 } }] }, { text: '3' }] });
 */
export class FakeModel implements Model {
  readonly id: string;
  readonly provider = 'fake';
  /** Every request received, in order. */
  readonly requests: ModelRequest[] = [];
  readonly #steps: FakeStep[];
  #calls = 0;
  #toolCallIds = 0;

  constructor(options: FakeModelOptions = {}) {
    this.id = options.id ?? 'fake-model';
    this.#steps = [...(options.steps ?? [])];
  }

  /** Adds steps to the end of the queue. */
  push(...steps: FakeStep[]): this {
    this.#steps.push(...steps);
    return this;
  }

  /** Steps not yet answered. */
  get remaining(): number {
    return this.#steps.length;
  }

  async generate(request: ModelRequest, options: CallOptions = {}): Promise<ModelResponse> {
    return this.#answer(request, options);
  }

  async *stream(request: ModelRequest, options: CallOptions = {}): AsyncIterable<StreamDelta> {
    const { response, chunkSize } = await this.#answerWithChunking(request, options);
    const text = typeof response.message.content === 'string' ? response.message.content : '';
    for (let start = 0; start < text.length; start += chunkSize) {
      if (options.signal?.aborted) throw abortErrorFrom(options.signal, 'The model call');
      await Promise.resolve();
      yield { type: 'text-delta', text: text.slice(start, start + chunkSize) };
    }
    for (const [index, call] of (response.message.toolCalls ?? []).entries()) {
      yield { type: 'tool-call-delta', index, id: call.id, name: call.name, argumentsDelta: call.arguments };
    }
    yield { type: 'finish', response };
  }

  async #answer(request: ModelRequest, options: CallOptions): Promise<ModelResponse> {
    return (await this.#answerWithChunking(request, options)).response;
  }

  async #answerWithChunking(
    request: ModelRequest,
    options: CallOptions,
  ): Promise<{ response: ModelResponse; chunkSize: number }> {
    if (options.signal?.aborted) throw abortErrorFrom(options.signal, 'The model call');
    this.requests.push(structuredClone(request));
    const step = this.#steps.shift();
    const call = ++this.#calls;
    if (step === undefined) {
      throw new DragomanError(
        'empty-queue',
        `FakeModel "${this.id}" has no scripted reply for call #${call}.`,
        {
          hint: 'Add one more step with push() or in the steps option.',
        },
      );
    }
    const reply = typeof step === 'function' ? step(request) : step;
    if (reply instanceof Error) throw reply;
    const ids = () => fakeId(this.#toolCallIds++);
    return { response: toResponse(reply, this.id, call, ids), chunkSize: Math.max(1, reply.chunkSize ?? 8) };
  }
}

function toResponse(reply: FakeReply, model: string, call: number, nextId: () => string): ModelResponse {
  const toolCalls: ToolCall[] | undefined = reply.toolCalls?.map((toolCall) => ({
    id: toolCall.id ?? nextId(),
    name: toolCall.name,
    arguments:
      typeof toolCall.arguments === 'string' ? toolCall.arguments : JSON.stringify(toolCall.arguments),
  }));
  const message: AssistantMessage = { role: 'assistant', content: reply.text ?? '' };
  if (toolCalls?.length) message.toolCalls = toolCalls;
  const promptTokens = reply.usage?.promptTokens ?? 10;
  const completionTokens = reply.usage?.completionTokens ?? 5;
  return {
    message,
    finishReason: reply.finishReason ?? (toolCalls?.length ? 'tool-calls' : 'stop'),
    usage: { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens, ...reply.usage },
    meta: { model, id: `fake-${call}`, ...(reply.deprecation ? { deprecation: reply.deprecation } : {}) },
  };
}

/**
 * The `count`-th default tool-call id of a FakeModel: 9 characters of `[a-z0-9]` (Mistral's format),
 * deterministic, and unique for the first 36^8 (about 2.8 trillion) calls of one model.
 */
function fakeId(count: number): string {
  return `f${count.toString(36).padStart(8, '0')}`;
}

import { ApiError, abortErrorFrom, ConnectionError, isDragomanError } from '../../errors.js';
import { redactError } from '../redact.js';
import { serverOf } from '../server-of.js';
import {
  droppedMidStream,
  readOptions,
  readSseData,
  readText,
  toTransportError,
} from '../transport/index.js';
import type { CallOptions, Model, ModelRequest, ModelResponse, StreamDelta } from '../types.js';
import { compileRequest } from './compile-request.js';
import { dialectFor } from './dialects.js';
import { parseErrorBody } from './map-error.js';
import {
  checkModelId,
  type OpenAICompatibleModelOptions,
  type ResolvedSettings,
  resolveSettings,
} from './options.js';
import { readCompletion } from './read-response.js';
import { readJson, send } from './send.js';
import { applyChunk, createStreamState, finishStream } from './stream-state.js';
import type { WireCompletion } from './wire.js';

const CHAT_PATH = '/chat/completions';

function streamError(data: string, what: string, atEnd: boolean, cause: unknown): Error {
  // An event cut off by the end of the body is a dropped connection, not a server bug.
  if (atEnd) {
    return new ConnectionError('connection', `${what} stream ended in the middle of an event.`, {
      cause,
      retryable: false,
      hint: 'The connection dropped mid-answer; call again.',
    });
  }
  return new ConnectionError(
    'malformed-response',
    `${what} sent a stream event that is not JSON: ${data.slice(0, 80)}`,
    {
      cause,
      hint: 'Check that baseURL points at an OpenAI-compatible server.',
    },
  );
}

function parseChunk(data: string, what: string, atEnd: boolean): WireCompletion {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (error) {
    throw streamError(data, what, atEnd, error);
  }
  if (json === null || typeof json !== 'object') throw streamError(data, what, false, undefined);
  const record = json as Record<string, unknown>;
  // vLLM and llama.cpp report failures after the stream started as an event carrying `error`.
  if (record.error !== undefined && record.choices === undefined) {
    const body = parseErrorBody(data);
    throw new ApiError('server', `${what} failed mid-stream: ${body.message ?? '(no message)'}`, {
      providerCode: body.code,
      providerType: body.type,
      retryable: false,
      hint: 'The server failed while answering; call again.',
    });
  }
  return json as WireCompletion;
}

async function* streamCompletion(
  settings: ResolvedSettings,
  model: string,
  request: ModelRequest,
  options: CallOptions,
): AsyncGenerator<StreamDelta> {
  const dialect = dialectFor(settings.family);
  const body = JSON.stringify(compileRequest(model, request, dialect, true, settings.vision));
  const { signal, onRetry } = options;
  const { started, call } = await send(
    settings,
    { method: 'POST', path: CHAT_PATH, body, model, signal, onRetry },
    async (response, call) => ({ started: response, call }),
  );
  const what = call.what;
  const contentType = started.headers.get('content-type');
  if (contentType && !contentType.includes('event-stream')) {
    const text = await readText(started, readOptions(settings.transport, call)).catch(() => '');
    throw new ConnectionError(
      'malformed-response',
      `${what} answered a stream request with ${contentType}: ${text.slice(0, 80)}`,
      {
        hint: 'Check that baseURL points at an OpenAI-compatible server that supports stream: true.',
      },
    );
  }
  const state = createStreamState();
  const out: StreamDelta[] = [];
  let done = false;
  let events = 0;
  try {
    for await (const { data, atEnd, invalidLines } of readSseData(
      started.body ?? new Blob([]).stream(),
      readOptions(settings.transport, call, () => false),
    )) {
      if (data === '' && atEnd && invalidLines > 0) {
        if (done || state.finishReason) break;
        throw new ConnectionError(
          'malformed-response',
          `${what} sent ${invalidLines} line(s) that are not valid SSE.`,
          {
            hint: 'Check that baseURL points at an OpenAI-compatible server and no proxy rewrites the stream.',
          },
        );
      }
      events++;
      if (data === '[DONE]') {
        done = true;
        break;
      }
      applyChunk(state, parseChunk(data, what, atEnd), out);
      for (const delta of out) yield delta;
      out.length = 0;
    }
  } catch (error) {
    if (isDragomanError(error)) throw error;
    const mapped = toTransportError(error, what, signal);
    // stream() never retries once the body has started (deltas cannot be taken back): say so.
    if (!(mapped instanceof ConnectionError)) throw mapped;
    throw droppedMidStream(mapped, error);
  }
  if (signal?.aborted) throw abortErrorFrom(signal, 'The model call');
  if (events === 0) {
    throw new ConnectionError('malformed-response', `${what} sent an empty event stream.`, {
      hint: 'Check that baseURL points at an OpenAI-compatible server that supports stream: true.',
    });
  }
  if (!done && !state.finishReason) {
    throw new ConnectionError('connection', `${what} stream ended before the answer finished.`, {
      retryable: false,
      hint: 'The connection dropped mid-answer; call again.',
    });
  }
  yield { type: 'finish', response: finishStream(state, model) };
}

/**
 * Creates a {@link Model} that talks to one model on an OpenAI-compatible server (vLLM, Ollama, LM Studio,
 * llama.cpp, OpenAI, or any server speaking `POST /chat/completions`) over HTTP, with no SDK.
 * Streaming is parsed with `eventsource-parser`; retries, the start-of-response timeout and the typed
 * errors are the same as the Mistral adapter's.
 * @example
 * const small = openaiCompatible({ baseURL: 'http://localhost:8000/v1', model: 'mistral-small-3.1', family: 'vllm' });
 * const answer = await small.generate({ messages: [{ role: 'user', content: 'Hello' }] });
 */
export function openaiCompatible(options: OpenAICompatibleModelOptions): Model {
  const settings = resolveSettings(options);
  const model = checkModelId(options?.model);
  return createModelFromSettings(settings, model);
}

/** A {@link Model} over already-validated settings; shared by the provider and `openaiCompatible()`. */
export function createModelFromSettings(settings: ResolvedSettings, model: string): Model {
  const dialect = dialectFor(settings.family);
  const server = serverOf(settings.baseURL);
  return {
    id: model,
    provider: 'openai-compatible',
    ...(server ? { server } : {}),
    async generate(request: ModelRequest, options: CallOptions = {}): Promise<ModelResponse> {
      try {
        const body = JSON.stringify(compileRequest(model, request, dialect, false, settings.vision));
        return await send(
          settings,
          { method: 'POST', path: CHAT_PATH, body, model, signal: options.signal, onRetry: options.onRetry },
          async (response, call) =>
            readCompletion(await readJson(settings, response, call), call.what, model),
        );
      } catch (error) {
        throw redactError(error, settings.secret);
      }
    },
    async *stream(request: ModelRequest, options: CallOptions = {}): AsyncIterable<StreamDelta> {
      try {
        yield* streamCompletion(settings, model, request, options);
      } catch (error) {
        throw redactError(error, settings.secret);
      }
    },
  };
}

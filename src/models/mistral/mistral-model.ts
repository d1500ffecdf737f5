/**
 * A {@link Model} backed by Mistral's chat completions: compiles the neutral request, sends it through the
 * shared transport, and reads the answer back, streamed or not.
 * @module
 */
import { ConnectionError, UserInputError } from '../../errors.js';
import { lookupModel } from '../catalog/index.js';
import { serverOf } from '../server-of.js';
import { droppedMidStream, readJson, readOptions } from '../transport/index.js';
import type {
  CallOptions,
  Model,
  ModelRequest,
  ModelResponse,
  ModelSettings,
  StreamDelta,
} from '../types.js';
import { callMistral, type MistralClient } from './client.js';
import { type CompiledRequest, compileMistralRequest } from './compile-request.js';
import { mapMistralError } from './map-error.js';
import { toModelResponse } from './parse-response.js';
import { readMistralStream } from './read-stream.js';
import { createStreamAssembler } from './stream-assembler.js';
import { toWireBody } from './wire-body.js';

const MALFORMED_HINT = 'The server sent malformed JSON; check serverURL points at a Mistral-compatible API.';

/** Per-model defaults: {@link ModelSettings} (overridden per call by `request.settings`) plus capabilities. */
export interface MistralModelSettings extends ModelSettings {
  /**
   * Whether the model reasons (keeps thinking parts in history, sends `reasoningEffort`).
   * @default the catalog's capability for known ids, else true for `magistral*` ids
   */
  reasoning?: boolean;
  /**
   * Whether the model sees images: images in tool results are sent to it, else described in a line.
   * @default the catalog's capability for known ids, else true
   */
  vision?: boolean;
}

/** A Mistral chat model. */
export interface MistralModel extends Model {
  readonly provider: 'mistral';
}

const PATH = '/v1/chat/completions';

function hasReasoning(modelId: string, settings: MistralModelSettings): boolean {
  return settings.reasoning ?? lookupModel(modelId)?.capabilities.reasoning ?? /magistral/i.test(modelId);
}

/** Creates a {@link MistralModel} for one model id on one provider. */
export function createMistralModel(
  client: MistralClient,
  modelId: string,
  settings: MistralModelSettings = {},
): MistralModel {
  if (typeof modelId !== 'string' || modelId.trim() === '') {
    throw new UserInputError('invalid-config', `The model id is ${JSON.stringify(modelId)}.`, {
      path: 'modelId',
      hint: "Pass a Mistral model id such as 'mistral-small-latest'.",
    });
  }
  const { reasoning: _reasoning, vision, ...defaults } = settings;
  const reasoningEfforts = lookupModel(modelId)?.reasoningEfforts;
  const compileOptions = {
    model: modelId,
    reasoning: hasReasoning(modelId, settings),
    vision: vision ?? lookupModel(modelId)?.capabilities.vision ?? true,
    ...(reasoningEfforts ? { reasoningEfforts } : {}),
  };
  const compile = (request: ModelRequest): CompiledRequest => {
    client.apiKey();
    return compileMistralRequest(
      { ...request, settings: { ...defaults, ...request?.settings } },
      compileOptions,
    );
  };
  const callFor = (compiled: CompiledRequest, stream: boolean, options: CallOptions) => ({
    method: 'POST' as const,
    path: PATH,
    body: toWireBody(compiled.request, stream),
    stream,
    model: modelId,
    messages: compiled.request.messages,
    signal: options.signal,
    onRetry: options.onRetry,
  });

  async function generate(request: ModelRequest, options: CallOptions = {}): Promise<ModelResponse> {
    const compiled = compile(request);
    return callMistral(client, callFor(compiled, false, options), async (response, http) => {
      const json = await readJson(response, readOptions(client.transport, http), MALFORMED_HINT);
      return toModelResponse(json, {
        what: http.what,
        prefix: compiled.prefix,
        headers: response.headers,
        random: client.random,
        toRealName: compiled.toolNames.toReal,
      });
    });
  }

  async function* stream(request: ModelRequest, options: CallOptions = {}): AsyncGenerator<StreamDelta> {
    const compiled = compile(request);
    const call = callFor(compiled, true, options);
    const assembler = createStreamAssembler({
      prefix: compiled.prefix,
      random: client.random,
      toRealName: compiled.toolNames.toReal,
    });
    let delivered = false;
    // The start timeout and the retries cover opening the stream and reading up to the first delta: nothing
    // has been delivered yet. After that, a failure ends the stream with a typed error.
    const opened = await callMistral(client, call, async (response, http) => {
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('event-stream')) {
        throw new ConnectionError(
          'malformed-response',
          `${http.what} answered a stream request with ${type || 'no content type'}.`,
          {
            hint: 'Check serverURL points at a Mistral-compatible API.',
          },
        );
      }
      const body = response.body ?? new Blob([]).stream();
      const batches = readMistralStream(
        body,
        assembler,
        readOptions(client.transport, http, () => !delivered),
      );
      try {
        const first = await batches.next();
        return { batches, first, headers: response.headers, what: http.what };
      } catch (error) {
        await batches.return(undefined);
        throw error;
      }
    });
    const { batches, first, headers } = opened;
    try {
      if (!first.done) {
        delivered = true;
        yield* first.value;
        for await (const deltas of batches) yield* deltas;
      }
    } catch (error) {
      const mapped = mapMistralError(error, {
        operation: `POST ${PATH}`,
        model: modelId,
        signal: options.signal,
        apiKey: client.apiKey(),
      });
      // stream() never retries once deltas went out (they cannot be taken back): say so, as the
      // OpenAI-compatible adapter does.
      if (!(mapped instanceof ConnectionError) || mapped.code !== 'connection') throw mapped;
      throw droppedMidStream(mapped, mapped);
    } finally {
      await batches.return(undefined);
    }
    if (!assembler.finished()) {
      throw new ConnectionError('connection', `${opened.what}: the stream ended before its final chunk.`, {
        retryable: false,
        hint: 'The connection was cut mid-answer; call again.',
      });
    }
    yield* assembler.end(headers);
  }

  const server = serverOf(client.serverURL);
  return { id: modelId, provider: 'mistral', ...(server ? { server } : {}), generate, stream };
}

/**
 * A {@link Model} backed by Mistral's chat completions: compiles the neutral request, calls the SDK with
 * our timeout and retries, and reads the answer back, streamed or not.
 * @module
 */
import { ConnectionError, UserInputError } from '../../errors.js';
import { lookupModel } from '../catalog/index.js';
import type {
  CallOptions,
  Model,
  ModelRequest,
  ModelResponse,
  ModelSettings,
  StreamDelta,
} from '../types.js';
import { type CallContext, runCall } from './call-context.js';
import { type CompiledRequest, compileMistralRequest } from './compile-request.js';
import { mapMistralError } from './map-error.js';
import { toModelResponse } from './parse-response.js';
import { createStreamAssembler } from './stream-assembler.js';

/** Per-model defaults: {@link ModelSettings} (overridden per call by `request.settings`) plus capabilities. */
export interface MistralModelSettings extends ModelSettings {
  /**
   * Whether the model reasons (keeps thinking parts in history, sends `reasoningEffort`).
   * @default the catalog's capability for known ids, else true for `magistral*` ids
   */
  reasoning?: boolean;
}

/** A Mistral chat model. */
export interface MistralModel extends Model {
  readonly provider: 'mistral';
}

const OPERATION = 'POST /v1/chat/completions';

function hasReasoning(modelId: string, settings: MistralModelSettings): boolean {
  return settings.reasoning ?? lookupModel(modelId)?.capabilities.reasoning ?? /magistral/i.test(modelId);
}

/** Creates a {@link MistralModel} for one model id on one provider. */
export function createMistralModel(
  context: CallContext,
  modelId: string,
  settings: MistralModelSettings = {},
): MistralModel {
  if (typeof modelId !== 'string' || modelId.trim() === '') {
    throw new UserInputError('invalid-config', `The model id is ${JSON.stringify(modelId)}.`, {
      path: 'modelId',
      hint: "Pass a Mistral model id such as 'mistral-small-latest'.",
    });
  }
  const { reasoning: _reasoning, ...defaults } = settings;
  const reasoning = hasReasoning(modelId, settings);
  const hasDefaults = Object.keys(defaults).length > 0;
  const reasoningEfforts = lookupModel(modelId)?.reasoningEfforts;
  const compileOptions = { model: modelId, reasoning, ...(reasoningEfforts ? { reasoningEfforts } : {}) };
  const compile = (request: ModelRequest): CompiledRequest => {
    context.apiKey();
    // Without per-model defaults the request's own settings are the settings: no copy needed.
    const merged = hasDefaults ? { ...request, settings: { ...defaults, ...request?.settings } } : request;
    return compileMistralRequest(merged, compileOptions);
  };

  async function generate(request: ModelRequest, options: CallOptions = {}): Promise<ModelResponse> {
    const compiled = compile(request);
    const details = {
      operation: OPERATION,
      model: modelId,
      messages: compiled.request.messages,
      signal: options.signal,
      onRetry: options.onRetry,
    };
    const { response, headers } = await runCall(context, details, (sdk, signal) =>
      sdk.chatComplete(compiled.request, { signal }),
    );
    return toModelResponse(response, {
      prefix: compiled.prefix,
      headers,
      random: context.random,
      toRealName: compiled.toolNames.toReal,
    });
  }

  async function* stream(request: ModelRequest, options: CallOptions = {}): AsyncGenerator<StreamDelta> {
    const compiled = compile(request);
    const details = {
      operation: OPERATION,
      model: modelId,
      messages: compiled.request.messages,
      signal: options.signal,
      onRetry: options.onRetry,
    };
    const errorContext = { ...details, apiKey: context.apiKey() };
    // Retries and the start timeout cover opening the stream and reading up to the first delta: nothing
    // has been delivered yet. After that, a failure ends the stream with a typed error.
    const opened = await runCall(context, details, async (sdk, signal) => {
      const { events, headers } = await sdk.chatStream(compiled.request, { signal });
      const iterator = events[Symbol.asyncIterator]();
      const assembler = createStreamAssembler({
        prefix: compiled.prefix,
        random: context.random,
        toRealName: compiled.toolNames.toReal,
      });
      try {
        let next = await iterator.next();
        let buffered: StreamDelta[] = [];
        while (!next.done && buffered.length === 0) {
          buffered = assembler.push(next.value.data);
          if (buffered.length === 0) next = await iterator.next();
        }
        return { iterator, headers, assembler, buffered, done: next.done === true };
      } catch (error) {
        await iterator.return?.().catch(() => undefined);
        throw error;
      }
    });
    const { iterator, headers, assembler } = opened;
    let done = opened.done;
    try {
      yield* opened.buffered;
      while (!done) {
        const next = await iterator.next();
        done = next.done === true;
        if (!next.done) yield* assembler.push(next.value.data);
      }
    } catch (error) {
      throw mapMistralError(error, errorContext);
    } finally {
      if (!done) await iterator.return?.().catch(() => undefined);
    }
    if (!assembler.finished()) {
      throw new ConnectionError(
        'connection',
        `${OPERATION} (${modelId}): the stream ended before its final chunk.`,
        {
          hint: 'The connection was cut mid-answer; retry the turn.',
        },
      );
    }
    yield* assembler.end(headers);
  }

  return { id: modelId, provider: 'mistral', generate, stream };
}

import {
  type CallOptions,
  type Model,
  type ModelRequest,
  type ModelResponse,
  messageText,
  type StreamDelta,
  type Usage,
} from '../../src/index.js';

/** Options of {@link withLanguagePrefix}. */
export interface LanguagePrefixOptions {
  /** The start of the answer the model is made to continue, e.g. "إليك الإجابة بالعربية:\n". */
  prefix: string;
  /** True when a (partial) answer is in the wanted language. */
  accepts(text: string): boolean;
  /** Letters of streamed text to see before judging the language. @default 12 */
  minLetters?: number;
  /** Called with the drifting start of an answer, just before the call is made again with the prefix. */
  onDrift?: (text: string) => void;
}

/**
 * Wraps a model so its answers stay in one language, with Mistral's documented fix for language drift: when
 * a text answer starts in another language, the call is made again with an assistant message holding
 * `prefix` and `prefix: true` as the last message, so the model must continue from it. The adapter strips the
 * echoed prefix; this wrapper puts it back at the start of the answer, so the stored answer is whole.
 *
 * Only plain text answers are checked: tool calls pass through (a prefix would stop the model from calling
 * tools). When streaming, the first `minLetters` letters are held back to judge; a drifting stream is
 * cancelled and its usage is not counted.
 */
export function withLanguagePrefix(model: Model, options: LanguagePrefixOptions): Model {
  const minLetters = options.minLetters ?? 12;
  const prefixed = (request: ModelRequest): ModelRequest => ({
    ...request,
    messages: [...request.messages, { role: 'assistant', content: options.prefix, prefix: true }],
  });
  const restore = (response: ModelResponse, earlier?: Usage): ModelResponse => ({
    ...response,
    message: { ...response.message, content: options.prefix + messageText(response.message) },
    usage: earlier ? addUsage(earlier, response.usage) : response.usage,
  });
  return {
    id: model.id,
    provider: model.provider,
    async generate(request, callOptions) {
      const response = await model.generate(request, callOptions);
      if (response.message.toolCalls?.length || options.accepts(messageText(response.message)))
        return response;
      options.onDrift?.(messageText(response.message));
      return restore(await model.generate(prefixed(request), callOptions), response.usage);
    },
    async *stream(request, callOptions: CallOptions = {}) {
      const attempt = new AbortController();
      const signal = callOptions.signal
        ? AbortSignal.any([callOptions.signal, attempt.signal])
        : attempt.signal;
      const held: StreamDelta[] = [];
      let text = '';
      let judged = false;
      let drifted = false;
      for await (const delta of model.stream(request, { signal })) {
        if (judged) {
          yield delta;
          continue;
        }
        held.push(delta);
        if (delta.type === 'text-delta') text += delta.text;
        const enough = letters(text) >= minLetters || delta.type === 'finish';
        const toolsOrThinking = delta.type === 'tool-call-delta' || delta.type === 'thinking-delta';
        if (toolsOrThinking || (delta.type === 'finish' && delta.response.message.toolCalls?.length))
          judged = true;
        else if (enough) {
          judged = true;
          drifted = letters(text) > 0 && !options.accepts(text);
          if (drifted) break;
        }
        if (judged) yield* held;
      }
      if (!drifted) {
        if (!judged) yield* held;
        return;
      }
      attempt.abort(new Error('The answer drifted out of the wanted language; asking again with a prefix.'));
      options.onDrift?.(text);
      yield { type: 'text-delta', text: options.prefix };
      for await (const delta of model.stream(prefixed(request), callOptions)) {
        yield delta.type === 'finish' ? { type: 'finish', response: restore(delta.response) } : delta;
      }
    },
  };
}

function letters(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}

function addUsage(first: Usage, second: Usage): Usage {
  return {
    promptTokens: first.promptTokens + second.promptTokens,
    completionTokens: first.completionTokens + second.completionTokens,
    totalTokens: first.totalTokens + second.totalTokens,
  };
}

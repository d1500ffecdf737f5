import { ConnectionError } from '../../errors.js';
import { abortable } from '../abortable.js';
import type { ResponseLimits } from './limits.js';

/** What {@link readChunks} needs besides the body. */
export interface ReadOptions {
  limits: Required<ResponseLimits>;
  /** Names the call in errors, e.g. `POST https://api.mistral.ai/v1/chat/completions`. */
  what: string;
  /** The caller's signal; aborting it ends the read with an `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Whether a stall may be retried (nothing was delivered yet). @default true */
  retryable?: () => boolean;
}

const off = (ms: number) => ms === 0 || ms === Number.POSITIVE_INFINITY;

/**
 * Yields a body's chunks while enforcing the limits: at most `maxResponseBytes` decoded bytes, no silence
 * longer than `idleTimeoutMs`, no longer than `totalTimeoutMs` in all. Breaking out, an error, or a limit
 * cancels the body, which frees the connection.
 */
export async function* readChunks(
  body: ReadableStream<Uint8Array>,
  options: ReadOptions,
): AsyncGenerator<Uint8Array> {
  const { limits, what } = options;
  const reader = body.getReader();
  const deadline = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  const totalTimer = off(limits.totalTimeoutMs)
    ? undefined
    : setTimeout(() => deadline.abort('total'), limits.totalTimeoutMs);
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let bytes = 0;
  let finished = false;
  try {
    while (true) {
      if (!off(limits.idleTimeoutMs))
        idleTimer = setTimeout(() => deadline.abort('idle'), limits.idleTimeoutMs);
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await abortable(reader.read(), signal, what);
      } catch (error) {
        if (!deadline.signal.aborted || options.signal?.aborted) throw error;
        throw stalled(options, deadline.signal.reason === 'idle');
      } finally {
        clearTimeout(idleTimer);
      }
      if (next.done) {
        finished = true;
        return;
      }
      bytes += next.value.byteLength;
      if (bytes > limits.maxResponseBytes) throw tooLarge(what, limits.maxResponseBytes);
      yield next.value;
    }
  } finally {
    clearTimeout(totalTimer);
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}

function stalled(options: ReadOptions, idle: boolean): ConnectionError {
  const { limits, what } = options;
  const message = idle
    ? `${options.what} sent nothing for ${limits.idleTimeoutMs} ms in the middle of its response.`
    : `${what} did not finish its response within ${limits.totalTimeoutMs} ms.`;
  return new ConnectionError('timeout', message, {
    retryable: options.retryable?.() ?? true,
    hint: idle
      ? 'The server stalled; raise limits.idleTimeoutMs if the model pauses that long, or check the server.'
      : 'Raise limits.totalTimeoutMs for very long answers, or lower maxTokens.',
  });
}

/** The body passed `maxResponseBytes`: not retryable, since the same request gets the same answer. */
export function tooLarge(what: string, maxBytes: number): ConnectionError {
  return new ConnectionError('response-too-large', `${what} sent more than ${maxBytes} bytes (decoded).`, {
    retryable: false,
    hint: 'Raise limits.maxResponseBytes if such answers are expected; otherwise the server or a proxy is misbehaving (a compression bomb inflates this way).',
  });
}

/** Reads a whole body as text within the limits. */
export async function readText(response: Response, options: ReadOptions): Promise<string> {
  if (response.body === null) return '';
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of readChunks(response.body, options))
    text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

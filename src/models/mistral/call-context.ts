/**
 * What every Mistral call of one provider shares: the lazily loaded SDK, the key lookup, the timeout and
 * retry policy, and one wrapper that applies them with the error mapping.
 * @module
 */
import { UserInputError } from '../../errors.js';
import { type RetryControl, type RetryOptions, withRetry } from '../retry.js';
import { type StartTimeoutOptions, type StartTimeoutTimer, withStartTimeout } from '../timeout.js';
import type { CallOptions } from '../types.js';
import { type MistralErrorContext, mapMistralError } from './map-error.js';
import type { MistralSdk } from './sdk-client.js';

/** Shared state of one provider instance. */
export interface CallContext {
  load: () => Promise<MistralSdk>;
  /** The API key for this call; throws `UserInputError` `invalid-config` when there is none. */
  apiKey: () => string;
  timeoutMs: number;
  /** One timer for the start timeouts of all this provider's calls; without it each call arms its own. */
  startTimer?: StartTimeoutTimer;
  retry: RetryOptions;
  /** For tests: jitter and fresh tool-call ids. */
  random?: () => number;
}

/** Where a key comes from: the option, else `MISTRAL_API_KEY` read at call time. */
export function createKeyResolver(apiKey: string | undefined): () => string {
  return () => {
    const key = apiKey ?? process.env.MISTRAL_API_KEY;
    if (typeof key === 'string' && key.trim() !== '') return key;
    throw new UserInputError(
      'invalid-config',
      'No Mistral API key: apiKey is unset and MISTRAL_API_KEY is empty.',
      {
        path: 'apiKey',
        hint: 'Set MISTRAL_API_KEY, or pass createMistral({ apiKey }); create a key at console.mistral.ai.',
      },
    );
  };
}

/** Per-call details for {@link runCall}. */
export interface CallDetails extends Omit<MistralErrorContext, 'apiKey' | 'signal'> {
  operation: string;
  signal?: AbortSignal;
  onRetry?: CallOptions['onRetry'];
}

/**
 * Runs one request with the start-of-response timeout, retries and error mapping. `start` must resolve
 * once the response has started; everything it throws is mapped to dragoman errors before the retry
 * policy sees it.
 */
export async function runCall<T>(
  context: CallContext,
  details: CallDetails,
  start: (sdk: MistralSdk, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const apiKey = context.apiKey();
  const sdk = await context.load();
  const { signal } = details;
  const timeout: StartTimeoutOptions = {
    timeoutMs: context.timeoutMs,
    what: `${details.operation}${details.model ? ` (${details.model})` : ''}`,
  };
  if (context.startTimer !== undefined) timeout.timer = context.startTimer;
  if (signal) timeout.signal = signal;
  const attempt = async () => {
    try {
      return await withStartTimeout((combined) => start(sdk, combined), timeout);
    } catch (error) {
      throw mapMistralError(error, { ...details, apiKey });
    }
  };
  const { onRetry } = details;
  const shared = retryControl(context);
  // The shared control is reused as it is when the call adds nothing to it.
  const control =
    signal || onRetry
      ? { ...shared, ...(signal ? { signal } : {}), ...(onRetry ? { onRetry } : {}) }
      : shared;
  return withRetry(attempt, control);
}

// The retry control of a provider's calls without a signal, built once per context.
const retryControls = new WeakMap<CallContext, RetryControl>();
function retryControl(context: CallContext): RetryControl {
  let control = retryControls.get(context);
  if (control === undefined) {
    control = context.random ? { ...context.retry, random: context.random } : { ...context.retry };
    retryControls.set(context, control);
  }
  return control;
}

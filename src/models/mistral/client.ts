/**
 * What every Mistral call of one provider shares (the key lookup, the server, the transport) and the one
 * function that sends a call with Mistral's headers, error mapping and key redaction.
 * @module
 */
import { UserInputError } from '../../errors.js';
import { type HttpCall, send, type Transport } from '../transport/index.js';
import type { CallOptions } from '../types.js';
import { mapHttpError, mapMistralError } from './map-error.js';
import type { WireMessage } from './wire-types.js';

/** La Plateforme. */
export const DEFAULT_SERVER_URL = 'https://api.mistral.ai';

/** Shared state of one provider instance. */
export interface MistralClient {
  /** The API key for this call; throws `UserInputError` `invalid-config` when there is none. */
  apiKey: () => string;
  /** The server root without a trailing slash, e.g. `https://api.mistral.ai`. */
  serverURL: string;
  transport: Transport;
  /** For tests: fresh tool-call ids (the transport has its own for jitter). */
  random?: (() => number) | undefined;
}

/** Where a key comes from: the option, else `MISTRAL_API_KEY` read at call time. */
export function createKeyResolver(apiKey: string | undefined): () => string {
  return () => {
    const key = apiKey ?? globalThis.process?.env?.MISTRAL_API_KEY;
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

/** One call to the Mistral API. */
export interface MistralCall {
  method: 'GET' | 'POST';
  /** e.g. `/v1/chat/completions`. */
  path: string;
  /** The JSON body. */
  body?: unknown;
  /** Asks for `text/event-stream`. */
  stream?: boolean;
  /** The model id, for errors. */
  model?: string | undefined;
  /** The compiled messages that were sent, so errors can name the offending index. */
  messages?: readonly WireMessage[] | undefined;
  signal?: AbortSignal | undefined;
  /** Told about each retry, with the error mapped and redacted. */
  onRetry?: CallOptions['onRetry'];
}

/**
 * Sends one call through the shared transport and hands the started 2xx response to `open` (within the
 * start timeout and retries). Everything thrown comes out as a dragoman error with the key scrubbed.
 */
export async function callMistral<T>(
  client: MistralClient,
  call: MistralCall,
  open: (response: Response, http: HttpCall) => Promise<T>,
): Promise<T> {
  const apiKey = client.apiKey();
  const operation = `${call.method} ${call.path}`;
  const context = { operation, model: call.model, messages: call.messages, signal: call.signal, apiKey };
  const { onRetry } = call;
  const http: HttpCall = {
    method: call.method,
    url: `${client.serverURL}${call.path}`,
    headers: {
      authorization: `Bearer ${apiKey}`,
      accept: call.stream ? 'text/event-stream' : 'application/json',
      ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
    what: `${operation}${call.model ? ` (${call.model})` : ''}`,
    signal: call.signal,
    onRetry:
      onRetry && ((attempt) => onRetry({ ...attempt, error: mapMistralError(attempt.error, context) })),
    failure: (status, text, headers) => mapHttpError(status, text, headers, context),
  };
  try {
    return await send(client.transport, http, (response) => open(response, http));
  } catch (error) {
    throw mapMistralError(error, context);
  }
}

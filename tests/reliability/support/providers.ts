/**
 * Both wire adapters against their local mock servers (127.0.0.1, port 0), behind one shape, so a fault or
 * fuzz scenario runs through the real Mistral SDK path and through the OpenAI-compatible fetch path alike.
 */
import { createMistral } from '../../../src/models/mistral/index.js';
import { openaiCompatible } from '../../../src/models/openai-compatible/index.js';
import type { RetryOptions } from '../../../src/models/retry.js';
import type { Model } from '../../../src/models/types.js';
import { createMockOpenAIServer } from '../../../src/testing/mock-openai/index.js';
import {
  createMockMistralServer,
  type MockFault,
  type MockReplyFunction,
  type RecordedRequest,
} from '../../../src/testing/mock-server/index.js';
import { FAKE_API_KEY } from './fake-key.js';

/** Which adapter a scenario runs through. */
export type ProviderKind = 'mistral' | 'openai-compatible';

/** The adapters every wire scenario runs through. */
export const providerKinds: readonly ProviderKind[] = ['mistral', 'openai-compatible'];

/** Options of a model made by {@link ProviderHarness.model}. */
export interface HarnessModelOptions {
  timeoutMs?: number;
  retry?: RetryOptions;
}

/** A running mock server and a way to make models of the adapter pointed at it. */
export interface ProviderHarness {
  kind: ProviderKind;
  /** The model id both mocks serve. */
  modelId: string;
  requests: readonly RecordedRequest[];
  injectFault(fault: MockFault): void;
  reply(reply: MockReplyFunction): void;
  model(options?: HarnessModelOptions): Model;
  close(): Promise<void>;
}

/** Starts the mock server of `kind` (requiring the fake key) and returns the harness. */
export async function startHarness(
  kind: ProviderKind,
  reply: MockReplyFunction = () => ({ text: 'one two three four five six seven' }),
): Promise<ProviderHarness> {
  if (kind === 'mistral') {
    const server = await createMockMistralServer({ apiKey: FAKE_API_KEY, reply });
    const modelId = 'mistral-small-latest';
    return {
      kind,
      modelId,
      requests: server.requests,
      injectFault: (fault) => server.injectFault(fault),
      reply: (next) => server.reply(next),
      model: (options = {}) =>
        createMistral({ apiKey: FAKE_API_KEY, serverURL: server.url, ...options })(modelId),
      close: () => server.close(),
    };
  }
  const server = await createMockOpenAIServer({ family: 'vllm', apiKey: FAKE_API_KEY, reply });
  const modelId = 'mistral-small-3.1';
  return {
    kind,
    modelId,
    requests: server.requests,
    injectFault: (fault) => server.injectFault(fault),
    reply: (next) => server.reply(next),
    model: (options = {}) =>
      openaiCompatible({
        baseURL: server.baseURL,
        model: modelId,
        family: 'vllm',
        apiKey: FAKE_API_KEY,
        ...options,
      }),
    close: () => server.close(),
  };
}

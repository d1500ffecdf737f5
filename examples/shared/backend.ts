import { createMistral, type MistralProvider } from '../../src/index.js';
import { createMockMistralServer, type MockReplyFunction } from '../../src/testing/index.js';

/** Where an example's model calls go: La Plateforme, or a local mock server with scripted replies. */
export interface Backend {
  provider: MistralProvider;
  /** True when talking to La Plateforme. */
  live: boolean;
  /** One line saying which backend is in use; examples print it first. */
  banner: string;
  close(): Promise<void>;
}

/**
 * Connects to La Plateforme when `MISTRAL_API_KEY` is set; otherwise starts the local mock server
 * (127.0.0.1, a free port) answering with `script`, and talks to it through the same SDK and adapter.
 */
export async function connectBackend(
  env: Record<string, string | undefined>,
  script: MockReplyFunction,
): Promise<Backend> {
  const apiKey = env.MISTRAL_API_KEY?.trim();
  if (apiKey) {
    return {
      provider: createMistral({ apiKey }),
      live: true,
      banner: 'Using La Plateforme (MISTRAL_API_KEY is set).',
      close: async () => {},
    };
  }
  const server = await createMockMistralServer({ reply: script, paddingSeed: 7 });
  return {
    provider: createMistral({ apiKey: 'mock-key', serverURL: server.url }),
    live: false,
    banner: `No MISTRAL_API_KEY: running offline against the local mock server at ${server.url} with scripted replies.`,
    close: () => server.close(),
  };
}

import { describe, expect, it } from 'vitest';
import { connectBackend } from '../../examples/shared/backend.js';

describe('connectBackend', () => {
  it('uses La Plateforme when MISTRAL_API_KEY is set, without printing the key or starting a server', async () => {
    const backend = await connectBackend({ MISTRAL_API_KEY: 'sk-live-secret-123' }, () => ({
      text: 'unused',
    }));
    expect(backend.live).toBe(true);
    expect(backend.banner).toBe('Using La Plateforme (MISTRAL_API_KEY is set).');
    expect(backend.banner).not.toContain('sk-live');
    await backend.close();
  });

  it('starts the mock server on 127.0.0.1 otherwise (also for a blank key), and answers with the script', async () => {
    const backend = await connectBackend({ MISTRAL_API_KEY: '  ' }, () => ({ text: 'scripted hello' }));
    try {
      expect(backend.live).toBe(false);
      expect(backend.banner).toMatch(
        /^No MISTRAL_API_KEY: running offline against the local mock server at http:\/\/127\.0\.0\.1:\d+ with scripted replies\.$/,
      );
      const response = await backend
        .provider('mistral-small-latest')
        .generate({ messages: [{ role: 'user', content: 'hi' }] });
      expect(response.message.content).toBe('scripted hello');
    } finally {
      await backend.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_URL } from '../../src/models/mistral/client.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { createOpenAICompatible } from '../../src/models/openai-compatible/index.js';
import { serverOf } from '../../src/models/server-of.js';
import type { Model } from '../../src/models/types.js';
import { FakeModel } from '../../src/testing/index.js';

describe('serverOf', () => {
  it('keeps the host and port only: no credentials, path or query string', () => {
    expect(serverOf('https://user:hunter2@llm.example.com:8443/v1?api-key=abc123#x')).toEqual({
      address: 'llm.example.com',
      port: 8443,
    });
  });

  it("fills in the scheme's default port and unwraps IPv6 addresses", () => {
    expect(serverOf('https://llm.example.com')).toEqual({ address: 'llm.example.com', port: 443 });
    expect(serverOf('http://localhost/v1')).toEqual({ address: 'localhost', port: 80 });
    expect(serverOf('http://[::1]:8000/v1')).toEqual({ address: '::1', port: 8000 });
  });

  it('is undefined for what is not an http(s) URL with a host', () => {
    expect(serverOf('not a url')).toBeUndefined();
    expect(serverOf('file:///tmp/socket')).toBeUndefined();
  });
});

describe('Model.server', () => {
  it('is set by both adapters from their base URL, and absent on in-process models', () => {
    // Only the URL is read: nothing is sent anywhere.
    const mistral = createMistral({ apiKey: 'k', serverURL: 'https://mistral.example.com' });
    expect(mistral('mistral-small-latest').server).toEqual({ address: 'mistral.example.com', port: 443 });
    // Without serverURL: La Plateforme's host, whatever the default constant says.
    expect(createMistral({ apiKey: 'k' })('mistral-small-latest').server).toEqual(
      serverOf(DEFAULT_SERVER_URL),
    );
    const vllm = createOpenAICompatible({ baseURL: 'http://10.0.0.7:8000/v1?token=secret', family: 'vllm' });
    expect(vllm('qwen').server).toEqual({ address: '10.0.0.7', port: 8000 });
    const fake: Model = new FakeModel({ steps: [] });
    expect(fake.server).toBeUndefined();
  });
});

import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConnectionError, UserInputError } from '../../../src/errors.js';
import { withStartTimeout } from '../../../src/models/timeout.js';
import { listenOnLoopback } from '../../../src/testing/listen-on-loopback.js';

let server: Server;
let url: string;

beforeAll(async () => {
  // /slow-start: headers after 300 ms. /slow-body: headers at once, then the body over 1.5 s.
  server = createServer((request, response) => {
    if (request.url === '/slow-start') {
      const timer = setTimeout(() => response.end('late'), 300);
      response.on('close', () => clearTimeout(timer));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.write('a');
    const timer = setTimeout(() => response.end('b'), 1500);
    response.on('close', () => clearTimeout(timer));
  });
  url = await listenOnLoopback(server);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('withStartTimeout', () => {
  it('fails with ConnectionError timeout naming the ms when headers are late', async () => {
    const error = await withStartTimeout((signal) => fetch(`${url}/slow-start`, { signal }), {
      timeoutMs: 50,
      what: 'GET /slow-start',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect((error as Error).message).toContain('GET /slow-start did not start responding within 50 ms');
  });

  it('does not bound a body that keeps flowing after the start', async () => {
    // Headers come at once; the body takes 1.5 s, longer than the timeout. A loaded machine can take a few
    // hundred ms for the headers alone, so the timeout leaves room for that.
    const response = await withStartTimeout((signal) => fetch(`${url}/slow-body`, { signal }), {
      timeoutMs: 1000,
    });
    await expect(response.text()).resolves.toBe('ab');
  });

  it('passes the caller abort through as-is, not as a timeout', async () => {
    const controller = new AbortController();
    const promise = withStartTimeout((signal) => fetch(`${url}/slow-start`, { signal }), {
      timeoutMs: 5000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    const error = await promise.catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect((error as Error).name).toBe('AbortError');
  });

  it('keeps the caller signal wired after the start', async () => {
    const controller = new AbortController();
    const response = await withStartTimeout((signal) => fetch(`${url}/slow-body`, { signal }), {
      timeoutMs: 5000,
      signal: controller.signal,
    });
    controller.abort();
    await expect(response.text()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('clears its timer once the response started', async () => {
    vi.useFakeTimers();
    try {
      await withStartTimeout(async () => 'started', { timeoutMs: 1000 });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects a bad timeout with a typed error', async () => {
    await expect(withStartTimeout(async () => 1, { timeoutMs: -5 })).rejects.toBeInstanceOf(UserInputError);
    await expect(withStartTimeout(async () => 1, { timeoutMs: 0 })).resolves.toBe(1);
  });
});

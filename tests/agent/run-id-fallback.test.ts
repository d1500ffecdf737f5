import { afterEach, describe, expect, it, vi } from 'vitest';
import { newRunId } from '../../src/agent/run-id.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('newRunId', () => {
  it('makes a v4 UUID from getRandomValues where randomUUID is missing (browsers on http pages)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => real.getRandomValues(bytes) });
    const ids = new Set(Array.from({ length: 100 }, () => newRunId()));
    expect(ids.size).toBe(100);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
  });
});

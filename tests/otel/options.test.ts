import { describe, expect, it } from 'vitest';
import { isDragomanError } from '../../src/errors.js';
import { createTracing, redactSecrets, SCHEMA_URL, SEMCONV_VERSION } from '../../src/otel/index.js';

describe('createTracing options', () => {
  it('rejects a non-boolean captureContent or scopeCalls and a bad maxContentLength, naming the value', () => {
    const bad = [
      () => createTracing({ captureContent: 'yes' as unknown as boolean }),
      () => createTracing({ scopeCalls: 0 as unknown as boolean }),
      () => createTracing({ maxContentLength: 0 }),
      () => createTracing({ maxContentLength: 1.5 }),
    ];
    const messages = bad.map((make) => {
      try {
        make();
      } catch (error) {
        expect(isDragomanError(error) && error.code).toBe('invalid-config');
        return (error as Error).message;
      }
      throw new Error('expected a throw');
    });
    expect(messages).toEqual([
      expect.stringContaining('captureContent must be true or false, got "yes"'),
      expect.stringContaining('scopeCalls must be true or false, got 0'),
      expect.stringContaining('maxContentLength must be a positive integer, got 0'),
      expect.stringContaining('got 1.5'),
    ]);
  });

  it('names the conventions version it follows', () => {
    expect(SEMCONV_VERSION).toBe('1.41.0');
    expect(SCHEMA_URL).toBe('https://opentelemetry.io/schemas/1.41.0');
  });
});

describe('redactSecrets', () => {
  it('removes bearer tokens, key-shaped strings and long random tokens, and keeps ordinary text', () => {
    const text =
      'Authorization: Bearer abc.def-123 key sk-live-abcdef123456 and Q2xKb3ZlcjE5ODRtaXN0cmFsa2V5MTIzNDU2 ' +
      'but not internationalization-is-long or 2026-12-03 or order 12345';
    const redacted = redactSecrets(text);
    expect(redacted).not.toMatch(/abc\.def|sk-live|Q2xKb3Zl/);
    expect(redacted).toContain('internationalization-is-long');
    expect(redacted).toContain('2026-12-03');
    expect(redacted).toContain('order 12345');
    expect(redacted.match(/\[REDACTED\]/g)).toHaveLength(3);
  });
});

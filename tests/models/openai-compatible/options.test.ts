import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/errors.js';
import { createOpenAICompatible, openaiCompatible } from '../../../src/models/openai-compatible/index.js';

function configError(run: () => unknown): UserInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserInputError) return error;
    throw error;
  }
  throw new Error('expected a UserInputError');
}

describe('settings are validated up front with errors that name the value', () => {
  it.each([
    [{ baseURL: '' }, 'baseURL'],
    [{ baseURL: 'localhost:8000/v1' }, 'baseURL'],
    [{ baseURL: 'ftp://host/v1' }, 'baseURL'],
    [{ baseURL: 'http://user:pass@host/v1' }, 'baseURL'],
    [{ baseURL: 'http://host/v1', family: 'tgi' }, 'family'],
    [{ baseURL: 'http://host/v1', timeoutMs: -1 }, 'timeoutMs'],
    [{ baseURL: 'http://host/v1', retry: { maxRetries: 1.5 } }, 'retry.maxRetries'],
    [{ baseURL: 'http://host/v1', headers: { 'x-n': 3 } }, 'headers.x-n'],
  ])('%o -> path %s', (settings, path) => {
    const error = configError(() => createOpenAICompatible(settings as never));
    expect(error.code).toBe('invalid-config');
    expect(error.path).toBe(path);
    expect(error.hint).toBeTruthy();
  });

  it('a missing model id is named, with a hint to list models', () => {
    const error = configError(() => openaiCompatible({ baseURL: 'http://host/v1', model: ' ' }));
    expect(error.path).toBe('model');
    expect(error.message).toContain('GET {baseURL}/models');
    const provider = createOpenAICompatible({ baseURL: 'http://host/v1' });
    expect(configError(() => provider('')).path).toBe('model');
  });

  it('credentials in a baseURL are refused without echoing them', () => {
    const error = configError(() => createOpenAICompatible({ baseURL: 'http://admin:hunter2@host/v1' }));
    expect(error.message).not.toContain('hunter2');
  });
});

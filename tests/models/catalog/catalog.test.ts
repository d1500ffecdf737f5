import { describe, expect, it } from 'vitest';
import { isDragomanError, UserInputError } from '../../../src/errors.js';
import { createCatalog, DEFAULT_CONTEXT_WINDOW, lookupModel } from '../../../src/models/catalog/index.js';
import type { ModelLister, RemoteModelInfo } from '../../../src/models/types.js';

describe('lookupModel', () => {
  it.each([
    ['mistral-small-latest', 'mistral-small-2603', 262_144, 'active'],
    ['mistral-small-2503', 'mistral-small-2503', 131_072, 'retired'],
    ['mistral-saba-latest', 'mistral-saba-2502', 32_768, 'retired'],
    ['codestral-latest', 'codestral-2508', 131_072, 'active'],
    ['codestral-2501', 'codestral-2501', 262_144, 'retired'],
    ['ministral-8b-latest', 'ministral-8b-latest', 262_144, 'active'],
    ['mistral-medium-3', 'mistral-medium-3-5', 262_144, 'active'],
  ])('%s -> %s (%i tokens, %s)', (id, canonical, window, status) => {
    const info = lookupModel(id);
    expect(info?.id).toBe(canonical);
    expect(info?.contextWindow).toBe(window);
    expect(info?.status).toBe(status);
  });

  it('knows which models reason, see images and fill in the middle', () => {
    expect(lookupModel('mistral-small-latest')?.capabilities).toEqual({
      vision: true,
      functionCalling: true,
      fim: false,
      reasoning: true,
    });
    expect(lookupModel('codestral-latest')?.capabilities.fim).toBe(true);
    expect(lookupModel('codestral-latest')?.capabilities.vision).toBe(false);
    expect(lookupModel('mistral-small-2503')?.capabilities.reasoning).toBe(false);
  });

  it('returns undefined for unknown ids', () => {
    expect(lookupModel('gpt-4o')).toBeUndefined();
  });
});

describe('createCatalog().resolve', () => {
  it.each([
    ['mistral-saba-latest', 'mistral-small-2603', '2025-09-30'],
    ['mistral-small-2503', 'mistral-small-2603', '2025-11-30'],
    ['codestral-2501', 'codestral-2508', '2025-11-30'],
    // Dates and replacements from Mistral's model cards (src/models/catalog/static-models.ts, CARDS).
    ['mistral-small-2506', 'mistral-small-2603', '2026-07-31'],
    ['magistral-small-latest', 'mistral-small-2603', '2026-07-31'],
    ['devstral-latest', 'mistral-medium-3-5', '2026-07-31'],
    // Devstral 1.x names Devstral 2, itself retired since: the chain ends at Medium 3.5.
    ['devstral-small-2507', 'mistral-medium-3-5', '2026-05-31'],
    ['devstral-medium-2507', 'mistral-medium-3-5', '2026-05-31'],
  ])('substitutes retired %s with %s, visibly', (id, resolved, retiredOn) => {
    const { info, substitution } = createCatalog().resolve(id);
    expect(info.id).toBe(resolved);
    expect(substitution).toMatchObject({ requested: id, resolved, retiredOn });
    expect(substitution?.reason).toContain(retiredOn);
  });

  it('does not substitute active models', () => {
    expect(createCatalog().resolve('codestral-latest').substitution).toBeUndefined();
  });

  it('throws a UserInputError naming the model and its replacement in strict mode', () => {
    const catalog = createCatalog({ strict: true });
    expect(() => catalog.resolve('mistral-saba-latest')).toThrow(UserInputError);
    try {
      catalog.resolve('mistral-saba-latest');
    } catch (error) {
      expect(isDragomanError(error) && error.code).toBe('invalid-config');
      expect(String(error)).toMatch(/mistral-saba-latest.*2025-09-30.*mistral-small-2603/);
    }
  });

  it('gives unknown models the default window and marks them unknown', () => {
    const { info } = createCatalog().resolve('my-local-model');
    expect(info).toMatchObject({
      id: 'my-local-model',
      contextWindow: DEFAULT_CONTEXT_WINDOW,
      source: 'unknown',
    });
  });

  it('lets configured models override the static table', () => {
    const base = lookupModel('codestral-latest');
    if (!base) throw new Error('static table lost codestral');
    const catalog = createCatalog({ models: [{ ...base, contextWindow: 262_144, source: 'config' }] });
    expect(catalog.resolve('codestral-latest').info.contextWindow).toBe(262_144);
  });
});

function listerOf(models: RemoteModelInfo[]): ModelLister & { calls: number } {
  const lister = {
    calls: 0,
    async listModels() {
      lister.calls++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return models;
    },
  };
  return lister;
}

const NOW = () => new Date('2026-11-23T00:00:00Z');

describe('createCatalog().refresh', () => {
  it('merges capabilities, windows, aliases and deprecations from /v1/models', async () => {
    const lister = listerOf([
      {
        id: 'mistral-small-2609',
        aliases: ['mistral-small-latest'],
        contextWindow: 131_072,
        capabilities: { vision: true, functionCalling: true },
      },
      {
        id: 'codestral-2508',
        aliases: ['codestral-latest'],
        contextWindow: 262_144,
        capabilities: { functionCalling: true, fim: true, vision: false },
        deprecation: '2027-03-31T00:00:00Z',
        replacement: 'codestral-2611',
      },
    ]);
    const catalog = createCatalog({ lister, now: NOW });
    const report = await catalog.refresh();
    expect(report).toEqual({ listed: 2, added: ['mistral-small-2609'] });
    expect(catalog.refreshed).toBe(true);
    expect(catalog.resolve('mistral-small-latest').info.id).toBe('mistral-small-2609');
    const codestral = catalog.resolve('codestral-latest').info;
    expect(codestral).toMatchObject({
      contextWindow: 262_144,
      status: 'deprecated',
      retiredOn: '2027-03-31',
      replacement: 'codestral-2611',
      tokenizer: 'unknown',
      source: 'remote',
    });
  });

  it('treats a listed deprecation date in the past as retired and follows the replacement', async () => {
    const lister = listerOf([
      { id: 'old-model', aliases: [], capabilities: {}, deprecation: '2026-01-01', replacement: 'new-model' },
      { id: 'new-model', aliases: [], capabilities: {}, contextWindow: 65_536 },
    ]);
    const catalog = createCatalog({ lister, now: NOW });
    await catalog.refresh();
    const { info, substitution } = catalog.resolve('old-model');
    expect(info).toMatchObject({ id: 'new-model', contextWindow: 65_536 });
    expect(substitution).toMatchObject({
      requested: 'old-model',
      resolved: 'new-model',
      retiredOn: '2026-01-01',
    });
  });

  it('works with a self-hosted server that lists fewer fields (vLLM max_model_len)', async () => {
    const lister = listerOf([
      { id: 'mistral-small-2503', aliases: [], capabilities: {}, contextWindow: 32_000 },
    ]);
    const catalog = createCatalog({ lister, now: NOW });
    await catalog.refresh();
    const { info, substitution } = catalog.resolve('mistral-small-2503');
    // Served here, so not retired here; static capabilities are kept where the server says nothing.
    expect(substitution).toBeUndefined();
    expect(info).toMatchObject({ status: 'active', contextWindow: 32_000, source: 'remote' });
    expect(info.capabilities.vision).toBe(true);
  });

  it('calls the lister once, sharing one promise between concurrent callers', async () => {
    const lister = listerOf([]);
    const catalog = createCatalog({ lister });
    await Promise.all([catalog.refresh(), catalog.refresh(), catalog.refresh()]);
    await catalog.refresh();
    expect(lister.calls).toBe(1);
  });

  it('retries after a failed refresh', async () => {
    let calls = 0;
    const catalog = createCatalog({
      lister: {
        async listModels() {
          calls++;
          if (calls === 1) throw new Error('connection refused');
          return [];
        },
      },
    });
    await expect(catalog.refresh()).rejects.toThrow('connection refused');
    expect(catalog.refreshed).toBe(false);
    await expect(catalog.refresh()).resolves.toEqual({ listed: 0, added: [] });
    expect(calls).toBe(2);
  });

  it('aborts the listing when its only caller aborts', async () => {
    let seen: AbortSignal | undefined;
    const catalog = createCatalog({
      lister: {
        listModels: (options) =>
          new Promise((_resolve, reject) => {
            seen = options?.signal;
            options?.signal?.addEventListener('abort', () => reject(new Error('aborted by signal')));
          }),
      },
    });
    const controller = new AbortController();
    const pending = catalog.refresh({ signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen?.aborted).toBe(true);
  });
});

describe('createCatalog().noteDeprecation', () => {
  it('returns a warning once per model and marks the model deprecated', () => {
    const catalog = createCatalog();
    const warning = catalog.noteDeprecation('codestral-latest', '2027-03-31T00:00:00Z');
    expect(warning).toMatchObject({ model: 'codestral-latest', deprecation: '2027-03-31' });
    expect(warning?.message).toContain('2027-03-31');
    expect(catalog.noteDeprecation('codestral-2508', '2027-03-31')).toBeUndefined();
    expect(catalog.get('codestral-latest')?.status).toBe('deprecated');
  });
});

describe('alias moves', () => {
  it('keeps the old dated id pointing at its own model when -latest moves on', async () => {
    const lister = listerOf([
      {
        id: 'mistral-small-2609',
        aliases: ['mistral-small-latest'],
        capabilities: {},
        contextWindow: 131_072,
      },
    ]);
    const catalog = createCatalog({ lister, now: NOW });
    await catalog.refresh();
    expect(catalog.get('mistral-small-2603')?.id).toBe('mistral-small-2603');
    // The new model inherits what is known about the lineage where the server is silent.
    expect(catalog.get('mistral-small-latest')?.capabilities.reasoning).toBe(true);
  });
});

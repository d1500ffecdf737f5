import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/errors.js';
import { createCatalog } from '../../src/models/catalog/index.js';
import type { Message, ModelLister, RemoteModelInfo } from '../../src/models/types.js';
import { createRouter, type RouterOptions } from '../../src/routing/index.js';
import { FakeModel } from '../../src/testing/fake-model.js';

const fakeProvider = (id: string) => new FakeModel({ id });
const router = (options: RouterOptions = {}) => createRouter({ provider: fakeProvider, ...options });
const user = (content: Message['content'] & string): Message => ({ role: 'user', content });
const image = { type: 'image' as const, url: 'https://example.test/cat.png' };

describe('default policy (explain)', () => {
  it.each([
    ['كيف أستطيع تعلم الطبخ المغربي في البيت؟', 'arabic'],
    ['عايز اروح السينما النهارده مع صحابي', 'arabic'],
    ['اكتب دالة بايثون ترجع أكبر عدد في القائمة', 'code'],
    ['Write a TypeScript function that debounces another function', 'code'],
    ['چطور می‌توانم زبان فرانسه یاد بگیرم؟', 'general'],
    ['مجھے اردو شاعری کی کچھ کتابیں بتائیں', 'general'],
    ['What is the best time to visit Petra?', 'general'],
  ])('%s -> %s', (text, route) => {
    expect(router().explain(text).route).toBe(route);
  });

  it('says why in one sentence and carries the signals', () => {
    const decision = router().explain('مرحبا، كيف حالك اليوم؟');
    expect(decision.reason).toMatch(/Arabic/);
    expect(decision.signals).toMatchObject({ arabicScriptLanguage: 'ar', images: 0, followUp: false });
    expect(router().explain('سلام، حال شما چطور است؟').reason).toMatch(/not Arabic/);
  });

  it('reports the retired default models substituted by their replacements', () => {
    expect(router().explain('مرحبا، كيف حالك اليوم؟').model).toBe('mistral-small-2603');
    expect(router().explain('Write a Python function').model).toBe('codestral-latest');
  });
});

describe('select', () => {
  it('sends images to general even when the text is Arabic or code', async () => {
    const selection = await router().select({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'اكتب دالة بايثون لهذه الصورة' }, image] }],
      needsTools: false,
    });
    expect(selection.decision.route).toBe('general');
    expect(selection.decision.reason).toMatch(/image/);
    expect(selection.model.id).toBe('mistral-small-latest');
    expect(selection.contextWindow).toBe(262_144);
  });

  it('sends the step after a tool returned images to general, and counts only the current turn', async () => {
    const call = { id: 'abcDEF123', name: 'screenshot', arguments: '{}' };
    const turn: Message[] = [
      user('Write a TypeScript function that checks the page renders, and take a screenshot'),
      { role: 'assistant', content: '', toolCalls: [call] },
      {
        role: 'tool',
        toolCallId: call.id,
        name: call.name,
        content: [{ type: 'text', text: 'shot' }, image],
      },
    ];
    const selection = await router().select({ messages: turn, needsTools: true });
    expect(selection.decision.route).toBe('general');
    expect(selection.decision.signals.images).toBe(1);
    const next = [
      ...turn,
      { role: 'assistant', content: 'It renders.' } as Message,
      user('Now write the test in TypeScript code'),
    ];
    const later = await router().select({ messages: next, needsTools: true });
    expect(later.decision.signals.images).toBe(0);
    expect(later.decision.route).toBe('code');
  });

  it('reports the substitution and the replacement window for a retired route model', async () => {
    const selection = await router().select({ messages: [user('مرحبا، كيف حالك؟')], needsTools: false });
    expect(selection.model.id).toBe('mistral-small-2603');
    expect(selection.contextWindow).toBe(262_144);
    expect(selection.substitution).toMatchObject({
      requested: 'mistral-saba-latest',
      resolved: 'mistral-small-2603',
    });
  });

  it('keeps the previous route for a short follow-up, from the previous decision', async () => {
    const subject = router();
    const first = await subject.select({
      messages: [user('Write a Rust function to parse JSON')],
      needsTools: false,
    });
    expect(first.decision.route).toBe('code');
    for (const text of ['thanks!', 'شكرا', '2', '👍']) {
      const next = await subject.select({
        messages: [user(text)],
        needsTools: false,
        previous: first.decision,
      });
      expect(next.decision.route).toBe('code');
      expect(next.decision.reason).toMatch(/follow-up/);
    }
  });

  it('derives the previous route from the last assistant message meta.route when no decision is given', async () => {
    const messages: Message[] = [
      user('مرحبا'),
      { role: 'assistant', content: 'أهلا!', meta: { route: 'arabic', model: 'mistral-small-2603' } },
      user('ok'),
    ];
    expect((await router().select({ messages, needsTools: false })).decision.route).toBe('arabic');
  });

  it('routes a follow-up without any history by its content', async () => {
    expect((await router().select({ messages: [user('ok')], needsTools: false })).decision.route).toBe(
      'general',
    );
  });

  it('reuses one Model per model id', async () => {
    const subject = router();
    const a = await subject.select({ messages: [user('hello')], needsTools: false });
    const b = await subject.select({ messages: [user('bonjour')], needsTools: false });
    expect(a.model).toBe(b.model);
  });
});

describe('capabilities', () => {
  it('falls through to general when the route model lacks function calling and the agent has tools', async () => {
    // A Model instance keeps its id (no substitution), so Saba's facts apply: no function calling.
    const saba = new FakeModel({ id: 'mistral-saba-2502' });
    const subject = router({ routes: { arabic: saba } });
    const withTools = await subject.select({ messages: [user('مرحبا، كيف حالك؟')], needsTools: true });
    expect(withTools.decision.route).toBe('general');
    expect(withTools.decision.skipped).toEqual([
      { route: 'arabic', model: 'mistral-saba-2502', missing: 'function-calling' },
    ]);
    expect(withTools.decision.reason).toMatch(
      /arabic \(mistral-saba-2502\) lacks function-calling, so general/,
    );
    const withoutTools = await subject.select({ messages: [user('مرحبا، كيف حالك؟')], needsTools: false });
    expect(withoutTools.decision.route).toBe('arabic');
    expect(withoutTools.model).toBe(saba);
    expect(withoutTools.contextWindow).toBe(32_768);
  });

  it('falls through to the next vision route when general cannot see images', async () => {
    const subject = router({
      routes: { general: 'codestral-latest', arabic: 'codestral-2508', vision: 'ministral-8b-latest' },
    });
    const selection = await subject.select({
      messages: [{ role: 'user', content: [image] }],
      needsTools: false,
    });
    expect(selection.decision.route).toBe('vision');
    // Fall-through order: the preferred route, then general, then the other routes as configured.
    expect(selection.decision.skipped).toEqual([
      { route: 'general', model: 'codestral-latest', missing: 'vision' },
      { route: 'arabic', model: 'codestral-2508', missing: 'vision' },
      { route: 'code', model: 'codestral-latest', missing: 'vision' },
    ]);
  });

  it('trusts models no source describes, and lets the config declare capabilities', async () => {
    const local = router({ routes: { general: 'my-local-model' } });
    const trusted = await local.select({ messages: [{ role: 'user', content: [image] }], needsTools: true });
    expect(trusted.decision.route).toBe('general');
    expect(trusted.decision.skipped).toBeUndefined();
    expect(trusted.contextWindow).toBe(32_768);
    const declared = router({
      routes: {
        general: { model: 'my-local-model', capabilities: { vision: false }, contextWindow: 16_384 },
        arabic: { model: 'my-local-model', capabilities: { vision: false } },
        vision: 'ministral-8b-latest',
      },
    });
    const selection = await declared.select({
      messages: [{ role: 'user', content: [image] }],
      needsTools: false,
    });
    expect(selection.decision.route).toBe('vision');
    const text = await declared.select({ messages: [user('hello')], needsTools: false });
    expect(text.contextWindow).toBe(16_384);
  });
});

describe('custom rules', () => {
  const routes = { legal: 'mistral-large-latest' };
  it.each([
    [{ route: 'legal', keywords: ['contract'] }, 'Please review this CONTRACT clause', 'legal'],
    [{ route: 'legal', pattern: /\bNDA\b/ }, 'Is this NDA standard?', 'legal'],
    [{ route: 'legal', languages: ['fa'] }, 'این قرارداد را بررسی کنید', 'legal'],
    [{ route: 'legal', test: ({ text }: { text: string }) => text.length > 30 }, 'short', 'general'],
    [{ route: 'legal', keywords: ['contract'], languages: ['fa'] }, 'contract', 'general'],
  ])('%o on %s -> %s', (rule, text, route) => {
    const decision = router({ routes, rules: [rule] }).explain(text);
    expect(decision.route).toBe(route);
    if (route === 'legal') expect(decision.reason).toMatch(/custom rule "rule 0"/);
  });

  it('tries rules in order and uses a pluggable language detector', () => {
    const subject = router({
      routes,
      detector: { detect: (text) => (text.includes('bonjour') ? 'fr' : undefined) },
      rules: [
        { route: 'code', name: 'french', languages: ['fr'] },
        { route: 'legal', keywords: ['bonjour'] },
      ],
    });
    expect(subject.explain('bonjour')).toMatchObject({
      route: 'code',
      reason: 'custom rule "french" matched',
    });
  });

  it('rejects rules to unknown routes and rules without conditions', () => {
    expect(() => router({ rules: [{ route: 'legal', keywords: ['x'] }] })).toThrow(/rules\[0\].*"legal"/);
    expect(() => router({ rules: [{ route: 'code' }] })).toThrow(UserInputError);
  });
});

describe('configuration', () => {
  it('rejects unusable route targets with the path', () => {
    expect(() => router({ routes: { code: '' } })).toThrow(/routes\.code is an empty string/);
    expect(() => router({ routes: { code: { model: 'codestral-latest', contextWindow: -1 } } })).toThrow(
      /routes\.code\.contextWindow/,
    );
    expect(() => router({ routes: { code: 42 as unknown as string } })).toThrow(UserInputError);
  });

  it('fails at creation in strict mode when a route names a retired model', () => {
    expect(() => router({ strict: true })).toThrow(/mistral-saba-latest.*retired on 2025-09-30/);
    expect(() =>
      router({ strict: true, routes: { arabic: 'mistral-small-latest', general: 'mistral-small-2503' } }),
    ).toThrow(/routes\.general/);
    expect(() => router({ strict: true, routes: { arabic: 'mistral-small-latest' } })).not.toThrow();
  });
});

describe('catalog refresh', () => {
  const listing: RemoteModelInfo[] = [
    {
      id: 'mistral-small-2603',
      aliases: ['mistral-small-latest'],
      contextWindow: 100_000,
      capabilities: { vision: true },
    },
    {
      id: 'codestral-2508',
      aliases: ['codestral-latest'],
      contextWindow: 50_000,
      capabilities: { functionCalling: true },
    },
  ];

  it('refreshes once, lazily, and applies the listed windows', async () => {
    let calls = 0;
    const lister: ModelLister = {
      async listModels() {
        calls++;
        return listing;
      },
    };
    const subject = router({ catalog: createCatalog({ lister }) });
    expect(calls).toBe(0);
    const [code, general] = await Promise.all([
      subject.select({ messages: [user('Write a Go function')], needsTools: false }),
      subject.select({ messages: [user('hello')], needsTools: false }),
    ]);
    expect(code.contextWindow).toBe(50_000);
    expect(general.contextWindow).toBe(100_000);
    await subject.select({ messages: [user('hi')], needsTools: false });
    expect(calls).toBe(1);
  });

  it('keeps routing on static facts when the listing fails, and says why', async () => {
    const lister: ModelLister = {
      listModels: () => Promise.reject(new Error('connection refused')),
    };
    const subject = router({ catalog: createCatalog({ lister }) });
    const selection = await subject.select({ messages: [user('Write a Go function')], needsTools: false });
    expect(selection.contextWindow).toBe(131_072);
    expect(String(subject.refreshError)).toMatch(/connection refused/);
  });

  it('rejects an aborted select and refreshes again on the next one', async () => {
    let calls = 0;
    const lister: ModelLister = {
      listModels: (options) => {
        calls++;
        if (calls > 1) return Promise.resolve(listing);
        return new Promise((_resolve, reject) => {
          options?.signal?.addEventListener('abort', () => reject(options.signal?.reason));
        });
      },
    };
    const subject = router({ catalog: createCatalog({ lister }) });
    const controller = new AbortController();
    const pending = subject.select(
      { messages: [user('hello')], needsTools: false },
      { signal: controller.signal },
    );
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(subject.refreshError).toBeUndefined();
    const selection = await subject.select({ messages: [user('hello')], needsTools: false });
    expect(selection.contextWindow).toBe(100_000);
    expect(calls).toBe(2);
  });

  it('does not refresh in manual mode', async () => {
    let calls = 0;
    const lister: ModelLister = {
      async listModels() {
        calls++;
        return listing;
      },
    };
    const subject = router({ catalog: createCatalog({ lister }), refresh: 'manual' });
    await subject.select({ messages: [user('hello')], needsTools: false });
    expect(calls).toBe(0);
  });
});

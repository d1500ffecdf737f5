import { describe, expect, it } from 'vitest';
import { isDragomanError } from '../../../src/errors.js';
import type { MemoryStore } from '../../../src/memory/types.js';
import type { Message } from '../../../src/models/types.js';

/** Every kind of message field a store must round-trip. */
export const richTurn: Message[] = [
  {
    role: 'user',
    content: [
      { type: 'text', text: 'ما هذا؟ 🦙 line\u2028separator "quoted" \\ back' },
      { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=', width: 10, height: 20 },
    ],
  },
  {
    role: 'assistant',
    content: [
      { type: 'thinking', text: 'Let me look.' },
      { type: 'text', text: '' },
    ],
    toolCalls: [
      { id: 'abcDEF123', name: 'read', arguments: '{"path":"a.txt"}' },
      { id: 'shotXYZ78', name: 'screenshot', arguments: '{}' },
    ],
    meta: { route: 'arabic', model: 'mistral-small-latest' },
  },
  { role: 'tool', toolCallId: 'abcDEF123', name: 'read', content: 'not found', isError: true },
  {
    role: 'tool',
    toolCallId: 'shotXYZ78',
    name: 'screenshot',
    content: [
      { type: 'text', text: '[image image/png, 8 bytes]' },
      { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' },
      { type: 'image', url: 'https://example.com/b.webp', width: 640, height: 480 },
    ],
  },
  { role: 'assistant', content: 'لم أجد الملف.', prefix: false, meta: { synthetic: 'bridge' } },
];

const turn = (label: string): Message[] => [
  { role: 'user', content: `${label} question` },
  { role: 'assistant', content: `${label} answer` },
];

/**
 * The contract every {@link MemoryStore} meets. `create` returns a fresh, empty store; run it once per
 * implementation.
 */
export function describeMemoryStoreContract(
  name: string,
  create: () => Promise<MemoryStore> | MemoryStore,
): void {
  describe(`MemoryStore contract: ${name}`, () => {
    it('loads an unknown session as an empty array', async () => {
      const store = await create();
      expect(await store.load('nobody')).toEqual([]);
    });

    it('appends turns in order and loads them back equal', async () => {
      const store = await create();
      await store.append('s1', turn('one'));
      await store.append('s1', richTurn);
      await store.append('s1', turn('three'));
      expect(await store.load('s1')).toEqual([...turn('one'), ...richTurn, ...turn('three')]);
    });

    it('keeps sessions apart, including ids that differ only in case', async () => {
      const store = await create();
      await store.append('Alice', turn('upper'));
      await store.append('alice', turn('lower'));
      expect(await store.load('Alice')).toEqual(turn('upper'));
      expect(await store.load('alice')).toEqual(turn('lower'));
    });

    it('clear forgets a session; clearing an unknown one is fine; appending again starts fresh', async () => {
      const store = await create();
      await store.append('s', turn('old'));
      await store.append('other', turn('kept'));
      await store.clear('s');
      await store.clear('never-existed');
      expect(await store.load('s')).toEqual([]);
      expect(await store.load('other')).toEqual(turn('kept'));
      await store.append('s', turn('new'));
      expect(await store.load('s')).toEqual(turn('new'));
    });

    it('cannot be changed through objects passed in or handed out', async () => {
      const store = await create();
      const input = turn('mine');
      await store.append('s', input);
      (input[0] as { content: string }).content = 'mutated input';
      const loaded = await store.load('s');
      (loaded[1] as { content: string }).content = 'mutated output';
      loaded.push({ role: 'user', content: 'extra' });
      expect(await store.load('s')).toEqual(turn('mine'));
    });

    it('ignores an empty append', async () => {
      const store = await create();
      await store.append('s', []);
      expect(await store.load('s')).toEqual([]);
    });

    it('keeps each turn whole when appends run concurrently', async () => {
      const store = await create();
      await Promise.all(Array.from({ length: 12 }, (_, index) => store.append('busy', turn(`t${index}`))));
      const loaded = await store.load('busy');
      expect(loaded).toHaveLength(24);
      for (let index = 0; index < loaded.length; index += 2) {
        const label = String(loaded[index]?.content).split(' ')[0];
        expect(loaded[index + 1]?.content).toBe(`${label} answer`);
      }
      expect(new Set(loaded.map((message) => message.content)).size).toBe(24);
    });

    it.each([
      ['', 'must not be empty'],
      ['a\nb', 'control characters'],
      ['../etc/passwd', 'looks like a path'],
      ['a/b', 'looks like a path'],
      ['a\\b', 'looks like a path'],
      ['x'.repeat(201), 'at most 200'],
    ])('rejects the session id %j with a clear UserInputError', async (sessionId, reason) => {
      const store = await create();
      for (const action of [
        () => store.load(sessionId),
        () => store.append(sessionId, turn('x')),
        () => store.clear(sessionId),
      ]) {
        await expect(action()).rejects.toSatisfy(
          (error: unknown) =>
            isDragomanError(error) && error.name === 'UserInputError' && error.message.includes(reason),
        );
      }
    });
  });
}

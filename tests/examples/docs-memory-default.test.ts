/**
 * The docs and the code agree on the memory default: there is none. (docs/context-and-memory.md once called
 * InMemoryStore "the default" while agents-and-tools.md and the code said no store.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineAgent, run } from '../../src/index.js';
import { FakeModel } from '../../src/testing/fake-model.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pages = ['README.md', ...readdirSync(`${root}docs`).map((name) => `docs/${name}`)].filter((name) =>
  name.endsWith('.md'),
);

describe('memory default', () => {
  it('is none in the code, and no page says otherwise', async () => {
    const agent = defineAgent({ name: 'no-memory', model: new FakeModel({ steps: [{ text: 'hi' }] }) });
    expect(agent.memory).toBeUndefined();
    await expect(run(agent, 'hello', { session: 's1' })).rejects.toThrow(/needs a memory store/);
    const claims = pages.filter((page) =>
      /InMemoryStore`?\*{0,2}\s*\((the )?default\)|default(s)? (memory )?(store )?(is|to) `?InMemoryStore/i.test(
        readFileSync(`${root}${page}`, 'utf8'),
      ),
    );
    expect(claims).toEqual([]);
  });
});

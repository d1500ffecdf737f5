import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

describe('docs/errors.md', () => {
  it('documents every error code and error class the library declares', async () => {
    const source = await readFile(new URL('../../src/errors.ts', import.meta.url), 'utf8');
    const union = /export type DragomanErrorCode =([^;]+);/u.exec(source)?.[1] ?? '';
    const codes = [...union.matchAll(/'([a-z-]+)'/gu)].map((match) => match[1]);
    expect(codes.length).toBeGreaterThan(15);
    const runErrors = await readFile(new URL('../../src/agent/errors.ts', import.meta.url), 'utf8');
    const classes = [...`${source}\n${runErrors}`.matchAll(/export class (\w+Error) extends/gu)].map(
      (match) => match[1],
    );
    const docs = await readFile(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const missing = [...codes.map((code) => `\`${code}\``), ...classes.map((name) => `\`${name}\``)].filter(
      (name) => !docs.includes(name),
    );
    expect(missing).toEqual([]);
  });
});

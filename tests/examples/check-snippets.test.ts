import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { extractSnippets, typecheckSnippets } from '../../scripts/check-snippets.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const workDirectory = path.join(repoRoot, 'tmp', `snippets-test-${randomBytes(4).toString('hex')}`);
afterAll(() => rm(workDirectory, { recursive: true, force: true }));

const markdown = [
  '# Title', // 1
  '```ts', // 2
  "import { UserInputError } from 'dragoman';", // 3
  "const error: UserInputError = new UserInputError('invalid-input', 'Bad.');", // 4
  'console.log(error.code);', // 5
  '```', // 6
  '```ts no-check', // 7
  'this is not typescript', // 8
  '```', // 9
  '```sh', // 10
  'npm test', // 11
  '```', // 12
  '````typescript', // 13
  "import { FakeModel } from 'dragoman/testing';", // 14
  'const model = new FakeModel();', // 15
  'const count: string = model.remaining;', // 16
  '````', // 17
].join('\n');

describe('check-snippets', () => {
  it('extracts ts and typescript blocks with their Markdown line, skipping no-check and other languages', () => {
    const snippets = extractSnippets(markdown, 'docs/example.md');
    expect(snippets.map((snippet) => snippet.line)).toEqual([3, 14]);
    expect(snippets[0]?.code.split('\n')).toHaveLength(3);
  });

  it('typechecks against src through the dragoman and dragoman/testing names, reporting Markdown lines', async () => {
    const errors = await typecheckSnippets(
      repoRoot,
      extractSnippets(markdown, 'docs/example.md'),
      workDirectory,
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'docs/example.md', line: 16 });
    expect(errors[0]?.message).toMatch(/TS2322: Type 'number' is not assignable to type 'string'/);
  }, 60_000);
});

import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../examples/coding-helper/main.js';
import { AbortError } from '../../src/errors.js';
import { testIO } from './example-io.js';

const sample = fileURLToPath(new URL('../../examples/coding-helper/sample-project', import.meta.url));
let folder: string;
let project: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'dragoman-coding-test-'));
  project = path.join(folder, 'project');
  await cp(sample, project, { recursive: true });
});
const copies: string[] = [];
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
  for (const copy of copies.splice(0)) await rm(path.dirname(copy), { recursive: true, force: true });
});

/** The temp copy of the sample project an offline run worked on (from its "Workspace:" line). */
function workspaceOf(output: string): string {
  const root = /^Workspace: (.+)$/m.exec(output)?.[1];
  if (!root) throw new Error(`no Workspace line in:\n${output}`);
  copies.push(root);
  return root;
}

describe('coding helper example (offline, mock server)', () => {
  it('says it runs offline, asks before each write or command, fixes the project and prints usage', async () => {
    const io = testIO(['y', 'y', 'y', 'y']);
    const code = await main([], io);
    const output = io.output();
    const project = workspaceOf(output);
    expect(code).toBe(0);
    expect(output.split('\n')[0]).toMatch(
      /^No MISTRAL_API_KEY: running offline against the local mock server at http:\/\/127\.0\.0\.1:\d+/,
    );
    expect(output).toContain('→ list_files {"path":".","recursive":false}');
    expect(output.match(/ wants to run with:\n[\s\S]*?Allow\? \[y\/N\] /g)).toHaveLength(4);
    expect(output).toMatch(
      // The command's progress (its latest output line) shows between the call and its result.
      /→ run_command \{"command":"node","args":\["--test"\]\}\n( {2}… node: .+\n)+← run_command ok: \$ node --test exit code 1/,
    );
    expect(output).toMatch(/← run_command ok: \$ node --test exit code 0/);
    expect(output).toMatch(/codestral-latest\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+\$0\.\d+/);
    const math = await readFile(path.join(project, 'math.js'), 'utf8');
    expect(math).toContain('return a + b;');
    expect(math).toContain('return a * b;');
    expect(math).not.toContain('/* fill */');
  }, 60_000);

  it('takes a follow-up task in the same conversation until an empty line', async () => {
    const io = testIO(['y', 'y', 'y', 'y', 'What did you change?', '']);
    expect(await main([], io)).toBe(0);
    const output = io.output();
    workspaceOf(output);
    expect(output.match(/Next task \(empty line to quit\): /g)).toHaveLength(2);
    expect(output.match(/I fixed it, filled in `multiply`/g)).toHaveLength(2);
    expect(output.match(/^codestral-latest /gm)).toHaveLength(1);
  }, 60_000);

  it('refuses a workspace that is not a folder', async () => {
    const io = testIO();
    expect(await main([path.join(project, 'math.js'), 'x'], io)).toBe(2);
    expect(io.output()).toMatch(/Workspace ".*math\.js" is not a folder/);
  });

  it('changes nothing when every approval is declined', async () => {
    const before = await readFile(path.join(sample, 'math.js'), 'utf8');
    const io = testIO(['n', 'n', 'n', 'n']);
    expect(await main([], io)).toBe(0);
    expect(await readFile(path.join(workspaceOf(io.output()), 'math.js'), 'utf8')).toBe(before);
    expect(io.output()).toMatch(/← \w+ error: /);
    expect(io.output()).not.toContain('exit code');
  }, 60_000);

  it('stops with an AbortError when interrupted, and closes the mock server', async () => {
    const controller = new AbortController();
    const io = { ...testIO(['y', 'y', 'y', 'y']), signal: controller.signal };
    controller.abort(new Error('Ctrl+C'));
    await expect(main([], io)).rejects.toBeInstanceOf(AbortError);
    workspaceOf(io.output());
    expect(io.output()).not.toContain('→ ');
  }, 30_000);

  it('refuses, offline, to replay its script on your folder and task, and changes nothing', async () => {
    const before = await readFile(path.join(project, 'math.js'), 'utf8');
    const io = testIO(['y', 'y', 'y', 'y']);
    expect(await main([project, 'Fix the NameError'], io)).toBe(2);
    expect(io.output()).toContain('it cannot work on');
    expect(io.output()).toContain('Set MISTRAL_API_KEY');
    expect(io.output()).not.toContain('→ ');
    expect(await readFile(path.join(project, 'math.js'), 'utf8')).toBe(before);
  });

  it('refuses an empty task and an unknown option, and never runs on the sample in the repository', async () => {
    for (const [args, message] of [
      [[project, '   '], /The task is empty/],
      [[project], /The task is empty/],
      [['--verbose'], /Unknown option "--verbose"/],
    ] as const) {
      const io = testIO();
      expect(await main(args, io)).toBe(2);
      expect(io.output()).toMatch(message);
    }
    const io = testIO(['n', 'n', 'n', 'n']);
    expect(await main([], io)).toBe(0);
    expect(workspaceOf(io.output()).startsWith(tmpdir())).toBe(true);
  }, 60_000);
});

/**
 * The workspace tools (workspaceTools) under a hostile model, driven through the agent loop with FakeModel:
 * no path leaves the root (`..`, absolute paths, symlinks, Unicode tricks, Windows forms), big and binary
 * files and command output are capped, commands are time-limited, and approval cannot be bypassed by
 * renaming a tool or smuggling a command through arguments.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AgentEvent, defineAgent, run } from '../../src/agent/index.js';
import type { Message, ToolMessage } from '../../src/models/types.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { workspaceTools } from '../../src/tools/builtin/index.js';
import {
  createSandboxWorkspace,
  OUTSIDE_SECRET,
  type SandboxWorkspace,
} from './support/sandbox-workspace.js';

let workspace: SandboxWorkspace;
beforeEach(async () => {
  workspace = await createSandboxWorkspace();
});
afterEach(async () => {
  await workspace.remove();
});

type Call = { name: string; arguments: Record<string, unknown> | string };

/** Runs one model step of `calls` (then a final text), approving every approval request. */
async function runCalls(
  calls: Call[],
  options: {
    limits?: Parameters<typeof workspaceTools>[0]['limits'];
    allowlist?: string[];
    concurrency?: number;
  } = {},
) {
  const model = new FakeModel({ steps: [{ toolCalls: calls }, { text: 'done' }] });
  const agent = defineAgent({
    name: 'sandbox',
    model,
    tools: workspaceTools({
      root: workspace.root,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.allowlist ? { commandAllowlist: options.allowlist } : {}),
    }),
    toolErrorBudget: { consecutive: 100, total: 100 },
    ...(options.concurrency ? { toolConcurrency: options.concurrency } : {}),
  });
  const events: AgentEvent[] = [];
  agent.events.on('tool-call-start', (event) => void events.push(event));
  agent.events.on('tool-approval-request', (event) => void events.push(event));
  let result = await run(agent, 'Go');
  let approvalRounds = 0;
  while (result.status === 'pending-approval') {
    approvalRounds++;
    const approvals = Object.fromEntries(
      result.pendingApprovals.map((call) => [call.toolCallId, { approved: true as const }]),
    );
    result = await run(agent, { resume: result.state, approvals });
  }
  const toolMessages = result.newMessages.filter(
    (message): message is ToolMessage => message.role === 'tool',
  );
  return { result, toolMessages, events, approvalRounds, everything: JSON.stringify(result.messages) };
}

const traversals: string[] = [
  '../outside/secret.txt',
  'src/../../outside/secret.txt',
  'src/../../../../../../etc/passwd',
  './../outside/secret.txt',
  'outside-dir/secret.txt',
  'outside-dir',
  'secret-link.txt',
  'dangling',
  'dangling/new.txt',
  '/etc/passwd',
  '..',
  '~/secret.txt',
  '..\\outside\\secret.txt',
  'src\\..\\..\\outside\\secret.txt',
  'C:\\Windows\\win.ini',
  'C:/Windows/win.ini',
  '\\\\server\\share\\secret.txt',
  '\uff0e\uff0e/outside/secret.txt',
  '..\u2215outside\u2215secret.txt',
  '\u2024\u2024/outside/secret.txt',
  '..\uff0foutside/secret.txt',
  '.\u200b./outside/secret.txt',
  '\u202e..\u202c/outside/secret.txt',
  '..\u0000/outside/secret.txt',
];

describe('path confinement through the agent loop', () => {
  it.each(traversals)(
    'read_file, list_files and search_files refuse %j and never show the outside secret',
    async (userPath) => {
      const { toolMessages, everything } = await runCalls([
        { name: 'read_file', arguments: { path: userPath } },
        { name: 'list_files', arguments: { path: userPath, recursive: true } },
        { name: 'search_files', arguments: { pattern: 'SECRET', path: userPath } },
      ]);
      expect(toolMessages).toHaveLength(3);
      for (const message of toolMessages) expect(message.isError, message.content).toBe(true);
      expect(everything).not.toContain(OUTSIDE_SECRET);
    },
  );

  it.each(traversals)('write_file and patch_file (approved) cannot write through %j', async (userPath) => {
    const before = await workspace.listAll();
    const { toolMessages } = await runCalls([
      { name: 'write_file', arguments: { path: userPath, content: 'pwned' } },
      {
        name: 'patch_file',
        arguments: { path: userPath, edits: [{ search: OUTSIDE_SECRET, replace: 'pwned' }] },
      },
    ]);
    for (const message of toolMessages) expect(message.isError, message.content).toBe(true);
    expect(await workspace.listAll()).toEqual(before);
  });

  it('a percent-encoded path is a literal name inside the root, never decoded into ".."', async () => {
    const { toolMessages, everything } = await runCalls([
      { name: 'read_file', arguments: { path: '%2e%2e/outside/secret.txt' } },
      { name: 'write_file', arguments: { path: '%2e%2e/outside/secret.txt', content: 'literal' } },
    ]);
    expect(toolMessages[0]?.isError).toBe(true);
    expect(everything).not.toContain(OUTSIDE_SECRET);
    expect(await workspace.listAll()).toContain(path.join('root', '%2e%2e', 'outside', 'secret.txt'));
    expect(await readFile(workspace.secretFile, 'utf8')).toBe(`${OUTSIDE_SECRET}\n`);
  });

  it('a symlink the model creates with an approved command does not open a way out', async () => {
    const { toolMessages, everything } = await runCalls(
      [
        {
          name: 'run_command',
          arguments: { command: 'node', args: ['-e', "require('fs').symlinkSync('../outside', 'escape')"] },
        },
        { name: 'read_file', arguments: { path: 'escape/secret.txt' } },
        { name: 'write_file', arguments: { path: 'escape/new.txt', content: 'pwned' } },
      ],
      { concurrency: 1 },
    );
    expect(toolMessages[0]?.content).toContain('exit code 0');
    expect(toolMessages[1]?.isError).toBe(true);
    expect(toolMessages[2]?.isError).toBe(true);
    expect(everything).not.toContain(OUTSIDE_SECRET);
    expect(await workspace.listAll()).not.toContain(path.join('outside', 'new.txt'));
  });

  it('a recursive listing and a search of the whole root do not follow symlinks out of it', async () => {
    const { toolMessages, everything } = await runCalls([
      { name: 'list_files', arguments: { path: '.', recursive: true } },
      { name: 'search_files', arguments: { pattern: 'SECRET|inside', path: '.' } },
    ]);
    expect(toolMessages.every((message) => !message.isError)).toBe(true);
    expect(toolMessages[1]?.content).toContain('inside');
    expect(everything).not.toContain(OUTSIDE_SECRET);
  });
});

describe('size, binary and time limits', () => {
  it('a huge file is refused or capped, and the model never gets more than the tool output limit', async () => {
    await writeFile(path.join(workspace.root, 'huge.txt'), 'x'.repeat(5 * 2 ** 20));
    const { toolMessages } = await runCalls([
      { name: 'read_file', arguments: { path: 'huge.txt' } },
      { name: 'search_files', arguments: { pattern: 'x', path: '.' } },
    ]);
    for (const message of toolMessages) expect(message.content.length).toBeLessThanOrEqual(25_000);
    expect(toolMessages[0]?.isError).toBe(true);
  });

  // Known bug R8: the nested-quantifier check misses ambiguous alternations under a quantifier, and a regular
  // expression runs synchronously, so no tool timeout can stop it: `(a|aa)*$` on 40 "a"s and a "!" blocks
  // the event loop for about a minute. The search runs in a child process killed after 6 s, so the bug
  // cannot hang the runner. Remove `.fails` when fixed.
  it.fails('a catastrophic-backtracking search pattern cannot block the run (known bug R8)', async () => {
    await writeFile(path.join(workspace.root, 'a.txt'), `${'a'.repeat(40)}!\n`);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('./support/search-child.ts', import.meta.url)),
        workspace.root,
        '(a+)+$',
        '(a|aa)*$',
        '(a|a)*$',
        '(.*a){12}$',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      output += text;
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 6_000);
    const [code] = await new Promise<[number | null]>((resolve) =>
      child.once('close', (exitCode) => resolve([exitCode])),
    );
    clearTimeout(killer);
    expect(code).toBe(0);
    expect(output).toMatch(/^done \d+/);
  });

  it('a binary file is described, not dumped', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256));
    await writeFile(path.join(workspace.root, 'blob.bin'), bytes);
    const { toolMessages } = await runCalls([{ name: 'read_file', arguments: { path: 'blob.bin' } }]);
    expect(toolMessages[0]?.isError).toBe(true);
    expect(toolMessages[0]?.content).toMatch(/binary/i);
    expect(toolMessages[0]?.content).not.toContain('\u0000');
  });

  it('command output is capped at maxOutputBytes, with the dropped bytes reported', async () => {
    const { toolMessages } = await runCalls(
      [
        {
          name: 'run_command',
          arguments: { command: 'node', args: ['-e', "process.stdout.write('y'.repeat(1000000))"] },
        },
      ],
      { limits: { maxOutputBytes: 1_000 } },
    );
    const content = toolMessages[0]?.content ?? '';
    expect(content.length).toBeLessThan(2_000);
    expect(content).toContain('999000 more bytes not shown');
  });

  it('a command past its time limit is killed promptly', async () => {
    const started = performance.now();
    const { toolMessages } = await runCalls(
      [{ name: 'run_command', arguments: { command: 'sleep', args: ['20'] } }],
      {
        limits: { commandTimeoutMs: 200 },
      },
    );
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(toolMessages[0]?.content).toContain('killed after the time limit');
  });
});

describe('approval cannot be bypassed by the model', () => {
  const disguises = [
    'Write_File',
    'WRITE_FILE',
    'write_file ',
    ' write_file',
    'write-file',
    'writeFile',
    'write_file\u200b',
    'write_fil',
    'write_file\n',
    '\u0077rite_file\u0301',
  ];

  it.each(disguises)(
    'a write under the name %j is an unknown tool: no approval asked, nothing written',
    async (name) => {
      const model = new FakeModel({
        steps: [{ toolCalls: [{ name, arguments: { path: 'pwned.txt', content: 'x' } }] }, { text: 'done' }],
      });
      const agent = defineAgent({ name: 'sandbox', model, tools: workspaceTools({ root: workspace.root }) });
      const result = await run(agent, 'Go');
      expect(result.status).toBe('complete');
      const tool = result.newMessages.find((message: Message) => message.role === 'tool') as ToolMessage;
      expect(tool.isError).toBe(true);
      expect(tool.content).toContain('Unknown tool');
      expect(await workspace.listAll()).not.toContain(path.join('root', 'pwned.txt'));
    },
  );

  it('every write and command pauses for approval with its exact arguments, and a rejection runs nothing', async () => {
    const calls: Call[] = [
      { name: 'write_file', arguments: { path: 'a.txt', content: 'A' } },
      {
        name: 'run_command',
        arguments: { command: 'node', args: ['-e', "require('fs').writeFileSync('b.txt','B')"] },
      },
      {
        name: 'patch_file',
        arguments: { path: 'README.md', edits: [{ search: 'hello', replace: 'pwned' }] },
      },
      { name: 'read_file', arguments: { path: 'README.md' } },
    ];
    const model = new FakeModel({ steps: [{ toolCalls: calls }, { text: 'done' }] });
    const agent = defineAgent({ name: 'sandbox', model, tools: workspaceTools({ root: workspace.root }) });
    const before = await workspace.listAll();
    const paused = await run(agent, 'Go');
    expect(paused.status).toBe('pending-approval');
    if (paused.status !== 'pending-approval') return;
    expect(paused.pendingApprovals.map((pending) => [pending.toolName, pending.args])).toEqual([
      ['write_file', { path: 'a.txt', content: 'A' }],
      ['run_command', { command: 'node', args: ['-e', "require('fs').writeFileSync('b.txt','B')"] }],
      ['patch_file', { path: 'README.md', edits: [{ search: 'hello', replace: 'pwned' }] }],
    ]);
    // Nothing ran while paused, not even the read in the same step.
    expect(await workspace.listAll()).toEqual(before);
    const approvals = Object.fromEntries(
      paused.pendingApprovals.map((pending) => [
        pending.toolCallId,
        { approved: false as const, reason: 'no' },
      ]),
    );
    const result = await run(agent, { resume: paused.state, approvals });
    expect(result.status).toBe('complete');
    expect(await workspace.listAll()).toEqual(before);
    const tools = result.newMessages.filter((message): message is ToolMessage => message.role === 'tool');
    expect(tools.map((message) => message.isError === true)).toEqual([true, true, true, false]);
  });

  it('approval is per call: a second write in a later step asks again', async () => {
    const model = new FakeModel({
      steps: [
        { toolCalls: [{ name: 'write_file', arguments: { path: 'one.txt', content: '1' } }] },
        { toolCalls: [{ name: 'write_file', arguments: { path: 'two.txt', content: '2' } }] },
        { text: 'done' },
      ],
    });
    const agent = defineAgent({ name: 'sandbox', model, tools: workspaceTools({ root: workspace.root }) });
    const first = await run(agent, 'Go');
    if (first.status !== 'pending-approval') throw new Error('expected a pause');
    const approve = (pending: { toolCallId: string }[]) =>
      Object.fromEntries(pending.map((call) => [call.toolCallId, { approved: true as const }]));
    const second = await run(agent, { resume: first.state, approvals: approve(first.pendingApprovals) });
    expect(second.status).toBe('pending-approval');
    expect(await workspace.listAll()).toContain(path.join('root', 'one.txt'));
    expect(await workspace.listAll()).not.toContain(path.join('root', 'two.txt'));
  });

  it.each([
    ['node; touch pwned', []],
    ['node && touch pwned', []],
    ['$(touch pwned)', []],
    ['`touch pwned`', []],
    ['../../bin/sh', ['-c', 'touch pwned']],
    ['/bin/sh', ['-c', 'touch pwned']],
    ['sh', ['-c', 'touch pwned']],
    ['node', ['-e', 'x', '\u0000', 'touch pwned']],
  ] as Array<[string, string[]]>)(
    'command injection %j (approved, allowlist node) runs nothing',
    async (command, args) => {
      const { toolMessages } = await runCalls([{ name: 'run_command', arguments: { command, args } }], {
        allowlist: ['node'],
      });
      expect(toolMessages[0]?.isError, toolMessages[0]?.content).toBe(true);
      expect(await workspace.listAll()).not.toContain(path.join('root', 'pwned'));
    },
  );

  it('shell metacharacters in arguments are passed literally, never interpreted', async () => {
    const { toolMessages } = await runCalls(
      [
        {
          name: 'run_command',
          arguments: {
            command: 'node',
            args: [
              '-e',
              'console.log(process.argv.slice(1).join("|"))',
              '$(touch pwned)',
              ';',
              'touch',
              'pwned',
              '`id`',
            ],
          },
        },
      ],
      { allowlist: ['node'] },
    );
    expect(toolMessages[0]?.content).toContain('$(touch pwned)|;|touch|pwned|`id`');
    expect(await workspace.listAll()).not.toContain(path.join('root', 'pwned'));
  });
});

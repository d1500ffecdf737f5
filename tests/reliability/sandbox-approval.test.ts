/**
 * Approval of the workspace tools cannot be bypassed by the model: a write under another name is an
 * unknown tool, every write and command pauses with its exact arguments, approval is per call, and command
 * injection through the program name or its arguments runs nothing.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineAgent, run } from '../../src/agent/index.js';
import type { Message, ToolMessage } from '../../src/models/types.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { workspaceTools } from '../../src/tools/builtin/index.js';
import { type Call, runCalls } from './support/sandbox-run.js';
import { createSandboxWorkspace, type SandboxWorkspace } from './support/sandbox-workspace.js';

let workspace: SandboxWorkspace;
beforeEach(async () => {
  workspace = await createSandboxWorkspace();
});
afterEach(async () => {
  await workspace.remove();
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
      const { toolMessages } = await runCalls(
        workspace.root,
        [{ name: 'run_command', arguments: { command, args } }],
        {
          allowlist: ['node'],
        },
      );
      expect(toolMessages[0]?.isError, String(toolMessages[0]?.content)).toBe(true);
      expect(await workspace.listAll()).not.toContain(path.join('root', 'pwned'));
    },
  );

  it('shell metacharacters in arguments are passed literally, never interpreted', async () => {
    const { toolMessages } = await runCalls(
      workspace.root,
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

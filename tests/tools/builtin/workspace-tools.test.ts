import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { readOnlyWorkspaceTools, workspaceTools } from '../../../src/tools/builtin/workspace-tools.js';
import type { Tool, ToolContext } from '../../../src/tools/types.js';
import { createTestWorkspace, type TestWorkspace } from './workspace-fixture.js';

let workspace: TestWorkspace;
beforeEach(async () => {
  workspace = await createTestWorkspace();
});
afterEach(() => workspace.remove());

function context(toolName: string): ToolContext {
  return {
    signal: new AbortController().signal,
    sessionId: undefined,
    context: undefined,
    toolCallId: 'abcDEF123',
    toolName,
    agentName: 'test',
    reportProgress: () => {},
  };
}

/** Parses raw arguments with the tool's own schema, as the agent loop does, then runs it. */
async function call(tools: Record<string, Tool>, name: string, rawArgs: unknown): Promise<unknown> {
  const selected = tools[name]!;
  const args = (selected.parameters as unknown as z.ZodType).parse(rawArgs);
  return selected.execute(args, context(name));
}

describe('workspaceTools', () => {
  it('offers six tools; writes and commands need approval, reads do not', () => {
    const tools = workspaceTools({ root: workspace.root });
    expect(Object.keys(tools).sort()).toEqual([
      'list_files',
      'patch_file',
      'read_file',
      'run_command',
      'search_files',
      'write_file',
    ]);
    const approval = Object.fromEntries(
      Object.entries(tools).map(([name, entry]) => [name, entry.needsApproval ?? false]),
    );
    expect(approval).toEqual({
      list_files: false,
      read_file: false,
      search_files: false,
      write_file: true,
      patch_file: true,
      run_command: true,
    });
    expect(Object.keys(readOnlyWorkspaceTools({ root: workspace.root })).sort()).toEqual([
      'list_files',
      'read_file',
      'search_files',
    ]);
  });

  it('runs each tool against the confined root', async () => {
    const tools = workspaceTools({ root: workspace.root, commandAllowlist: ['node'] }) as unknown as Record<
      string,
      Tool
    >;
    expect(await call(tools, 'list_files', {})).toMatchObject({ truncated: false });
    expect(await call(tools, 'read_file', { path: 'src/util.ts', startLine: 2, endLine: 2 })).toMatchObject({
      content: '  return a + b;',
    });
    expect(await call(tools, 'search_files', { pattern: 'greeting' })).toMatchObject({
      matches: [{ path: 'src/index.ts', line: 1 }],
    });
    expect(await call(tools, 'write_file', { path: 'notes/todo.md', content: '- ship\n' })).toMatchObject({
      created: true,
    });
    expect(
      await call(tools, 'patch_file', {
        path: 'notes/todo.md',
        edits: [{ search: 'ship', replace: 'ship it' }],
      }),
    ).toMatchObject({ edits: 1 });
    expect(await readFile(path.join(workspace.root, 'notes/todo.md'), 'utf8')).toBe('- ship it\n');
    const output = await call(tools, 'run_command', { command: 'node', args: ['-e', 'console.log(6 * 7)'] });
    expect(output).toMatch(/^\$ node -e console\.log\(6 \* 7\)\nexit code 0 \(\d+ ms\)\n--- stdout ---\n42$/);
  });

  it('refuses escapes and unlisted commands with errors the model can read', async () => {
    const tools = workspaceTools({ root: workspace.root, commandAllowlist: ['node'] }) as unknown as Record<
      string,
      Tool
    >;
    await expect(call(tools, 'read_file', { path: '../secret.txt' })).rejects.toThrow(
      /climbs out of the workspace root/,
    );
    await expect(call(tools, 'write_file', { path: '/etc/evil', content: 'x' })).rejects.toThrow(
      /is absolute/,
    );
    await expect(
      call(tools, 'run_command', { command: 'sh', args: ['-c', 'cat ../secret.txt'] }),
    ).rejects.toThrow('Command "sh" is not allowed. Allowed commands: node.');
  });

  it('applies the configured limits', async () => {
    const tools = workspaceTools({
      root: workspace.root,
      limits: { maxReadBytes: 10, maxOutputBytes: 5 },
    }) as unknown as Record<string, Tool>;
    await expect(call(tools, 'read_file', { path: 'README.md' })).rejects.toThrow(
      /over the 10-byte read limit/,
    );
    const output = await call(tools, 'run_command', {
      command: 'node',
      args: ['-e', "process.stdout.write('abcdefghij')"],
    });
    expect(output).toContain('--- stdout ---\nabcde\n[5 more bytes not shown]');
  });
});

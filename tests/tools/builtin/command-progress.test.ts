/** `run_command` reports the command's latest output line as tool progress, throttled. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandProgress } from '../../../src/tools/builtin/command-progress.js';
import { workspaceTools } from '../../../src/tools/builtin/index.js';
import type { ToolContext, ToolProgress } from '../../../src/tools/index.js';
import { createTestWorkspace, type TestWorkspace } from './workspace-fixture.js';

let workspace: TestWorkspace;
beforeEach(async () => {
  workspace = await createTestWorkspace();
});
afterEach(() => workspace.remove());

describe('commandProgress', () => {
  it('reports the last complete non-empty line, at most once per interval', () => {
    const reports: ToolProgress[] = [];
    let clock = 0;
    const onOutput = commandProgress(
      'npm',
      { reportProgress: (report) => reports.push(report) },
      () => clock,
    );
    onOutput('building\n\n');
    onOutput('half a li');
    clock = 100;
    onOutput('ne\n');
    clock = 300;
    onOutput('ne more\r\nlast\n');
    expect(reports).toEqual([{ message: 'npm: building' }, { message: 'npm: last' }]);
  });
});

describe('run_command progress', () => {
  it('reaches the tool context while the command runs', async () => {
    const tools = workspaceTools({ root: workspace.root, commandAllowlist: ['node'] });
    const reports: ToolProgress[] = [];
    const context: ToolContext = {
      signal: new AbortController().signal,
      sessionId: undefined,
      context: undefined,
      toolCallId: 'abcDEF123',
      toolName: 'run_command',
      agentName: 'test',
      reportProgress: (report) => reports.push(report),
    };
    const script = "console.log('compiling'); setTimeout(() => console.log('tests passed'), 400);";
    const output = await tools.run_command.execute({ command: 'node', args: ['-e', script] }, context);
    expect(output).toContain('tests passed');
    expect(reports).toEqual([{ message: 'node: compiling' }, { message: 'node: tests passed' }]);
  });
});

/**
 * include/exclude filters and approvals per MCP tool, against the fixture server over stdio.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defineAgent } from '../../src/agent/define-agent.js';
import { run } from '../../src/agent/run.js';
import { connectMcp, type McpToolOptions } from '../../src/mcp/index.js';
import { FIXTURE, fixtureLog, resources, toolMessages } from './support.js';

const open = resources();
afterEach(() => open.closeAll());

const fixture = (options: McpToolOptions & { args?: string[] } = {}) =>
  connectMcp({
    command: process.execPath,
    stderr: 'ignore',
    ...options,
    args: [FIXTURE, ...(options.args ?? [])],
  }).then(open.track);

describe('MCP tool filters and approvals', () => {
  it('offers only the included tools minus the excluded ones', async () => {
    const byName = await fixture({ include: ['echo', 'fail', 'crash'], exclude: ['crash'] });
    expect(Object.keys(byName.tools)).toEqual(['fixture_echo', 'fixture_fail']);
    const byPredicate = await fixture({ exclude: (tool) => tool.name.includes('.') });
    expect(Object.keys(byPredicate.tools)).not.toContain('fixture_plan_trip');
    expect(Object.keys(byPredicate.tools)).toContain('fixture_echo');
  });

  it('pauses for approval on the tools a filter picks, and runs them once approved', async () => {
    const log = fixtureLog();
    const connection = await fixture({
      args: ['--log', log.file],
      needsApproval: (tool, args) => tool.name === 'echo' && String(args.text).includes('rm'),
    });
    const { model } = await open.model((request) =>
      toolMessages(request).length === 0
        ? {
            toolCalls: [
              { name: 'fixture_echo', arguments: { text: 'rm -rf /' } },
              { name: 'fixture_echo', arguments: { text: 'hello' } },
            ],
          }
        : {
            text: toolMessages(request)
              .map((message) => message.content)
              .join(' | '),
          },
    );
    const agent = defineAgent({ name: 'careful', model, tools: connection.tools });
    const paused = await run(agent, 'Go.');
    if (paused.status !== 'pending-approval') throw new Error(`expected a pause, got ${paused.status}`);
    expect(paused.pendingApprovals.map((pending) => pending.args)).toEqual([{ text: 'rm -rf /' }]);
    expect(log.events()).toEqual([]);
    const id = paused.pendingApprovals[0]!.toolCallId;
    const resumed = await run(agent, { resume: paused.state, approvals: { [id]: { approved: false } } });
    expect(resumed.text).toContain('fixture: hello');
    expect(resumed.text).toContain('The user rejected this call of tool "fixture_echo"');
    expect(log.events().map((event) => event.args)).toEqual([{ text: 'hello' }]);
  });

  it('needsApproval: a list of real names or true marks those tools', async () => {
    const some = await fixture({ needsApproval: ['plan.trip'] });
    expect(some.tools.fixture_plan_trip!.needsApproval).toBe(true);
    expect(some.tools.fixture_echo!.needsApproval).toBe(false);
    const all = await fixture({ needsApproval: true });
    expect(Object.values(all.tools).every((tool) => tool.needsApproval === true)).toBe(true);
  });
});

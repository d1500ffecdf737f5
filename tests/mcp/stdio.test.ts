/**
 * An agent on the local Mistral mock calls tools of real MCP server processes (the fixture, over stdio).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import { run } from '../../src/agent/run.js';
import { connectMcp } from '../../src/mcp/index.js';
import { tool } from '../../src/tools/tool.js';
import { FIXTURE, fixtureLog, LONG_NAME, resources, toolMessages } from './support.js';

const open = resources();
afterEach(() => open.closeAll());

const fixture = (args: string[] = [], name?: string) =>
  connectMcp({
    command: process.execPath,
    args: [FIXTURE, ...args],
    stderr: 'ignore',
    ...(name ? { name } : {}),
  }).then(open.track);
const sentTools = (body: unknown) =>
  (body as { tools: Array<{ function: { name: string; parameters: object } }> }).tools;

describe('connectMcp over stdio', () => {
  it('calls a tool whose MCP name has dots and 100 characters under a Mistral-safe name', async () => {
    const log = fixtureLog();
    const connection = await fixture(['--log', log.file]);
    const safe = connection.toolInfo.find((info) => info.name === LONG_NAME)!.safeName;
    expect(LONG_NAME).toHaveLength(100);
    expect(safe).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(safe.startsWith('fixture_com_example_weather_')).toBe(true);
    const { server, model } = await open.model((request) =>
      toolMessages(request).length === 0
        ? { toolCalls: [{ name: safe, arguments: { city: 'Rabat' } }] }
        : { text: `Result: ${toolMessages(request)[0]!.content}` },
    );
    const agent = defineAgent({ name: 'weather', model, tools: connection.tools });
    const result = await run(agent, 'Weather in Rabat?');
    expect(result.text).toBe(`Result: Sunny in Rabat; called as ${LONG_NAME}`);
    expect(server.requests).toHaveLength(2);
    const names = sentTools(server.requests[0]!.body).map((spec) => spec.function.name);
    expect(names).toContain(safe);
    for (const name of names) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(log.events()).toContainEqual(
      expect.objectContaining({ event: 'call', name: LONG_NAME, args: { city: 'Rabat' } }),
    );
  });

  it('keeps the clashing tools of two servers apart, next to a Zod tool', async () => {
    const alpha = await fixture(['--name', 'alpha']);
    const beta = await fixture(['--name', 'beta']);
    expect(Object.keys(alpha.tools)).toContain('alpha_echo');
    expect(Object.keys(beta.tools)).toContain('beta_echo');
    const add = tool({
      description: 'Add.',
      parameters: z.object({ a: z.number(), b: z.number() }),
      execute: ({ a, b }) => a + b,
    });
    const { model } = await open.model((request) =>
      toolMessages(request).length === 0
        ? {
            toolCalls: [
              { name: 'alpha_echo', arguments: { text: 'one' } },
              { name: 'beta_echo', arguments: { text: 'two' } },
              { name: 'add', arguments: { a: 1, b: 2 } },
            ],
          }
        : {
            text: toolMessages(request)
              .map((message) => message.content)
              .join(' | '),
          },
    );
    const agent = defineAgent({ name: 'both', model, tools: { ...alpha.tools, ...beta.tools, add } });
    expect((await run(agent, 'echo')).text).toBe('alpha: one | beta: two | 3');
  });

  it('sends a $ref schema inlined, rejects bad arguments before the server, and passes good ones', async () => {
    const log = fixtureLog();
    const connection = await fixture(['--log', log.file]);
    const calls = [
      { name: 'fixture_plan_trip', arguments: { from: { city: 'Paris', country: 'XX' }, to: {} } },
      {
        name: 'fixture_plan_trip',
        arguments: { from: { city: 'Paris' }, to: { city: 'Fes', country: 'MA' } },
      },
    ];
    const { server, model } = await open.model((request) => {
      const answered = toolMessages(request).length;
      return answered < calls.length ? { toolCalls: [calls[answered]!] } : { text: 'done' };
    });
    const agent = defineAgent({ name: 'trip', model, tools: connection.tools });
    const result = await run(agent, 'Plan it.');
    const [rejected, accepted] = result.steps.flatMap((step) => step.toolCalls);
    expect(rejected!.isError).toBe(true);
    expect(rejected!.result).toContain('must be equal to one of the allowed values ("FR", "MA", "EG")');
    expect(rejected!.result).toContain("must have required property 'city'");
    expect(accepted).toMatchObject({ isError: false, result: 'Paris -> Fes' });
    expect(log.events().filter((event) => event.event === 'call')).toHaveLength(1);
    const spec = sentTools(server.requests[0]!.body).find(
      (item) => item.function.name === 'fixture_plan_trip',
    )!;
    const text = JSON.stringify(spec.function.parameters);
    for (const keyword of ['$ref', '$defs', '$schema', '$id']) expect(text).not.toContain(keyword);
    expect(spec.function.parameters).toMatchObject({
      properties: {
        to: { type: 'object', description: 'Where to go.', properties: { city: { type: 'string' } } },
      },
    });
  });

  it('answers an isError result as an error tool result', async () => {
    const connection = await fixture();
    const { model } = await open.model((request) =>
      toolMessages(request).length === 0
        ? { toolCalls: [{ name: 'fixture_fail', arguments: {} }] }
        : { text: 'ok' },
    );
    const result = await run(defineAgent({ name: 'fail', model, tools: connection.tools }), 'Try.');
    expect(result.steps[0]!.toolCalls[0]).toMatchObject({
      isError: true,
      result: 'Tool "fixture_fail" failed: the disk is full',
    });
  });
});

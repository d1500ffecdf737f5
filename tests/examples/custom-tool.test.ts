import { describe, expect, expectTypeOf, it } from 'vitest';
import { main } from '../../examples/custom-tool/main.js';
import { splitBill } from '../../examples/custom-tool/tip-tool.js';
import { defineAgent, run } from '../../src/index.js';
import { FakeModel } from '../../src/testing/index.js';
import { testIO } from './example-io.js';

describe('custom tool example', () => {
  it('infers the argument types from the schema', () => {
    expectTypeOf(splitBill.execute)
      .parameter(0)
      .toEqualTypeOf<{ bill: number; percent: number; people: number }>();
  });

  it('runs in an agent with FakeModel from dragoman/testing: the model calls it, the result goes back', async () => {
    const model = new FakeModel({
      steps: [
        { toolCalls: [{ name: 'split_bill', arguments: { bill: 100, people: 4 } }] },
        { text: 'Each pays 28.75.' },
      ],
    });
    const agent = defineAgent({ name: 'bills', model, tools: { split_bill: splitBill } });
    const result = await run(agent, 'Split 100 between 4 with the usual tip.');
    expect(result.text).toBe('Each pays 28.75.');
    const toolMessage = model.requests[1]?.messages.find((message) => message.role === 'tool');
    // percent took its default (15): 100 * 1.15 / 4.
    expect(toolMessage).toMatchObject({
      role: 'tool',
      name: 'split_bill',
      content: '{"total":115,"each":28.75}',
    });
  });

  it('shows the model a readable error for bad arguments instead of crashing', async () => {
    const model = new FakeModel({
      steps: [
        { toolCalls: [{ name: 'split_bill', arguments: { bill: -5 } }] },
        { text: 'Sorry, the bill must be positive.' },
      ],
    });
    const agent = defineAgent({ name: 'bills', model, tools: { split_bill: splitBill } });
    await run(agent, 'Split -5.');
    const toolMessage = model.requests[1]?.messages.find((message) => message.role === 'tool');
    expect(toolMessage).toMatchObject({ isError: true });
    expect(String(toolMessage?.content)).toMatch(/bill/);
  });

  it('runs end to end offline against the mock server', async () => {
    const io = testIO();
    expect(await main([], io)).toBe(0);
    expect(io.output().split('\n')[0]).toMatch(/^No MISTRAL_API_KEY: running offline/);
    expect(io.output()).toContain('[tool] split_bill → {"total":100.8,"each":33.6}');
    expect(io.output()).toContain('each of you pays 33.60.');
  }, 30_000);

  it('refuses, offline, a question the script cannot answer, and an empty one', async () => {
    const custom = testIO();
    expect(await main(['What', 'is', '15%', 'of', '40?'], custom)).toBe(2);
    expect(custom.output()).toContain('the scripted model cannot answer yours');
    expect(custom.output()).not.toContain('[tool]');
    const empty = testIO();
    expect(await main(['  '], empty)).toBe(2);
    expect(empty.output()).toContain('The question is empty');
  }, 30_000);
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as z3 from 'zod/v3';
import { parseToolArguments } from '../../src/tools/parse-arguments.js';
import { tool } from '../../src/tools/tool.js';

const weather = tool({
  description: 'Weather.',
  parameters: z.object({ city: z.string(), days: z.number().int().min(1).default(1) }),
  execute: () => 'sunny',
});
const legacy = tool({
  description: 'Zod 3 tool.',
  parameters: z3.z.object({ n: z3.z.number() }),
  execute: ({ n }) => n * 2,
});
const tools = { weather, legacy };
const call = (name: string, args: string) => ({ id: 'abcdefghi', name, arguments: args });

describe('parseToolArguments', () => {
  it('parses and validates, applying schema defaults', async () => {
    const parsed = await parseToolArguments(call('weather', '{"city":"Oran"}'), tools);
    expect(parsed).toMatchObject({ ok: true, args: { city: 'Oran', days: 1 } });
  });

  it('validates Zod 3 schemas too', async () => {
    expect(await parseToolArguments(call('legacy', '{"n":4}'), tools)).toMatchObject({
      ok: true,
      args: { n: 4 },
    });
    const bad = await parseToolArguments(call('legacy', '{"n":"4"}'), tools);
    expect(bad).toMatchObject({ ok: false, reason: 'invalid-arguments' });
    expect(bad.ok === false && bad.message).toMatch(/Expected number, received string\s+→ at n/);
  });

  it('treats empty arguments as an empty object', async () => {
    const none = tool({ description: 'No args.', parameters: z.object({}), execute: () => 1 });
    expect(await parseToolArguments(call('none', ''), { none })).toMatchObject({ ok: true, args: {} });
  });

  it('names the available tools for an unknown name', async () => {
    const parsed = await parseToolArguments(call('forecast', '{}'), tools);
    expect(parsed).toMatchObject({
      ok: false,
      reason: 'unknown-tool',
      message:
        'Unknown tool "forecast". Available tools: weather, legacy. Call one of them by its exact name.',
    });
  });

  it('does not treat inherited object keys as tools', async () => {
    expect(await parseToolArguments(call('toString', '{}'), tools)).toMatchObject({
      ok: false,
      reason: 'unknown-tool',
    });
  });

  it('reports invalid JSON with the parser message', async () => {
    const parsed = await parseToolArguments(call('weather', '{"city": "Oran"'), tools);
    expect(parsed).toMatchObject({ ok: false, reason: 'invalid-json', args: undefined });
    expect(parsed.ok === false && parsed.message).toMatch(
      /^The arguments for tool "weather" are not valid JSON \(.+\)/,
    );
  });

  it('reports schema failures with the prettified Zod error and keeps the parsed JSON', async () => {
    const parsed = await parseToolArguments(call('weather', '{"city":7,"days":0}'), tools);
    expect(parsed).toMatchObject({ ok: false, reason: 'invalid-arguments', args: { city: 7, days: 0 } });
    const message = parsed.ok === false ? parsed.message : '';
    expect(message).toContain('✖ Invalid input: expected string, received number\n  → at city');
    expect(message).toContain('→ at days');
    expect(message).toMatch(/Fix the arguments and call the tool again\.$/);
  });
});

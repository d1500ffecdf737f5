import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import {
  connectMcp,
  type McpConnection,
  type McpServerHandle,
  type McpToolInfo,
  serveMcp,
} from '../../src/mcp/index.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { jsonSchema } from '../../src/tools/json-schema-parameters.js';
import { tool } from '../../src/tools/tool.js';

describe('dragoman/mcp types', () => {
  it('connectMcp takes one server shape and typed tool options', () => {
    expectTypeOf(connectMcp).returns.resolves.toEqualTypeOf<McpConnection>();
    expectTypeOf(connectMcp).toBeCallableWith({
      command: 'npx',
      args: ['-y', 'server'],
      needsApproval: (info: McpToolInfo, args: Record<string, unknown>) =>
        info.name === 'x' && 'path' in args,
    });
    expectTypeOf(connectMcp).toBeCallableWith({
      url: 'http://127.0.0.1/mcp',
      headers: { a: 'b' },
      include: ['x'],
    });
    // @ts-expect-error: headers are a record of strings
    connectMcp({ url: 'http://127.0.0.1/mcp', headers: { a: 1 } });
  });

  it('MCP tools sit next to Zod tools in an agent, which serveMcp serves', () => {
    const connection = {} as McpConnection;
    const add = tool({ description: 'Add.', parameters: z.object({ a: z.number() }), execute: ({ a }) => a });
    const agent = defineAgent({ name: 'a', model: new FakeModel(), tools: { ...connection.tools, add } });
    expectTypeOf(serveMcp(agent)).resolves.toEqualTypeOf<McpServerHandle>();
    expectTypeOf(serveMcp).toBeCallableWith(agent, { transport: 'http', port: 0 });
  });

  it('jsonSchema<Args> types execute like a Zod schema does', () => {
    const search = tool({
      description: 'Search.',
      parameters: jsonSchema<{ query: string }>({
        type: 'object',
        properties: { query: { type: 'string' } },
      }),
      execute: (args) => args.query.length,
    });
    expectTypeOf(search.execute).parameter(0).toEqualTypeOf<{ query: string }>();
  });
});

import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { type AgentEvent, defineAgent, run } from '../../src/agent/index.js';
import { FakeModel } from '../../src/testing/index.js';
import { tool } from '../../src/tools/index.js';

const agent = defineAgent({
  name: 'typed',
  model: new FakeModel(),
  tools: {
    build: tool({ description: 'b', parameters: z.object({ target: z.string() }), execute: () => 'ok' }),
    deploy: tool({ description: 'd', parameters: z.object({ env: z.string() }), execute: () => 1 }),
  },
});

describe('onEvent and tool-progress types', () => {
  it('types onEvent with the agent tools: tool-progress names one of them', () => {
    void run(agent, 'go', {
      onEvent: (event) => {
        expectTypeOf(event).toEqualTypeOf<AgentEvent<typeof agent.tools>>();
        if (event.type === 'tool-progress') {
          expectTypeOf(event.toolName).toEqualTypeOf<'build' | 'deploy'>();
          expectTypeOf(event.message).toBeString();
          expectTypeOf(event.fraction).toEqualTypeOf<number | undefined>();
        }
      },
    });
  });

  it('accepts a listener for any agent', () => {
    const log = (_event: AgentEvent) => {};
    void run(agent, 'go', { onEvent: log });
  });
});

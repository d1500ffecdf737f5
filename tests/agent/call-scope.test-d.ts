import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  type AgentEvent,
  type AgentEventOf,
  type CallScope,
  defineAgent,
  run,
  type ScopeRunner,
  withCallScope,
} from '../../src/agent/index.js';
import { FakeModel } from '../../src/testing/index.js';
import { tool } from '../../src/tools/index.js';

const agent = defineAgent({
  name: 'typed',
  model: new FakeModel(),
  tools: {
    build: tool({ description: 'b', parameters: z.object({ target: z.string() }), execute: () => 'ok' }),
  },
});
const scope: CallScope = (call) => (call.type === 'tool-call' ? (work) => work() : undefined);

describe('withCallScope types', () => {
  it('keeps the listener type: AgentEvent by default, the annotated event otherwise', () => {
    expectTypeOf(withCallScope((event) => void event, scope)).toEqualTypeOf<(event: AgentEvent) => void>();
    const typed = withCallScope((event: AgentEvent<typeof agent.tools>) => void event, scope);
    expectTypeOf(typed).toEqualTypeOf<(event: AgentEvent<typeof agent.tools>) => void>();
    void run(agent, 'go', { onEvent: typed });
    void run(agent, 'go', { onEvent: withCallScope(() => {}, scope) });
    // A listener for another event type is not an onEvent.
    const narrow = withCallScope((event: AgentEventOf<'run-end'>) => void event, scope);
    // @ts-expect-error onEvent gets every event type
    void run(agent, 'go', { onEvent: narrow });
  });

  it('narrows the call and keeps the runner generic', () => {
    expectTypeOf<Parameters<CallScope>[0]['type']>().toEqualTypeOf<'model-call' | 'tool-call' | 'run-work'>();
    const runner: ScopeRunner = (work) => work();
    expectTypeOf(runner(() => 42)).toEqualTypeOf<number>();
    expectTypeOf(runner(async () => 'x')).toEqualTypeOf<Promise<string>>();
  });
});

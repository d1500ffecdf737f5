/**
 * Routes carry their own call settings: the Arabic route's default instructions (answer in the user's
 * variety and script), a prefix and sampling set per route, and model-substituted once per run.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import type { AgentEvent } from '../../src/agent/events.js';
import { run } from '../../src/agent/run.js';
import { UserInputError } from '../../src/errors.js';
import { ARABIC_ROUTE_INSTRUCTIONS, createRouter, type RouterOptions } from '../../src/routing/index.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { tool } from '../../src/tools/tool.js';

function routerWithFakes(routes: RouterOptions['routes'] = {}) {
  const models = new Map<string, FakeModel>();
  const provider = (id: string) => {
    const model = new FakeModel({ id, steps: [{ text: 'تمام' }, { text: 'ok' }] });
    models.set(id, model);
    return model;
  };
  return { router: createRouter({ provider, refresh: 'manual', routes }), models };
}

describe('route call settings', () => {
  it('gives the arabic route instructions to answer in the user variety and script', async () => {
    const { router, models } = routerWithFakes();
    const agent = defineAgent({ name: 'a', router, instructions: 'You are helpful.' });
    await run(agent, 'ازيك يا صاحبي، عامل ايه النهارده؟');
    const request = [...models.values()][0]?.requests[0];
    expect(request?.messages[0]).toEqual({
      role: 'system',
      content: `You are helpful.\n\n${ARABIC_ROUTE_INSTRUCTIONS}`,
    });
    const general = await router.select({
      messages: [{ role: 'user', content: 'hello there' }],
      needsTools: false,
    });
    expect(general.call).toBeUndefined();
  });

  it('applies a route prefix and sampling, and drops default instructions on request', async () => {
    const { router, models } = routerWithFakes({
      arabic: {
        model: 'mistral-large-latest',
        instructions: false,
        prefix: 'الجواب:',
        settings: { temperature: 0.2 },
      },
    });
    await run(defineAgent({ name: 'a', router, settings: { temperature: 0.9 } }), 'شو بدك تعمل اليوم؟');
    const request = models.get('mistral-large-latest')?.requests[0];
    expect(request?.messages).toEqual([
      { role: 'user', content: 'شو بدك تعمل اليوم؟' },
      { role: 'assistant', content: 'الجواب:', prefix: true },
    ]);
    expect(request?.settings?.temperature).toBe(0.2);
  });

  it('refuses bad route settings with the path and a hint', () => {
    expect(() =>
      createRouter({ provider: () => new FakeModel(), routes: { arabic: { model: 'x', prefix: '' } } }),
    ).toThrow(/routes\.arabic\.prefix/);
    expect(() =>
      createRouter({
        provider: () => new FakeModel(),
        routes: { code: { model: 'x', settings: 3 as never } },
      }),
    ).toThrow(UserInputError);
    expect(() => createRouter({ provider: () => new FakeModel(), thresholds: { code: 1.5 } })).toThrow(
      /thresholds\.code is 1\.5/,
    );
  });

  it('reports model-substituted once per run, not once per step', async () => {
    const echo = tool({
      description: 'Echo.',
      parameters: z.object({ text: z.string() }),
      execute: ({ text }) => text,
    });
    const provider = (id: string) =>
      new FakeModel({
        id,
        steps: [{ toolCalls: [{ name: 'echo', arguments: { text: 'x' } }] }, { text: 'done' }],
      });
    const router = createRouter({ provider, refresh: 'manual' });
    const agent = defineAgent({ name: 's', router, tools: { echo } });
    const events: AgentEvent[] = [];
    agent.events.on('model-substituted', (event) => events.push(event));
    const result = await run(agent, 'مرحبا، كيف حالك اليوم؟');
    expect(result.steps).toHaveLength(2);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ step: 1, substitution: { requested: 'mistral-saba-latest' } });
  });
});

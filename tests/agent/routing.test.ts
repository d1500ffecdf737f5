import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent } from '../../src/agent/define-agent.js';
import type { AgentEvent } from '../../src/agent/events.js';
import { run } from '../../src/agent/run.js';
import { messageText } from '../../src/models/message-text.js';
import type { RouteDecision, Router, RouterInput, RouteSelection } from '../../src/routing/types.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { tool } from '../../src/tools/tool.js';

const signals = { images: 0, scripts: {}, codeScore: 0, followUp: false, needsTools: true };

/** A scripted Router: `code` for turns mentioning "function", `general` otherwise; records its inputs. */
function scriptedRouter(models: { code: FakeModel; general: FakeModel }) {
  const inputs: RouterInput[] = [];
  const router: Router = {
    async select(input): Promise<RouteSelection> {
      inputs.push(input);
      const lastUser = [...input.messages].reverse().find((message) => message.role === 'user');
      const route = lastUser && messageText(lastUser).includes('function') ? 'code' : 'general';
      const model = models[route];
      const decision: RouteDecision = { route, model: model.id, reason: `scripted ${route}`, signals };
      const selection: RouteSelection = { decision, model, contextWindow: 131_072 };
      if (route === 'general') {
        selection.substitution = {
          requested: 'mistral-small-2503',
          resolved: model.id,
          retiredOn: '2025-11-30',
          reason: 'retired',
        };
      }
      return selection;
    },
    explain: () => {
      throw new Error('not used');
    },
  };
  return { router, inputs };
}

const lint = tool({
  description: 'Lint code.',
  parameters: z.object({ code: z.string() }),
  execute: () => 'no issues',
});

describe('routing in the loop', () => {
  it('asks the router each step, reports route-select and model-substituted, and records the route', async () => {
    const code = new FakeModel({
      id: 'codestral-2508',
      steps: [{ toolCalls: [{ name: 'lint', arguments: { code: 'x' } }] }, { text: 'Clean.' }],
    });
    const general = new FakeModel({ id: 'mistral-small-2603', steps: [{ text: 'Bonjour !' }] });
    const { router, inputs } = scriptedRouter({ code, general });
    const agent = defineAgent({ name: 'r', router, tools: { lint } });
    const events: AgentEvent[] = [];
    for (const type of ['route-select', 'model-substituted', 'step-start'] as const) {
      agent.events.on(type, (event) => events.push(event));
    }

    const first = await run(agent, 'Lint this function please');
    expect(events.map((event) => event.type)).toEqual([
      'route-select',
      'step-start',
      'route-select',
      'step-start',
    ]);
    expect(events[1]).toMatchObject({ model: 'codestral-2508', route: 'code' });
    expect(inputs[0]).toMatchObject({ needsTools: true });
    expect(inputs[0]!.previous).toBeUndefined();
    expect(inputs[1]!.previous).toMatchObject({ route: 'code' });
    expect(first.steps.map((step) => step.route)).toEqual(['code', 'code']);
    expect(
      first.newMessages
        .filter((message) => message.role === 'assistant')
        .map((message) => message.role === 'assistant' && message.meta),
    ).toEqual([
      { model: 'codestral-2508', route: 'code' },
      { model: 'codestral-2508', route: 'code' },
    ]);

    events.length = 0;
    const second = await run(agent, [...first.messages, { role: 'user', content: 'Merci' }]);
    expect(events[1]).toMatchObject({
      type: 'model-substituted',
      substitution: { requested: 'mistral-small-2503' },
    });
    expect(second.usage.byModel).toEqual({
      'mistral-small-2603': { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
    });
    expect(inputs[2]!.messages.at(-1)).toEqual({ role: 'user', content: 'Merci' });
  });
});

describe('aborting while the router works', () => {
  it('rejects at once even when the router ignores the signal', async () => {
    let release: () => void = () => {};
    const model = new FakeModel({ steps: [{ text: 'never used' }] });
    const stubborn: Router = {
      select: () =>
        new Promise<RouteSelection>((resolve) => {
          release = () =>
            resolve({
              model,
              contextWindow: 32_000,
              decision: { route: 'general', model: model.id, reason: 'late', signals },
            });
        }),
      explain: () => {
        throw new Error('not used');
      },
    };
    const controller = new AbortController();
    const pending = run(defineAgent({ name: 'stubborn', router: stubborn }), 'hi', {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({
      name: 'AbortError',
      message: expect.stringMatching(/choosing a route/),
    });
    release();
    expect(model.requests).toHaveLength(0);
  });
});

describe('defineAgent', () => {
  const model = new FakeModel();

  it('returns frozen data with the tool specs converted once', () => {
    const agent = defineAgent({ name: 'd', model, tools: { lint }, maxSteps: 3 });
    expect(Object.isFrozen(agent)).toBe(true);
    expect(agent.maxSteps).toBe(3);
    expect(agent.toolSpecs).toEqual([
      { name: 'lint', description: 'Lint code.', parameters: expect.objectContaining({ type: 'object' }) },
    ]);
    expect(agent.toolErrorBudget).toEqual({ consecutive: 3, total: 5 });
  });

  it('names the bad field in its errors', () => {
    expect(() => defineAgent({ name: '', model })).toThrow(/non-empty name/);
    // @ts-expect-error neither model nor router: a compile error, and a clear error for plain JavaScript
    expect(() => defineAgent({ name: 'x' })).toThrow(/exactly one of model or router, but got neither/);
    const { router } = scriptedRouter({ code: model, general: model });
    // @ts-expect-error both model and router
    expect(() => defineAgent({ name: 'x', model, router })).toThrow(/but got both/);
    expect(() => defineAgent({ name: 'x', model, maxSteps: 0 })).toThrow(
      /maxSteps must be a positive integer, but it is 0/,
    );
    expect(() => defineAgent({ name: 'x', model, toolConcurrency: 1.5 })).toThrow(/toolConcurrency/);
    // @ts-expect-error a non-object root is a compile error too
    const echo = tool({ description: 'Echo.', parameters: z.string(), execute: (text) => text });
    expect(() => defineAgent({ name: 'x', model, tools: { echo } })).toThrow(
      /tools\.echo\.parameters must be a z\.object/,
    );
    expect(() => defineAgent({ name: 'x', model, output: z.object({ at: z.date() }) })).toThrow(
      /output cannot be converted/,
    );
  });
});

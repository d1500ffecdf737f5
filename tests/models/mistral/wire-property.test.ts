/**
 * Issue 14's audit as a test: 20,000 generated calls (foreign ids and names, parallel calls, unanswered calls,
 * images in user messages and tool results, prefix, thinking with signatures, late system messages, odd tool
 * schemas, edge settings) go through `createMistral()` with a capturing `fetch`. About 85% are agent-like calls the compiler must send: each exact
 * body must pass the OpenAPI schema and every rule of docs/mistral-wire-rules.md (`checkMistralRequest`). The
 * rest break one rule the compiler cannot repair and must be refused with a typed UserInputError before anything
 * is sent. The seed is fixed, so the counts below are the same on every run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/errors.js';
import { createMistral } from '../../../src/models/mistral/index.js';
import { checkMistralRequest } from '../../../src/testing/mock-server/index.js';
import { wireCase } from './wire-property/breakers.js';
import { bodyFeatures } from './wire-property/features.js';

const RUNS = 20_000;

const completion = JSON.stringify({
  id: 'cmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'mistral-small-2603',
  choices: [{ index: 0, message: { role: 'assistant', content: 'fine' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});

describe('20,000 generated calls through createMistral()', () => {
  it('valid agent-like calls are sent with bodies the schema and every rule accept; broken ones are refused before sending', async () => {
    let sent: unknown;
    const provider = createMistral({
      apiKey: 'test-key',
      serverURL: 'http://127.0.0.1:9',
      retry: { maxRetries: 0 },
      fetch: async (_url, init) => {
        sent = JSON.parse(String(init.body));
        return new Response(completion, { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
    const tally = {
      sent: 0,
      refused: 0,
      byKind: new Map<string, number>(),
      features: new Map<string, number>(),
    };
    await fc.assert(
      fc.asyncProperty(wireCase, async (call) => {
        sent = undefined;
        let refusal: unknown;
        try {
          await provider(call.model).generate({
            messages: call.messages,
            tools: call.tools,
            settings: call.settings,
          });
        } catch (error) {
          refusal = error;
        }
        tally.byKind.set(call.kind, (tally.byKind.get(call.kind) ?? 0) + 1);
        if (call.expect === 'refuse') {
          expect(refusal, call.kind).toBeInstanceOf(UserInputError);
          expect(sent, call.kind).toBeUndefined();
          tally.refused++;
          return;
        }
        expect(refusal).toBeUndefined();
        tally.sent++;
        expect(checkMistralRequest(sent)).toBeUndefined();
        const names = call.tools.map((tool) => tool.name);
        for (const feature of bodyFeatures(sent, names)) {
          tally.features.set(feature, (tally.features.get(feature) ?? 0) + 1);
        }
      }),
      { numRuns: RUNS, seed: 14 },
    );
    console.info(
      `wire property: ${tally.sent} bodies sent and checked, ${tally.refused} refused before sending`,
      Object.fromEntries(tally.byKind),
      Object.fromEntries(tally.features),
    );
    expect(tally.sent + tally.refused).toBe(RUNS);
    // Fixed seed: these are exact. At least 80% of the calls are sent and checked.
    expect(tally.sent).toBeGreaterThanOrEqual(0.8 * RUNS);
    expect(tally.byKind.size).toBe(12);
    // Every repair and edge case shows up in many sent bodies (each count is in the hundreds or more).
    expect(tally.features.size).toBe(11);
    for (const count of tally.features.values()) expect(count).toBeGreaterThan(50);
  }, 600_000);
});

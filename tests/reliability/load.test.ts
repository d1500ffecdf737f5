/**
 * Load: many concurrent streamed agent runs with a tool call each, against the Mistral mock server over
 * real HTTP. Every run must end with its own right answer; the heap must return to its baseline once the
 * runs are over and the server is closed; no socket or timer may outlive the load. Reports runs/s and p99.
 */
import { describe, expect, it } from 'vitest';
import { stream } from '../../src/agent/index.js';
import { within } from './support/bounded-time.js';
import { percentile, reportFigure } from './support/figures.js';
import { settledHeap } from './support/gc.js';
import { activeResources, leakedResources } from './support/handles.js';
import { expectedAnswer, lookupAgent, lookupReply } from './support/lookup-agent.js';
import { startHarness } from './support/providers.js';
import { scale } from './support/scale.js';

const RUNS = scale(1_000, 300);
const WALL_BOUND_MS = scale(120_000, 60_000);

/** Counts objects of finished runs that the garbage collector has reclaimed. */
function collectionTracker() {
  let collected = 0;
  const registry = new FinalizationRegistry<undefined>(() => {
    collected++;
  });
  return {
    track: (value: object) => registry.register(value, undefined),
    get collected() {
      return collected;
    },
  };
}

/** Starts `count` streamed runs at once; returns each run's answer and latency. */
async function concurrentRuns(count: number, keyPrefix: string, track?: (value: object) => void) {
  const harness = await startHarness('mistral', lookupReply);
  try {
    const agent = lookupAgent({ model: harness.model({ retry: { maxRetries: 0 } }) });
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const key = `${keyPrefix}${index}`;
        const begin = performance.now();
        let deltas = 0;
        const events = stream(agent, `Find key ${key}`);
        for await (const event of events) if (event.type === 'text-delta') deltas++;
        const result = await events.result();
        // The stream handle and the result must both be garbage once the caller drops them.
        track?.(events);
        track?.(result);
        return { key, text: result.text, deltas, ms: performance.now() - begin };
      }),
    );
    const wallMs = performance.now() - started;
    return { outcomes, wallMs, requests: harness.requests.length };
  } finally {
    await harness.close();
  }
}

describe('load', () => {
  it(`${RUNS} concurrent streamed runs with tool calls all answer right; memory returns to baseline`, async () => {
    // Warm up at full size (SDK import, validators, JIT, and the residue node's fetch keeps per closed
    // origin), so the baseline holds everything that is paid once.
    await concurrentRuns(RUNS, 'warm');
    const resourcesBefore = activeResources();
    const heapBefore = await settledHeap();

    const tracker = collectionTracker();
    const { outcomes, wallMs, requests } = await within(
      concurrentRuns(RUNS, 'k', tracker.track),
      WALL_BOUND_MS,
      'the load',
    );
    expect(outcomes).toHaveLength(RUNS);
    for (const outcome of outcomes) {
      expect(outcome.text).toBe(expectedAnswer(outcome.key));
      expect(outcome.deltas).toBeGreaterThan(1);
    }
    // Two model calls per run: the tool call, then the streamed answer.
    expect(requests).toBe(RUNS * 2);

    expect(await leakedResources(resourcesBefore, 2_000)).toEqual({});
    const latencies = outcomes.map((outcome) => outcome.ms);
    outcomes.length = 0;
    const heapAfter = await settledHeap();
    reportFigure('load.runs', RUNS);
    reportFigure('load.runsPerSecond', Math.round((RUNS / wallMs) * 1000), 'runs/s');
    reportFigure('load.p50', Math.round(percentile(latencies, 50)), 'ms');
    reportFigure('load.p99', Math.round(percentile(latencies, 99)), 'ms');
    reportFigure('load.wall', Math.round(wallMs), 'ms');
    reportFigure('load.heapBefore', (heapBefore / 2 ** 20).toFixed(1), 'MiB');
    reportFigure('load.heapAfter', (heapAfter / 2 ** 20).toFixed(1), 'MiB');
    reportFigure('load.collectedRunObjects', `${tracker.collected}/${RUNS * 2}`);
    // Every run's stream handle and result were reclaimed: nothing of a finished run is retained.
    expect(tracker.collected).toBe(RUNS * 2);
    // And the heap is back at its baseline: within 6 MiB after forced GC. (Node's fetch keeps a few MiB per
    // closed origin after 1,000 connections, which the full-size warm-up puts in the baseline; see
    // docs/reliability.md.)
    expect(heapAfter - heapBefore).toBeLessThan(6 * 2 ** 20);
  });
});

/**
 * Aborting a run at every stage ends it promptly with an AbortError, and leaves nothing running: the
 * server sees the request closed, the tool's signal fired (a command's process is killed), and no timer or
 * socket is left behind.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent, run, stream } from '../../src/agent/index.js';
import { AbortError } from '../../src/errors.js';
import { createMistral } from '../../src/models/mistral/index.js';
import type { Model } from '../../src/models/types.js';
import { createRouter } from '../../src/routing/index.js';
import type { Router, RouteSelection } from '../../src/routing/types.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { workspaceTools } from '../../src/tools/builtin/index.js';
import { tool } from '../../src/tools/index.js';
import { ABORT_BOUND_MS, expectPromptAbort, waitFor } from './support/abort-check.js';
import { settle, within } from './support/bounded-time.js';
import { FAKE_API_KEY } from './support/fake-key.js';
import { rawModel } from './support/fuzz-models.js';
import { activeResources, leakedResources } from './support/handles.js';
import { lookupAgent, lookupReply } from './support/lookup-agent.js';
import { providerKinds, startHarness } from './support/providers.js';
import { type RawServer, startRawServer } from './support/raw-server.js';
import { scale } from './support/scale.js';
import { temporaryDirectory } from './support/stores.js';
import { sampleStreamFrames } from './support/wire-samples.js';

const encoder = new TextEncoder();
const frames = () => sampleStreamFrames().map((frame) => encoder.encode(frame));

/** Runs `body` with a raw server, then checks no request stayed open and nothing leaked. */
async function withRawServer(body: (server: RawServer) => Promise<void>): Promise<void> {
  const before = activeResources();
  const server = await startRawServer();
  try {
    await body(server);
    // The client closed the aborted request: the server sees no open response. (The run itself had to end
    // within ABORT_BOUND_MS; the server's side of the socket gets more room on a loaded machine.)
    await waitFor(() => server.open === 0, 3 * ABORT_BOUND_MS, 'the server to see the request closed');
  } finally {
    await server.close();
  }
  expect(await leakedResources(before)).toEqual({});
}

/** Longer than any wait below: these cases test the abort, never the start timeout (even on a busy machine). */
const NO_START_TIMEOUT_MS = 60_000;

describe.each(providerKinds)('aborting a run on the %s adapter', (kind) => {
  it('while waiting for the response to start: the request is closed', async () => {
    await withRawServer(async (server) => {
      server.setAnswer({ delayMs: 30_000, chunks: frames() });
      const agent = defineAgent({
        name: 'abort-request',
        model: rawModel(kind, server.url, NO_START_TIMEOUT_MS),
      });
      await expectPromptAbort(
        (signal) => run(agent, 'Hello', { signal }),
        () => waitFor(() => server.open === 1, 10_000, 'the request'),
      );
    });
  });

  it('while streaming: the stream is closed mid-answer', async () => {
    await withRawServer(async (server) => {
      server.setAnswer({ chunks: frames(), chunkDelayMs: 200, hold: true });
      const agent = defineAgent({
        name: 'abort-stream',
        model: rawModel(kind, server.url, NO_START_TIMEOUT_MS),
      });
      let deltas = 0;
      await expectPromptAbort(
        async (signal) => {
          for await (const event of stream(agent, 'Hello', { signal }))
            if (event.type === 'text-delta') deltas++;
        },
        () => waitFor(() => deltas > 0, 10_000, 'the first text delta'),
      );
      expect(deltas).toBeLessThan(3);
    });
  });

  it('when the stream consumer stops reading: the request is closed and result() rejects with AbortError', async () => {
    await withRawServer(async (server) => {
      server.setAnswer({ chunks: frames(), chunkDelayMs: 200, hold: true });
      const agent = defineAgent({
        name: 'abort-break',
        model: rawModel(kind, server.url, NO_START_TIMEOUT_MS),
      });
      const events = stream(agent, 'Hello');
      for await (const event of events) if (event.type === 'text-delta') break;
      const error = await within(settle(events.result()), ABORT_BOUND_MS, 'result()');
      expect(error).toBeInstanceOf(AbortError);
    });
  });

  it('during the retry backoff (Retry-After 30 s): no timer is left', async () => {
    const before = activeResources();
    const harness = await startHarness(kind, lookupReply);
    try {
      harness.injectFault({ type: 'status', status: 429, retryAfter: '30' });
      const agent = lookupAgent({
        model: harness.model({ retry: { maxRetries: 2, maxElapsedMs: 120_000 } }),
      });
      await expectPromptAbort(
        (signal) => run(agent, 'Find key a', { signal }),
        async () => {
          await waitFor(() => harness.requests.length === 1, 10_000, 'the 429');
          await new Promise((resolve) => setTimeout(resolve, 100));
        },
      );
      expect(harness.requests).toHaveLength(1);
    } finally {
      await harness.close();
    }
    expect(await leakedResources(before)).toEqual({});
  });

  it('at a random moment of a streamed tool-calling run: it completes or aborts promptly, never hangs', async () => {
    const harness = await startHarness(kind, (request) => {
      const reply = lookupReply(request);
      return 'text' in reply ? { ...reply, chunkSize: 2, chunkDelayMs: 5 } : reply;
    });
    try {
      const agent = lookupAgent({
        model: harness.model({ retry: { maxRetries: 0 } }),
        duringTool: (signal) => new Promise((resolve) => setTimeout(resolve, 30, signal)),
      });
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 400 }), async (delayMs) => {
          const controller = new AbortController();
          const outcome = settle(
            within(stream(agent, 'Find key z', { signal: controller.signal }).result(), 10_000),
          );
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          const abortedAt = performance.now();
          controller.abort();
          const error = await outcome;
          if (error !== undefined) {
            expect(error).toBeInstanceOf(AbortError);
            expect(performance.now() - abortedAt).toBeLessThan(ABORT_BOUND_MS);
          }
        }),
        { numRuns: scale(40, 10) },
      );
    } finally {
      await harness.close();
    }
  });
});

describe('aborting a run during routing', () => {
  it('while the router lists models over the network: the listing request is closed', async () => {
    await withRawServer(async (server) => {
      server.setAnswer({ delayMs: 30_000, contentType: 'application/json', chunks: [] });
      const provider = createMistral({
        apiKey: FAKE_API_KEY,
        serverURL: server.url,
        retry: { maxRetries: 0 },
      });
      const agent = defineAgent({ name: 'abort-routing', router: createRouter({ provider }) });
      await expectPromptAbort(
        (signal) => run(agent, 'Hello', { signal }),
        () => waitFor(() => server.open === 1, 10_000, 'the model listing'),
      );
      expect(server.count).toBe(1);
    });
  });

  // Was bug R4 (fixed in bc698cc): the loop now races router.select() against the run's signal.
  it('in a custom router that ignores the signal: the run still ends promptly', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = false;
    const model = new FakeModel({ steps: [{ text: 'never used' }] });
    const router: Router = {
      async select(): Promise<RouteSelection> {
        entered = true;
        await gate;
        return {
          model,
          contextWindow: 32_000,
          decision: {
            route: 'general',
            model: model.id,
            reason: 'test',
            signals: { images: 0, scripts: {}, codeScore: 0, followUp: false, needsTools: false },
          },
        };
      },
      explain: () => {
        throw new Error('not used');
      },
    };
    const agent = defineAgent({ name: 'stubborn-router', router });
    try {
      await expectPromptAbort(
        (signal) => run(agent, 'Hello', { signal }),
        () => waitFor(() => entered, 10_000, 'the router'),
        2_000,
      );
    } finally {
      release();
    }
    expect(model.requests).toHaveLength(0);
  });
});

describe('aborting a run during a model call that ignores the signal', () => {
  for (const mode of ['run', 'stream'] as const) {
    // Was bug R7 (fixed in de84bc0): model calls are now raced against the run's signal.
    it(`a custom Model whose ${mode === 'run' ? 'generate()' : 'stream()'} never looks at its signal: the run still ends promptly`, async () => {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let called = false;
      const stubborn: Model = {
        id: 'stubborn',
        provider: 'test',
        async generate() {
          called = true;
          await gate;
          throw new Error('released');
        },
        async *stream() {
          called = true;
          await gate;
          yield* [];
          throw new Error('released');
        },
      };
      const agent = defineAgent({ name: 'stubborn-model', model: stubborn });
      try {
        await expectPromptAbort(
          (signal) =>
            mode === 'run' ? run(agent, 'Hello', { signal }) : stream(agent, 'Hello', { signal }).result(),
          () => waitFor(() => called, 10_000, 'the model call'),
          2_000,
        );
      } finally {
        release();
      }
    });
  }
});

describe('aborting a run during a tool', () => {
  it("fires the tool's signal, and ends the run even when the tool ignores it", async () => {
    for (const honours of [true, false]) {
      let toolSignal: AbortSignal | undefined;
      let release: () => void = () => {};
      const slow = tool({
        description: 'Takes its time.',
        parameters: z.object({}),
        execute: (_args, context) => {
          toolSignal = context.signal;
          return new Promise<string>((resolve, reject) => {
            release = () => resolve('late');
            if (honours) context.signal.addEventListener('abort', () => reject(context.signal.reason));
          });
        },
      });
      const model = new FakeModel({
        steps: [{ toolCalls: [{ name: 'slow', arguments: {} }] }, { text: 'never' }],
      });
      const agent = defineAgent({ name: 'abort-tool', model, tools: { slow } });
      try {
        await expectPromptAbort(
          (signal) => run(agent, 'Go', { signal }),
          () => waitFor(() => toolSignal !== undefined, 10_000, 'the tool'),
        );
        expect(toolSignal?.aborted).toBe(true);
        expect(model.remaining).toBe(1);
      } finally {
        release();
      }
    }
  });

  it('kills a running workspace command (run_command, approved) and leaves no process', async () => {
    const { directory, cleanup } = await temporaryDirectory('abort-command');
    try {
      const model = new FakeModel({
        steps: [
          { toolCalls: [{ name: 'run_command', arguments: { command: 'sleep', args: ['30'] } }] },
          { text: 'never' },
        ],
      });
      const agent = defineAgent({ name: 'abort-command', model, tools: workspaceTools({ root: directory }) });
      const paused = await run(agent, 'Sleep');
      expect(paused.status).toBe('pending-approval');
      if (paused.status !== 'pending-approval') return;
      const before = activeResources();
      const approvals = Object.fromEntries(
        paused.pendingApprovals.map((call) => [call.toolCallId, { approved: true as const }]),
      );
      await expectPromptAbort(
        (signal) => run(agent, { resume: paused.state, approvals }, { signal }),
        () =>
          waitFor(
            () => (activeResources().ProcessWrap ?? 0) > (before.ProcessWrap ?? 0),
            10_000,
            'the process',
          ),
      );
      expect(await leakedResources(before, ABORT_BOUND_MS)).toEqual({});
    } finally {
      await cleanup();
    }
  });
});

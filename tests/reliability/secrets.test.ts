/**
 * The API key never leaves the caller's hands: scenarios covering every error class, events, logs, the
 * serialized run state of an approval, stored history and the mock server's request snapshots run with a
 * recognizable fake key, and everything they produced is searched for it (and for a distinctive part of it).
 * The servers here echo the key back on purpose, as a careless proxy or server might.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AgentEvent, defineAgent, run, stream } from '../../src/agent/index.js';
import { InMemoryStore } from '../../src/memory/index.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { openaiCompatible } from '../../src/models/openai-compatible/index.js';
import type { Model } from '../../src/models/types.js';
import { createRouter } from '../../src/routing/index.js';
import { createMockMistralServer } from '../../src/testing/mock-server/index.js';
import { tool } from '../../src/tools/index.js';
import { createTestTracing, spanRecords } from '../otel/support.js';
import { settle } from './support/bounded-time.js';
import { createProduced, type Produced } from './support/capture.js';
import { type EchoMode, type EchoServer, startEchoServer } from './support/echo-server.js';
import { callOnce } from './support/expect-outcome.js';
import { FAKE_API_KEY, FAKE_KEY_MARKER } from './support/fake-key.js';
import { providerKinds } from './support/providers.js';
import { startRawServer } from './support/raw-server.js';
import { openFileStore, temporaryDirectory } from './support/stores.js';

function expectNoSecret(produced: Produced): void {
  expect(produced.size).toBeGreaterThan(0);
  expect(produced.find(FAKE_API_KEY)).toEqual([]);
  expect(produced.find(FAKE_KEY_MARKER)).toEqual([]);
  expect(produced.find('GATEWAYKEY')).toEqual([]);
  // The key's start and end on their own, for text cut in the middle of it.
  expect(produced.find(FAKE_API_KEY.slice(0, 12))).toEqual([]);
  expect(produced.find(FAKE_API_KEY.slice(-12))).toEqual([]);
}

/** A second credential, sent in a header a gateway asks for; it must be kept as secret as the key. */
const GATEWAY_KEY = 'gw-dragoman-GATEWAYKEY-9a8b7c6d5e4f';

function echoModel(kind: (typeof providerKinds)[number], url: string, retries = 0, timeoutMs = 2_000): Model {
  const common = {
    apiKey: FAKE_API_KEY,
    timeoutMs,
    retry: { maxRetries: retries, baseDelayMs: 1, maxDelayMs: 2 },
  };
  if (kind === 'mistral') return createMistral({ serverURL: url, ...common })('mistral-small-latest');
  return openaiCompatible({
    baseURL: `${url}/v1`,
    model: 'mistral-small-latest',
    family: 'vllm',
    headers: { 'x-api-key': GATEWAY_KEY },
    ...common,
  });
}

const modes: EchoMode[] = [
  { status: 400 },
  { status: 401 },
  { status: 403 },
  { status: 404 },
  { status: 422 },
  { status: 429 },
  { status: 500 },
  { status: 503 },
  { htmlStatus: 200 },
  { htmlStatus: 502 },
  { streamError: true },
  // Found by the adversarial review: the key in the error's code and type fields, and cut in half by a
  // body shortened to 300 (Mistral) or 500 (OpenAI-compatible) characters.
  { status: 401, keyInCode: true },
  { status: 400, keyInCode: true },
  { streamError: true, keyInCode: true },
  { textStatus: 502, pad: 280 },
  { textStatus: 400, pad: 480 },
];

describe('the API key never appears in what dragoman produces', () => {
  let echo: EchoServer;
  beforeAll(async () => {
    echo = await startEchoServer();
  });
  afterAll(async () => {
    await echo.close();
  });

  it('the echo server really sends the key back (so the checks below can fail)', async () => {
    echo.setMode({ status: 401 });
    const response = await fetch(`${echo.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FAKE_API_KEY}` },
      body: '{}',
    });
    expect(await response.text()).toContain(FAKE_API_KEY);
  });

  describe.each(providerKinds)('%s adapter', (kind) => {
    for (const mode of modes) {
      it(`errors for ${JSON.stringify(mode)} (generate, stream, with and without retries, logged with console.error)`, async () => {
        echo.setMode(mode);
        const produced = createProduced();
        await produced.captureOutput(async () => {
          for (const retries of [0, 1]) {
            for (const call of ['generate', 'stream'] as const) {
              const result = await callOnce(echoModel(kind, echo.url, retries), call);
              produced.keep(`${kind} ${call} ${JSON.stringify(mode)} error`, result.error);
              produced.keep(`${kind} ${call} deltas`, result.deltas);
              // What an application would do with it.
              console.error(result.error);
              console.log(`failed: ${String(result.error)}`);
            }
          }
        });
        expectNoSecret(produced);
      });
    }

    const agentRuns = async (selected: readonly EchoMode[]) => {
      const produced = createProduced();
      const memory = new InMemoryStore();
      // One retry, so the traced retries (span events with the failed attempt's error) are searched too.
      const agent = defineAgent({ name: 'secret-agent', model: echoModel(kind, echo.url, 1), memory });
      // Tracing with message contents on: spans, their attributes, events and statuses hold no key.
      const traced = createTestTracing({ captureContent: true });
      const stopTracing = traced.tracing.instrument(agent);
      agent.events.on('run-error', (event) => produced.keep('run-error event', event));
      agent.events.on('run-start', (event) => produced.keep('run-start event', event));
      for (const mode of selected) {
        echo.setMode(mode);
        produced.keep('run error', await settle(run(agent, 'Hello', { session: 's' })));
        const events: AgentEvent[] = [];
        const failure = await settle(
          (async () => {
            for await (const event of stream(agent, 'Hello', { session: 's' })) events.push(event);
          })(),
        );
        produced.keep('stream events', events);
        produced.keep('stream error', failure);
      }
      produced.keep('history', await memory.load('s'));
      stopTracing();
      expect(traced.spans().length).toBeGreaterThan(0);
      produced.keep('spans', spanRecords(traced.spans()));
      expectNoSecret(produced);
    };

    it('agent runs that fail: run-error events, thrown errors, stream events, session history', async () => {
      await agentRuns(modes);
    });

    it('connection errors, timeouts and aborts', async () => {
      const produced = createProduced();
      const raw = await startRawServer();
      raw.setAnswer({ delayMs: 5_000, chunks: [] });
      const slow = echoModel(kind, raw.url, 0, 300);
      for (const call of ['generate', 'stream'] as const) {
        produced.keep('timeout', (await callOnce(slow, call)).error);
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 20);
        produced.keep('abort', (await callOnce(slow, call, undefined, controller.signal)).error);
      }
      const url = raw.url;
      await raw.close();
      for (const call of ['generate', 'stream'] as const) {
        produced.keep('refused', (await callOnce(echoModel(kind, url, 1), call)).error);
      }
      expectNoSecret(produced);
    });
  });

  it('listing models and routing against a server that echoes the key', async () => {
    const produced = createProduced();
    echo.setMode({ status: 401 });
    const provider = createMistral({ apiKey: FAKE_API_KEY, serverURL: echo.url, retry: { maxRetries: 0 } });
    produced.keep('listModels', await settle(provider.listModels()));
    produced.keep('fim', await settle(provider.fim({ model: 'codestral-latest', prompt: 'def f(' })));
    const router = createRouter({ provider });
    const agent = defineAgent({ name: 'routed', router });
    agent.events.on('route-select', (event) => produced.keep('route-select', event));
    produced.keep('routed run', await settle(run(agent, 'Hello')));
    produced.keep('router.refreshError', router.refreshError);
    const openai = openaiCompatible({ baseURL: `${echo.url}/v1`, model: 'm', apiKey: FAKE_API_KEY });
    produced.keep('openai model', openai);
    expectNoSecret(produced);
  });

  it('a successful run with a tool and an approval: events, paused state (serialized), result, server snapshots', async () => {
    const produced = createProduced();
    const server = await createMockMistralServer({
      apiKey: FAKE_API_KEY,
      reply: (request) =>
        request.body.messages?.at(-1)?.role === 'tool'
          ? { text: 'Saved.' }
          : { toolCalls: [{ name: 'save', arguments: { note: 'remember this' } }] },
    });
    try {
      const provider = createMistral({ apiKey: FAKE_API_KEY, serverURL: server.url });
      const save = tool({
        description: 'Save a note.',
        parameters: z.object({ note: z.string() }),
        needsApproval: true,
        execute: ({ note }) => `saved ${note}`,
      });
      const folder = await temporaryDirectory('secrets');
      const memory = openFileStore(folder.directory);
      const agent = defineAgent({
        name: 'approving',
        model: provider('mistral-small-latest'),
        tools: { save },
        memory,
      });
      agent.events.on('tool-approval-request', (event) => produced.keep('approval event', event));
      const traced = createTestTracing({ captureContent: true });
      traced.tracing.instrument(agent);
      agent.events.on('run-end', (event) => produced.keep('run-end event', event));
      agent.events.on('step-end', (event) => produced.keep('step-end event', event));
      await produced.captureOutput(async () => {
        const paused = await run(agent, 'Save a note', { session: 'n' });
        produced.keep('paused result', paused);
        if (paused.status !== 'pending-approval') throw new Error('expected a pause');
        const serialized = JSON.stringify(paused.state);
        produced.keep('serialized state', serialized);
        const approvals = Object.fromEntries(
          paused.pendingApprovals.map((call) => [call.toolCallId, { approved: true as const }]),
        );
        const events = stream(agent, { resume: JSON.parse(serialized), approvals });
        for await (const event of events) produced.keep(`event ${event.type}`, event);
        produced.keep('final result', await events.result());
        produced.keep('provider', provider);
      });
      produced.keep('history', await memory.load('n'));
      expect(traced.spans().map((span) => span.name)).toContain('execute_tool save');
      produced.keep('spans', spanRecords(traced.spans()));
      for (const name of await readdir(folder.directory, { recursive: true })) {
        produced.keep(
          `session file ${String(name)}`,
          await readFile(path.join(folder.directory, String(name)), 'utf8').catch(() => ''),
        );
      }
      await folder.cleanup();
      produced.keep('server requests', server.requests);
      expect(server.requests.length).toBeGreaterThanOrEqual(2);
      expect(server.requests[0]?.headers.authorization).toBeDefined();
      expectNoSecret(produced);
    } finally {
      await server.close();
    }
  });

  it('configuration errors do not echo the key', async () => {
    const produced = createProduced();
    for (const attempt of [
      () => createMistral({ apiKey: FAKE_API_KEY, serverURL: 'not a url' }),
      () => createMistral({ apiKey: FAKE_API_KEY, timeoutMs: -1 }),
      () => createMistral({ apiKey: FAKE_API_KEY })(''),
      () => openaiCompatible({ baseURL: 'ftp://x', model: 'm', apiKey: FAKE_API_KEY }),
      () => openaiCompatible({ baseURL: 'http://127.0.0.1:1/v1', model: '', apiKey: FAKE_API_KEY }),
    ]) {
      try {
        produced.keep('created', attempt());
      } catch (error) {
        produced.keep('config error', error);
      }
    }
    expectNoSecret(produced);
  });
});

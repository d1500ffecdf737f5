/**
 * dragoman/web overhead: time to first byte and per-delta cost of streaming a run as the AI SDK UI message
 * stream protocol, against iterating stream() alone. In-process FakeModel (no network), so the numbers are
 * the web layer's own cost: SSE framing, JSON, TextEncoder, the pull stream, and (for HTTP) the loopback
 * socket and the Node adapter of the example.
 *
 *   npm run bench:web
 * @module
 */
import { createServer } from 'node:http';
import { serveWebHandler } from '../examples/shared/serve-web-handler.js';
import { defineAgent, stream } from '../src/index.js';
import { FakeModel } from '../src/testing/index.js';
import { listenOnLoopback } from '../src/testing/listen-on-loopback.js';
import { createChatHandler, toResponse } from '../src/web/index.js';

const DELTAS = 2_000;
const ROUNDS = 15;
const text = 'كلمة '.repeat(DELTAS); // 5 characters a word, chunkSize 5: one delta per word

const agentFor = () =>
  defineAgent({
    name: 'bench',
    model: new FakeModel({ steps: Array.from({ length: 1 }, () => ({ text, chunkSize: 5 })) }),
  });

async function streamAlone(): Promise<{ first: number; total: number }> {
  const start = performance.now();
  let first = 0;
  for await (const event of stream(agentFor(), 'مرحبا')) {
    if (first === 0 && event.type === 'text-delta') first = performance.now() - start;
  }
  return { first, total: performance.now() - start };
}

async function inProcessResponse(): Promise<{ first: number; total: number }> {
  const start = performance.now();
  return readTimed(toResponse(stream(agentFor(), 'مرحبا')).body!, start);
}

async function overHttp(url: string): Promise<{ first: number; total: number }> {
  const start = performance.now();
  const body = {
    id: `c${Math.random()}`,
    messages: [{ id: 'u', role: 'user', parts: [{ type: 'text', text: 'مرحبا' }] }],
  };
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return readTimed(response.body!, start);
}

/** Reads a body to its end: ms from `start` to the first read, and to the end. */
async function readTimed(
  body: ReadableStream<Uint8Array>,
  start: number,
): Promise<{ first: number; total: number }> {
  const reader = body.getReader();
  let first = 0;
  for (;;) {
    const { done } = await reader.read();
    if (first === 0) first = performance.now() - start;
    if (done) break;
  }
  return { first, total: performance.now() - start };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function measure(name: string, once: () => Promise<{ first: number; total: number }>) {
  await once(); // warm-up
  const firsts: number[] = [];
  const totals: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const { first, total } = await once();
    firsts.push(first);
    totals.push(total);
  }
  return { name, first: median(firsts), total: median(totals) };
}

// A fresh agent per round so each run is one model call; the handler needs one agent, so it gets a model
// that answers every call with the same text.
const handlerAgent = defineAgent({
  name: 'bench-http',
  model: new FakeModel({ steps: Array.from({ length: ROUNDS + 1 }, () => ({ text, chunkSize: 5 })) }),
});
// Client and server share this process, and a FakeModel never waits on I/O, so the client cannot read
// while a run is going: its first read says nothing about the server. The server's first byte is timed
// where it happens, from the request's arrival to the first body write on the socket.
const firstWrites: number[] = [];
const handler = createChatHandler(handlerAgent);
const server = createServer((incoming, outgoing) => {
  const arrived = performance.now();
  const write = outgoing.write.bind(outgoing) as (chunk: Uint8Array) => boolean;
  let first = true;
  outgoing.write = ((chunk: Uint8Array) => {
    if (first) firstWrites.push(performance.now() - arrived);
    first = false;
    return write(chunk);
  }) as typeof outgoing.write;
  void serveWebHandler(handler, incoming, outgoing);
});
const url = `${await listenOnLoopback(server)}/api/chat`;
const rows = [
  await measure('stream() alone', streamAlone),
  await measure('toResponse(stream()), read in process', inProcessResponse),
  await measure('createChatHandler over HTTP (loopback)', () => overHttp(url)),
];
rows[2]!.first = median(firstWrites.slice(1));
server.close();
const base = rows[0]!;
console.log(`${DELTAS} text deltas per run, median of ${ROUNDS} runs`);
console.log(
  '| path | first event / byte, server side (ms) | whole run (ms) | per delta (µs) | per-delta overhead vs stream() (µs) |',
);
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  const perDelta = (row.total / DELTAS) * 1000;
  const overhead = ((row.total - base.total) / DELTAS) * 1000;
  console.log(
    `| ${row.name} | ${row.first.toFixed(2)} | ${row.total.toFixed(1)} | ${perDelta.toFixed(2)} | ${row === base ? '–' : overhead.toFixed(2)} |`,
  );
}

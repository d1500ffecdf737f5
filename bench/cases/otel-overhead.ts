/**
 * `npm run bench -- otel`: what tracing costs per run. The same agent (Mistral adapter, one `add` tool, the
 * 2-request tool run) against the peer benchmark's loopback fake server, run with tracing off, with
 * dragoman/otel on (OpenTelemetry SDK, BatchSpanProcessor, an exporter that drops the batches, so the SDK's
 * recording cost is measured and not an exporter's I/O), and on with contents captured; plus an empty
 * `onEvent` and dragoman/otel on the API's no-op tracer, which split the cost between the listener path,
 * dragoman's own span bookkeeping and the SDK's recording. Modes alternate in
 * short blocks so drifting machine load hits them alike. Target: tracing on <= 5% over off.
 */

import { trace } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { z } from 'zod';
import { defineAgent, type RunOptions, run } from '../../src/agent/index.js';
import { createMistral } from '../../src/models/mistral/index.js';
import { createTracing } from '../../src/otel/index.js';
import { tool } from '../../src/tools/index.js';
import { startPeerServer } from './_peer-server.js';

const WARMUP = 300;
const ROUNDS = 30;
const RUNS_PER_BLOCK = 40;

/** Counts what it is given and drops it. */
class DroppingExporter implements SpanExporter {
  spans = 0;
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.spans += spans.length;
    done({ code: 0 });
  }
  async shutdown(): Promise<void> {}
}

const server = await startPeerServer();
try {
  const model = createMistral({ apiKey: 'bench', serverURL: server.origin })('mistral-small-latest');
  const add = tool({
    description: 'Add two integers and return their sum.',
    parameters: z.object({ a: z.number(), b: z.number() }),
    execute: ({ a, b }) => a + b,
  });
  const agent = defineAgent({ name: 'bench', model, tools: { add } });
  const exporter = new DroppingExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
  const modes: Record<string, RunOptions<typeof agent.tools>> = {
    off: {},
    'empty listener': { onEvent: () => {} },
    'noop tracer': { onEvent: createTracing({ tracer: trace.getTracer('noop') }).onEvent },
    on: { onEvent: createTracing({ tracerProvider: provider }).onEvent },
    'on + contents': { onEvent: createTracing({ tracerProvider: provider, captureContent: true }).onEvent },
  };
  const once = async (options: RunOptions<typeof agent.tools>) => {
    const result = await run(agent, 'What is 19 + 23?', options);
    if (result.text !== 'The answer is 42.') throw new Error(`unexpected answer: ${result.text}`);
  };
  for (let index = 0; index < WARMUP; index++)
    for (const options of Object.values(modes)) await once(options);
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(modes).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, options] of Object.entries(modes)) {
      const started = performance.now();
      for (let index = 0; index < RUNS_PER_BLOCK; index++) await once(options);
      times[name]!.push((performance.now() - started) / RUNS_PER_BLOCK);
    }
  }
  await provider.forceFlush();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const off = median(times.off!);
  console.log('## Tracing overhead (dragoman/otel), per 2-request tool run\n');
  console.log(
    `Node ${process.version}; ${ROUNDS} rounds x ${RUNS_PER_BLOCK} runs per mode, modes interleaved; median of the rounds' per-run means.\n`,
  );
  console.log('| mode | per run | vs off |');
  console.log('| --- | ---: | ---: |');
  for (const name of Object.keys(modes)) {
    const value = median(times[name]!);
    console.log(
      `| ${name} | ${(value * 1000).toFixed(0)} µs | ${name === 'off' ? '-' : `${(((value - off) / off) * 100).toFixed(1)}%`} |`,
    );
  }
  console.log(
    `\nSpans recorded and handed to the exporter: ${exporter.spans.toLocaleString('en')} (4 per traced run).`,
  );
  await provider.shutdown();
} finally {
  server.child.kill();
}

/**
 * `npm run bench -- fit-context`: the sliding context manager on a 2,000-message history of about 150K Tekken
 * tokens (multilingual sentences from ../shared/fixtures/langid, tool calls and results) fitted into a 128K
 * window (131,072, 4,096 reserved for output), with the exact Tekken counter.
 * - one new turn arrives: fitContext with cached counts (goal <= 1 ms);
 * - the same history through LangChain's trimMessages (@langchain/core 1.4.0, strategy "last", system kept,
 *   start on a human message) with the same cached counter;
 * - prefix stability: 2,000 simulated turns of mixed sizes into a 128K window, block eviction vs drop-oldest.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  AIMessage,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
  trimMessages,
} from '@langchain/core/messages';
import { budgetFor, fitContext } from '../../src/context/index.js';
import type { Message } from '../../src/models/types.js';
import { createTokenCounter } from '../../src/tokens/index.js';
import { characterCounter } from '../../tests/context/support/histories.js';
import {
  dropOldest,
  hysteresis,
  type Strategy,
  simulate,
} from '../../tests/context/support/simulate-conversation.js';

const counter = createTokenCounter();
const budget = budgetFor({ contextWindow: 131_072, maxTokens: 4_096 });

function sentences(): string[] {
  const path = fileURLToPath(new URL('../../../shared/fixtures/langid/langid-eval.jsonl', import.meta.url));
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { kind: string; text: string })
    .filter((line) => line.kind === 'sentence')
    .map((line) => line.text);
}

/** 1 system message + 2,000 messages in turns of user, assistant tool call, tool result, assistant answer. */
function history(): Message[] {
  const pool = sentences();
  let cursor = 0;
  const text = (count: number) => {
    const parts: string[] = [];
    for (let index = 0; index < count; index++) parts.push(pool[cursor++ % pool.length]!);
    return parts.join(' ');
  };
  const messages: Message[] = [
    { role: 'system', content: `You are a helpful multilingual assistant. ${text(3)}` },
  ];
  for (let turn = 0; messages.length < 2_001; turn++) {
    const id = `c${String(turn).padStart(8, '0')}`;
    messages.push({ role: 'user', content: text(1) });
    messages.push({
      role: 'assistant',
      content: '',
      toolCalls: [{ id, name: 'search', arguments: `{"q":"${turn}"}` }],
    });
    messages.push({ role: 'tool', toolCallId: id, name: 'search', content: text(4) });
    messages.push({ role: 'assistant', content: text(1) });
  }
  return messages.slice(0, 2_001);
}

function toLangChain(messages: readonly Message[], neutralOf: Map<string, Message>): BaseMessage[] {
  return messages.map((message, index) => {
    const id = `m${index}`;
    const text = typeof message.content === 'string' ? message.content : '';
    const converted =
      message.role === 'system'
        ? new SystemMessage({ content: text, id })
        : message.role === 'user'
          ? new HumanMessage({ content: text, id })
          : message.role === 'tool'
            ? new ToolMessage({ content: text, tool_call_id: message.toolCallId, name: message.name, id })
            : new AIMessage({
                id,
                content: text,
                tool_calls: (message.toolCalls ?? []).map((call) => ({
                  id: call.id,
                  name: call.name,
                  args: JSON.parse(call.arguments) as Record<string, unknown>,
                  type: 'tool_call' as const,
                })),
              });
    neutralOf.set(id, message);
    return converted;
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(action: () => unknown, runs: number): { wall: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < runs; run++) {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    action();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

async function main(): Promise<void> {
  const messages = history();
  counter.countText('warm up the engine');
  const coldStart = performance.now();
  const first = fitContext(messages, budget, { counter });
  const cold = performance.now() - coldStart;
  const totalTokens = messages.reduce((sum, message) => sum + counter.count(message), 0);

  let turn = 0;
  const withNewTurn = () => [
    ...messages,
    { role: 'user', content: `And what about item ${turn++}?` } as Message,
  ];
  for (let index = 0; index < 50; index++) fitContext(withNewTurn(), budget, { counter });
  const newTurn = measure(() => fitContext(withNewTurn(), budget, { counter }), 400);

  // LangChain copies messages while trimming, so counts are looked up by message id (cached counts still).
  const neutralOf = new Map<string, Message>();
  const langChain = toLangChain(messages, neutralOf);
  const tokenCounter = (list: BaseMessage[]) =>
    list.reduce((sum, message) => sum + counter.count(neutralOf.get(message.id ?? '')!), 0);
  const options = {
    maxTokens: first.report.available,
    tokenCounter,
    strategy: 'last' as const,
    includeSystem: true,
    startOn: 'human' as const,
  };
  const trimmed = await trimMessages(langChain, options);
  const langChainTimes: number[] = [];
  const langChainCpu: number[] = [];
  for (let run = 0; run < 40; run++) {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    await trimMessages(langChain, options);
    langChainTimes.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    langChainCpu.push((used.user + used.system) / 1000);
  }

  const fmt = (value: number) => value.toFixed(3);
  console.log('## Fitting a 2,000-message history into a 128K window\n');
  console.log('Command: `npm run bench -- fit-context`\n');
  console.log(
    `History: ${messages.length.toLocaleString('en-US')} messages, ${totalTokens.toLocaleString('en-US')} Tekken tokens; ` +
      `window 131,072 with 4,096 reserved for output; usable ${first.report.available.toLocaleString('en-US')}.\n`,
  );
  console.log('| measurement | median wall | median CPU | kept messages | goal |\n|---|---|---|---|---|');
  console.log(
    `| fitContext, first call (counts 2,001 messages) | ${fmt(cold)} ms | | ${first.report.kept} | |`,
  );
  console.log(
    `| fitContext, one new turn arrives (cached counts, 400 runs) | ${fmt(newTurn.wall)} ms | ${fmt(newTurn.cpu)} ms | ${first.report.kept + 1} | <= 1 ms |`,
  );
  console.log(
    `| LangChain trimMessages, same history and counter (40 runs) | ${fmt(median(langChainTimes))} ms | ${fmt(median(langChainCpu))} ms | ${trimmed.length} | |`,
  );
  prefixTable();
}

function prefixTable(): void {
  const simCounter = characterCounter();
  const rows: Array<[string, Strategy]> = [
    ['fitContext (default: low water 0.75)', hysteresis()],
    ['fitContext, low water 0.5', hysteresis({ lowWater: 0.5 })],
    ['fitContext, low water 0.9', hysteresis({ lowWater: 0.9 })],
    ['drop oldest turns until it fits', dropOldest],
  ];
  console.log('\n### Prefix stability: 2,000 simulated turns of mixed sizes, 128K window\n');
  console.log(
    '| strategy | turns with unchanged prefix | prompt tokens a cache can serve | mean prompt tokens | input cost (cached at 10%) |\n|---|---|---|---|---|',
  );
  const results = rows.map(([name, strategy]) => ({
    name,
    result: simulate({ turns: 2_000, contextWindow: 131_072, counter: simCounter, strategy }),
  }));
  const cost = (result: (typeof results)[number]['result']) =>
    result.meanPromptTokens * (1 - result.cachedTokenShare + 0.1 * result.cachedTokenShare);
  const baseline = cost(results.at(-1)!.result);
  for (const { name, result } of results) {
    console.log(
      `| ${name} | ${(result.unchangedShare * 100).toFixed(1)}% | ${(result.cachedTokenShare * 100).toFixed(1)}% | ${Math.round(result.meanPromptTokens).toLocaleString('en-US')} | ${((cost(result) / baseline) * 100).toFixed(0)}% of drop-oldest |`,
    );
  }
}

await main();

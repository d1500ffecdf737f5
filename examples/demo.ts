/**
 * The dragoman tour: one conversation that touches all three routes (general, Arabic, code), calls a tool,
 * sends an image, and trims its context, printing every route decision.
 *
 *   npm run demo
 *
 * With MISTRAL_API_KEY it talks to La Plateforme; without it, to the local mock server with scripted replies.
 * With DRAGOMAN_TRACE=1 it also prints the OpenTelemetry span tree of the tour (docs/observability.md).
 * @module
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createCatalog,
  createRouter,
  DEFAULT_ROUTES,
  defineAgent,
  InMemoryStore,
  isArabicText,
  type RunInput,
  stream,
} from '../src/index.js';
import { isolateLeftToRightRuns } from './arabic-assistant/bidi.js';
import { convertDateTool } from './arabic-assistant/date-tool.js';
import { withLanguagePrefix } from './arabic-assistant/language-prefix.js';
import { demoLog, demoScript } from './demo-script.js';
import { connectBackend } from './shared/backend.js';
import { type ExampleIO, runAsScript } from './shared/io.js';
import { renderEvents } from './shared/render-events.js';
import { formatUsageSummary } from './shared/usage-summary.js';
import { loadImage } from './vision/load-image.js';

/** Runs the tour; returns the process exit code. */
export async function main(io: ExampleIO): Promise<number> {
  const backend = await connectBackend(io.env, demoScript);
  io.stdout.write(`${backend.banner}\n`);
  try {
    const picture = await loadImage(fileURLToPath(new URL('./vision/sample.png', import.meta.url)));
    // The Arabic route's default model (Saba) is retired: the catalog names its replacement, visibly. The
    // demo wraps the replacement in the language-prefix guard, so it resolves the id itself.
    const arabic = createCatalog().resolve(DEFAULT_ROUTES.arabic);
    if (arabic.substitution) {
      const { requested, resolved, reason } = arabic.substitution;
      io.stdout.write(`[model] arabic route: ${requested} → ${resolved} (${reason})\n`);
    }
    const router = createRouter({
      provider: backend.provider,
      routes: {
        arabic: withLanguagePrefix(backend.provider(arabic.info.id), {
          prefix: 'بالعربية: ',
          accepts: isArabicText,
        }),
      },
    });
    const agent = defineAgent({
      name: 'tour',
      instructions:
        'You are a concise assistant. Answer in the language of the question. Use convert_date for calendar questions.',
      router,
      memory: new InMemoryStore(),
      tools: { convert_date: convertDateTool },
      // A deliberately small window, so the tour shows the context manager trimming old turns.
      // Real windows are 128K-256K tokens; leave this unset to use the chosen model's own window.
      context: { contextWindow: 5_100, reserveOutput: 512 },
    });
    const turns: Array<{ label: string; input: RunInput }> = [
      { label: 'general', input: 'I am visiting Marrakech next week. One tip, please.' },
      { label: 'Arabic + a tool', input: 'ما التاريخ الميلادي الموافق ١ رمضان ١٤٤٨؟' },
      { label: 'code', input: 'Write a TypeScript function that formats an amount in Moroccan dirhams.' },
      {
        label: 'an image',
        input: { role: 'user', content: [{ type: 'text', text: 'What is in this picture?' }, picture] },
      },
      {
        label: 'a long paste (context trim)',
        input: `Here is our server log; what went wrong?\n${demoLog()}`,
      },
    ];
    // Loaded only when asked for: the OpenTelemetry SDK is a development dependency of this repository.
    const traceTree = io.env.DRAGOMAN_TRACE
      ? (await import('./shared/trace-tree.js')).startTraceTree()
      : undefined;
    let usage = {};
    for (const [index, turn] of turns.entries()) {
      const preview =
        typeof turn.input === 'string' ? turn.input.split('\n')[0] : 'What is in this picture? [sample.png]';
      io.stdout.write(`\n── ${index + 1}. ${turn.label}\nYou: ${isolateLeftToRightRuns(preview ?? '')}\n`);
      const events = stream(agent, turn.input, {
        session: 'tour',
        ...(io.signal ? { signal: io.signal } : {}),
        ...(traceTree ? { onEvent: traceTree.onEvent } : {}),
      });
      await renderEvents(events, io, { transformText: isolateLeftToRightRuns });
      usage = mergeUsage(usage, (await events.result()).usage.byModel);
    }
    io.stdout.write(`\n${formatUsageSummary(usage)}\n`);
    if (traceTree) io.stdout.write(`\nSpans:\n${traceTree.print()}\n`);
    return 0;
  } finally {
    await backend.close();
  }
}

type UsageByModel = Parameters<typeof formatUsageSummary>[0];

function mergeUsage(into: UsageByModel, more: UsageByModel): UsageByModel {
  const merged = { ...into };
  for (const [model, usage] of Object.entries(more)) {
    const current = merged[model] ?? { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
    merged[model] = {
      promptTokens: current.promptTokens + usage.promptTokens,
      completionTokens: current.completionTokens + usage.completionTokens,
      totalTokens: current.totalTokens + usage.totalTokens,
    };
  }
  return merged;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runAsScript(main);
}

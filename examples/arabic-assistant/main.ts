/**
 * The Arabic assistant: a chat routed per turn (Arabic, code, general), kept in Arabic with Mistral's
 * `prefix`, printed right-to-left correctly, with an offline Hijri/Gregorian date tool and a JSONL memory
 * so the conversation resumes next time.
 *
 *   npm run example:arabic [-- --memory <folder>] [--session <id>] [--new] [--digits arabic]
 *
 * With MISTRAL_API_KEY you chat on stdin (an empty line or "خروج" ends). Without it, a scripted
 * conversation runs against the local mock server.
 * @module
 */
import { pathToFileURL } from 'node:url';
import { stream } from '../../src/index.js';
import { JsonlFileStore } from '../../src/node/index.js';
import { connectBackend } from '../shared/backend.js';
import { createLineReader, type ExampleIO, runAsScript } from '../shared/io.js';
import { renderEvents } from '../shared/render-events.js';
import { oneLine } from '../shared/terminal.js';
import { formatUsageSummary } from '../shared/usage-summary.js';
import { createArabicAssistant } from './agent.js';
import { ARABIC_USAGE, readArabicArguments } from './arguments.js';
import { arabicDigitsOutsideIsolates, isolateLeftToRightRuns } from './bidi.js';
import { arabicScript, demoTurns } from './script.js';

export { ARABIC_PREFIX } from './agent.js';

/** Runs the Arabic assistant; returns the process exit code. */
export async function main(args: readonly string[], io: ExampleIO): Promise<number> {
  const parsed = readArabicArguments(args);
  if (!parsed.ok) {
    io.stdout.write(`${parsed.message}\n${ARABIC_USAGE}\n`);
    return 2;
  }
  const { values } = parsed;
  const backend = await connectBackend(io.env, arabicScript);
  io.stdout.write(`${backend.banner}\n`);
  const reader = createLineReader(io);
  try {
    const memory = new JsonlFileStore({ directory: values.memory });
    // Offline (scripted) conversations go to their own session, so they never mix with real ones.
    const session = values.session ?? (backend.live ? 'arabic-assistant' : 'arabic-assistant-offline');
    if (values.new) await memory.clear(session);
    const earlier = await memory.load(session);
    io.stdout.write(
      earlier.length > 0
        ? `Resuming session "${session}" (${earlier.length} earlier messages in ${values.memory}).\n`
        : `New session "${session}", stored in ${values.memory}.\n`,
    );
    const agent = createArabicAssistant({
      provider: backend.provider,
      memory,
      onDrift: (text) =>
        io.stdout.write(
          `[prefix] the answer began in another language ("${oneLine(text, 40)}"); asking again with an Arabic prefix\n`,
        ),
    });
    // --digits arabic: print digits in Arabic text as ٠–٩ (code and Latin runs keep theirs).
    const formatLine = (text: string) =>
      values.digits === 'arabic'
        ? arabicDigitsOutsideIsolates(isolateLeftToRightRuns(text))
        : isolateLeftToRightRuns(text);
    const usage: Parameters<typeof formatUsageSummary>[0] = {};
    const nextTurn = async (index: number): Promise<string | undefined> => {
      if (!backend.live) {
        const turn = demoTurns[index];
        if (turn !== undefined) io.stdout.write(`\nأنت: ${isolateLeftToRightRuns(turn)}\n`);
        return turn;
      }
      const line = await reader.ask('\nأنت: ');
      return line === undefined || line.trim() === '' || line.trim() === 'خروج' ? undefined : line;
    };
    for (let index = 0; ; index++) {
      const turn = await nextTurn(index);
      if (turn === undefined) break;
      const events = stream(agent, turn, { session, ...(io.signal ? { signal: io.signal } : {}) });
      await renderEvents(events, io, { transformText: formatLine });
      const result = await events.result();
      for (const [model, used] of Object.entries(result.usage.byModel)) {
        const total = usage[model] ?? { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
        usage[model] = {
          promptTokens: total.promptTokens + used.promptTokens,
          completionTokens: total.completionTokens + used.completionTokens,
          totalTokens: total.totalTokens + used.totalTokens,
        };
      }
    }
    const stored = await memory.load(session);
    io.stdout.write(
      `\n${formatUsageSummary(usage)}\nSession "${session}" now holds ${stored.length} messages.\n`,
    );
    return 0;
  } finally {
    reader.close();
    await backend.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runAsScript((io) => main(process.argv.slice(2), io));
}

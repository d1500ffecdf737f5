/**
 * The coding helper: a terminal agent on Codestral with workspace tools confined to one folder.
 *
 *   npm run example:coding -- <dir> "<task>"
 *
 * With MISTRAL_API_KEY it talks to La Plateforme; without it, it copies a sample project to a temp folder
 * and runs a scripted session against the local mock server (and refuses another folder or task, which the
 * script could not honour). Writes and commands ask y/n first; after a
 * task it asks for the next one (same conversation) until an empty line or the end of input.
 * @module
 */
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type ApprovalDecision,
  defineAgent,
  InMemoryStore,
  type PendingApproval,
  type RunInput,
  type RunResult,
  type RunStream,
  stream,
  type Usage,
} from '../../src/index.js';
import { workspaceTools } from '../../src/node/index.js';
import { connectBackend } from '../shared/backend.js';
import { createLineReader, type ExampleIO, type LineReader, runAsScript } from '../shared/io.js';
import { renderEvents } from '../shared/render-events.js';
import { formatApprovalPrompt } from '../shared/terminal.js';
import { formatUsageSummary } from '../shared/usage-summary.js';
import { readCodingArguments } from './arguments.js';
import { fimTool } from './fim.js';
import { rewriteFileTool } from './rewrite-tool.js';
import { codingScript } from './script.js';

const INSTRUCTIONS = `You are a careful coding assistant working in a project folder through tools.
Look before you change: list and read files, search for symbols. Prefer patch_file for small edits,
fill_in_middle for a marked gap, rewrite_file for changes spread over a whole file. Run the tests with
run_command after changing code. Paths are relative to the project root. Finish with a short summary.`;

const SAMPLE_TASK = 'The tests in math.test.js fail. Fix math.js so they pass.';

/** Runs the coding helper; returns the process exit code. */
export async function main(args: readonly string[], io: ExampleIO): Promise<number> {
  const backend = await connectBackend(io.env, codingScript);
  io.stdout.write(`${backend.banner}\n`);
  const reader = createLineReader(io);
  try {
    const request = await readCodingArguments(args, backend.live);
    if (request.kind === 'exit') {
      io.stdout.write(`${request.message}\n`);
      return request.code;
    }
    const root = request.kind === 'folder' ? request.root : await copySampleProject(io);
    const task = request.kind === 'folder' ? request.task : SAMPLE_TASK;
    io.stdout.write(`Workspace: ${root}\nTask: ${task}\n\n`);
    const extraUsage: Record<string, Usage> = {};
    const onUsage = (response: { usage: Usage; meta: { model: string } }) =>
      addUsage(extraUsage, response.meta.model, response.usage);
    const agent = defineAgent({
      name: 'coding-helper',
      instructions: INSTRUCTIONS,
      model: backend.provider('codestral-latest', { temperature: 0.2 }),
      tools: {
        ...workspaceTools({ root, commandAllowlist: ['node', 'npm', 'npx', 'git'] }),
        fill_in_middle: fimTool({ provider: backend.provider, root, onUsage }),
        rewrite_file: rewriteFileTool({ provider: backend.provider, root, onUsage }),
      },
      maxSteps: 20,
      memory: new InMemoryStore(),
    });
    const session = 'coding-helper';
    const total: Record<string, Usage> = {};
    for (let next: string | undefined = task; next !== undefined && next.trim() !== ''; ) {
      let input: RunInput = next;
      for (;;) {
        const options = { session, ...(io.signal ? { signal: io.signal } : {}) };
        const events: RunStream<string> = stream(agent, input, options);
        await renderEvents(events, io, { showRoutes: false });
        const result: RunResult<string> = await events.result();
        if (result.status !== 'pending-approval') {
          for (const [model, used] of Object.entries(result.usage.byModel)) addUsage(total, model, used);
          break;
        }
        input = { resume: result.state, approvals: await askApprovals(reader, result.pendingApprovals) };
      }
      next = await reader.ask('\nNext task (empty line to quit): ');
    }
    for (const [model, extra] of Object.entries(extraUsage)) addUsage(total, model, extra);
    io.stdout.write(`\n${formatUsageSummary(total)}\n`);
    return 0;
  } finally {
    reader.close();
    await backend.close();
  }
}

/** Asks y/N for each pending call; anything but y/yes (or the end of input) declines. */
async function askApprovals(
  reader: LineReader,
  pending: readonly PendingApproval[],
): Promise<Record<string, ApprovalDecision>> {
  const approvals: Record<string, ApprovalDecision> = {};
  for (const call of pending) {
    const answer = await reader.ask(formatApprovalPrompt(call.toolName, call.args));
    approvals[call.toolCallId] = /^y(es)?$/iu.test(answer?.trim() ?? '')
      ? { approved: true }
      : { approved: false, reason: 'The user declined this call.' };
  }
  return approvals;
}

async function copySampleProject(io: ExampleIO): Promise<string> {
  const sample = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sample-project');
  const target = path.join(await mkdtemp(path.join(tmpdir(), 'dragoman-coding-')), 'sample-project');
  await cp(sample, target, { recursive: true });
  io.stdout.write(`No folder given: working on a copy of the sample project.\n`);
  return target;
}

function addUsage(into: Record<string, Usage>, model: string, usage: Usage): void {
  const current = into[model] ?? { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  into[model] = {
    promptTokens: current.promptTokens + usage.promptTokens,
    completionTokens: current.completionTokens + usage.completionTokens,
    totalTokens: current.totalTokens + usage.totalTokens,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runAsScript((io) => main(process.argv.slice(2), io));
}

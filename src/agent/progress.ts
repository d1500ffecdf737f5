import { UserInputError } from '../errors.js';
import type { MemoryStore } from '../memory/types.js';
import { abortable } from '../models/abortable.js';
import { costOf } from '../models/catalog/cost.js';
import { messageText } from '../models/message-text.js';
import type { Message } from '../models/types.js';
import type { RouteDecision } from '../routing/types.js';
import type { ToolSet } from '../tools/types.js';
import type { Agent } from './agent.js';
import type { ScopeRunner } from './call-scope.js';
import { toInputMessages } from './input.js';
import type {
  PartialRunResult,
  PendingApproval,
  ResumeInput,
  RunInput,
  RunState,
  StepRecord,
  UsageSummary,
} from './types.js';
import { emptyUsageSummary } from './usage.js';

/** What a run has done so far. The loop updates it; results and paused states are built from it. */
export interface RunProgress {
  runId: string;
  sessionId: string | undefined;
  /** Messages before this run (from memory, the paused state, or nothing). */
  history: Message[];
  /** The session revision `history` was read at, from a store with `loadRevision` (else undefined). */
  revision: string | undefined;
  /** This run's messages, the input turn included. */
  newMessages: Message[];
  steps: StepRecord[];
  usage: UsageSummary;
  failures: { consecutive: number; total: number };
  previous: RouteDecision | undefined;
  startedAt: number;
}

/** What a run knows before it loads anything: its session and its new turn's messages. */
export interface RunOpening {
  sessionId: string | undefined;
  /** The new turn's messages; `[]` for a resumed run. */
  inputMessages: Message[];
}

/**
 * Checks what a run starts from, before anything is loaded (so `run-start` can come first). Throws a
 * `UserInputError` for a session on an agent without memory, or an unusable input.
 */
export function openProgress(
  agent: Agent<ToolSet, unknown>,
  input: RunInput,
  resume: ResumeInput | undefined,
  session: string | undefined,
): RunOpening {
  const saved = resume?.resume;
  const sessionId = saved ? saved.sessionId : session;
  if (sessionId !== undefined && agent.memory === undefined) {
    throw new UserInputError(
      'invalid-input',
      `Run option session "${sessionId}" needs a memory store, but agent "${agent.name}" has none.`,
      {
        path: 'session',
        hint: 'Pass memory: new InMemoryStore() (or a JsonlFileStore) to defineAgent, or omit session.',
      },
    );
  }
  const inputMessages = saved ? [] : toInputMessages(input as Exclude<RunInput, ResumeInput>);
  return { sessionId, inputMessages };
}

/**
 * Sets up a run: a fresh one from its opening (loading the session's history, through `runner` when the
 * run's listeners scope its work), or a paused one from its state (copied, so the caller's state object is
 * never changed).
 */
export async function startProgress(
  agent: Agent<ToolSet, unknown>,
  { sessionId, inputMessages }: RunOpening,
  resume: ResumeInput | undefined,
  runId: string,
  signal: AbortSignal | undefined,
  runner: ScopeRunner | undefined,
): Promise<RunProgress> {
  const saved = resume?.resume;
  const load = () => loadSession(agent.memory!, sessionId!);
  const loaded = sessionId !== undefined ? (runner ? runner(load) : load()) : undefined;
  const { messages: history, revision } = loaded
    ? await (signal ? abortable(loaded, signal, 'The run (loading its session)') : loaded)
    : { messages: saved?.history ?? [], revision: undefined };
  const progress: RunProgress = {
    runId,
    sessionId,
    history,
    revision,
    newMessages: saved ? [...saved.newMessages] : inputMessages,
    steps: saved ? saved.steps.map((step) => ({ ...step, toolCalls: [...step.toolCalls] })) : [],
    // A state saved before usage carried a cost gets one, priced now.
    usage: saved
      ? { ...structuredClone(saved.usage), cost: costOf(saved.usage, agent.prices) }
      : emptyUsageSummary(),
    failures: saved ? { ...saved.toolFailures } : { consecutive: 0, total: 0 },
    previous: saved?.previousDecision,
    startedAt: saved?.startedAt ?? Date.now(),
  };
  return progress;
}

/** The conversation so far: history plus this run's messages. */
export function conversationOf(progress: RunProgress): Message[] {
  return [...progress.history, ...progress.newMessages];
}

/** What every result and run error carries. */
export function partialResult(progress: RunProgress): PartialRunResult {
  return {
    runId: progress.runId,
    text: lastAssistantText(progress.newMessages),
    messages: conversationOf(progress),
    newMessages: progress.newMessages,
    steps: progress.steps,
    usage: progress.usage,
  };
}

/** The JSON state of a run paused for approvals. With a session, the history stays in the store. */
export function pausedState(agentName: string, progress: RunProgress, pending: PendingApproval[]): RunState {
  const { sessionId, previous } = progress;
  return {
    version: 1,
    agent: agentName,
    runId: progress.runId,
    ...(sessionId !== undefined ? { sessionId } : {}),
    history: sessionId !== undefined ? [] : progress.history,
    newMessages: progress.newMessages,
    steps: progress.steps,
    usage: progress.usage,
    toolFailures: progress.failures,
    pendingApprovals: pending,
    ...(previous ? { previousDecision: previous } : {}),
    startedAt: progress.startedAt,
  };
}

/** The session's history, with its revision when the store can commit conditionally. */
async function loadSession(
  memory: MemoryStore,
  sessionId: string,
): Promise<{ messages: Message[]; revision: string | undefined }> {
  if (memory.loadRevision && memory.commit) return memory.loadRevision(sessionId);
  return { messages: await memory.load(sessionId), revision: undefined };
}

/**
 * Commits the completed turn to the session in one call: `commit()` onto the revision the history was read
 * at (idempotent by run id) when the store supports it, else `append()`. Nothing to do without a session.
 */
export async function commitTurn(
  agent: Agent<ToolSet, unknown>,
  progress: RunProgress,
  signal?: AbortSignal,
  runner?: ScopeRunner,
): Promise<void> {
  const { sessionId, revision } = progress;
  if (sessionId === undefined) return;
  const memory = agent.memory!;
  const save = (): Promise<unknown> =>
    revision !== undefined && memory.commit
      ? memory.commit(sessionId, progress.newMessages, { revision, turnId: progress.runId })
      : // A store still waiting (for a lock) when the run is aborted stops and stores nothing.
        memory.append(sessionId, progress.newMessages, signal ? { signal } : undefined);
  await (runner ? runner(save) : save());
}

/** Counts a step's failed tool calls; a success resets the streak. True when the budget is spent. */
export function spendToolBudget(
  agent: Agent<ToolSet, unknown>,
  progress: RunProgress,
  failed: boolean[],
): boolean {
  const { failures } = progress;
  for (const failure of failed) {
    if (failure) {
      failures.consecutive++;
      failures.total++;
    } else failures.consecutive = 0;
  }
  return (
    failures.consecutive >= agent.toolErrorBudget.consecutive || failures.total >= agent.toolErrorBudget.total
  );
}

/** The text of the last assistant message, or an empty string. */
export function lastAssistantText(messages: readonly Message[]): string {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.role === 'assistant') return messageText(message);
  }
  return '';
}

/**
 * The fault matrix: each mock-server fault with the outcome dragoman owes the caller, without retries and
 * with a retry policy. Shared by the adapter-level and the agent-level fault tests.
 */
import type { MockFault } from '../../../src/testing/mock-server/index.js';
import type { ProviderKind } from './providers.js';

/** What one call must end with: a typed error with these fields, or a successful answer. */
export type Outcome =
  | { ok: true }
  | {
      ok: false;
      name: 'ApiError' | 'ConnectionError';
      /** Accepted codes; two where both readings are right (a truncated stream is cut short and malformed). */
      codes: readonly string[];
      status?: number;
      /** Checked with `toBe` (so `undefined` means "no Retry-After"), when the key is present. */
      retryAfterMs?: number | undefined;
      /** Checked when set; a cut-short stream may fairly be called retryable or not. */
      retryable?: boolean;
    };

/** One fault and what it must lead to. */
export interface FaultCase {
  name: string;
  fault: MockFault;
  /** Start timeout for the call. */
  timeoutMs: number;
  generate: Outcome;
  stream: Outcome;
  /** True when a retry policy must turn a failure into a success, per mode. */
  recovers: { generate: boolean; stream: boolean };
  /** Adapter/mode pairs that currently get this wrong, with the bug id in the report (test marked `fails`). */
  knownBugs?: Partial<Record<ProviderKind, Partial<Record<'generate' | 'stream', string>>>>;
}

const LONG = 5_000;

const typed = (
  name: 'ApiError' | 'ConnectionError',
  codes: readonly string[],
  retryable: boolean,
  extra: { status?: number; retryAfterMs?: number | undefined } = {},
): Outcome => ({ ok: false, name, codes, retryable, ...extra });

const server = (status: number): FaultCase => ({
  name: `${status} server error`,
  fault: { type: 'status', status },
  timeoutMs: LONG,
  generate: typed('ApiError', ['server'], true, { status }),
  stream: typed('ApiError', ['server'], true, { status }),
  recovers: { generate: true, stream: true },
});

const malformed = typed('ConnectionError', ['malformed-response'], false);
// A stream that stops early with broken or missing frames: "cut short" and "malformed" are both true.
const brokenStream: Outcome = {
  ok: false,
  name: 'ConnectionError',
  codes: ['malformed-response', 'connection'],
};

/** Every fault the issue names, and a few neighbours. */
export const faultCases: readonly FaultCase[] = [
  {
    name: '429 with Retry-After',
    fault: { type: 'status', status: 429, retryAfter: '0.2' },
    timeoutMs: LONG,
    generate: typed('ApiError', ['rate-limit'], true, { status: 429, retryAfterMs: 200 }),
    stream: typed('ApiError', ['rate-limit'], true, { status: 429, retryAfterMs: 200 }),
    recovers: { generate: true, stream: true },
  },
  {
    name: '429 without Retry-After',
    fault: { type: 'status', status: 429 },
    timeoutMs: LONG,
    generate: typed('ApiError', ['rate-limit'], true, { status: 429, retryAfterMs: undefined }),
    stream: typed('ApiError', ['rate-limit'], true, { status: 429, retryAfterMs: undefined }),
    recovers: { generate: true, stream: true },
  },
  server(500),
  server(502),
  server(503),
  {
    name: 'slow first byte past the start timeout',
    // 2 s against a 500 ms start timeout: the timeout fires; the retry (and the next call) must answer within
    // 500 ms, which leaves room on a loaded CI machine.
    fault: { type: 'slow-first-byte', delayMs: 2_000 },
    timeoutMs: 500,
    generate: typed('ConnectionError', ['timeout'], true),
    stream: typed('ConnectionError', ['timeout'], true),
    recovers: { generate: true, stream: true },
  },
  {
    name: 'slow first byte within the start timeout',
    fault: { type: 'slow-first-byte', delayMs: 100 },
    timeoutMs: LONG,
    generate: { ok: true },
    stream: { ok: true },
    recovers: { generate: true, stream: true },
  },
  {
    name: 'connection cut after two stream frames',
    fault: { type: 'cut-mid-stream', afterChunks: 2 },
    timeoutMs: LONG,
    generate: typed('ConnectionError', ['connection'], true),
    // Text was already delivered: replaying the stream would duplicate it, so it is not retried, and the
    // error says so (retryable false) in both adapters.
    stream: typed('ConnectionError', ['connection'], false),
    recovers: { generate: true, stream: false },
  },
  {
    name: 'connection cut before the first frame',
    fault: { type: 'cut-mid-stream', afterChunks: 0 },
    timeoutMs: LONG,
    generate: typed('ConnectionError', ['connection'], true),
    stream: typed('ConnectionError', ['connection'], true),
    recovers: { generate: true, stream: true },
  },
  {
    name: 'malformed JSON',
    fault: { type: 'malformed-json' },
    timeoutMs: LONG,
    generate: malformed,
    stream: malformed,
    recovers: { generate: false, stream: false },
  },
  {
    name: 'truncated JSON',
    fault: { type: 'truncated-json' },
    timeoutMs: LONG,
    generate: malformed,
    stream: brokenStream,
    recovers: { generate: false, stream: false },
  },
  {
    name: 'malformed SSE',
    fault: { type: 'malformed-sse' },
    timeoutMs: LONG,
    generate: malformed,
    stream: brokenStream,
    recovers: { generate: false, stream: false },
  },
  {
    name: 'empty body',
    fault: { type: 'empty-body' },
    timeoutMs: LONG,
    generate: malformed,
    stream: brokenStream,
    recovers: { generate: false, stream: false },
  },
  {
    name: 'wrong content type (HTML page)',
    fault: { type: 'wrong-content-type' },
    timeoutMs: LONG,
    generate: malformed,
    stream: malformed,
    recovers: { generate: false, stream: false },
  },
  {
    name: '200 without usage',
    fault: { type: 'no-usage' },
    timeoutMs: LONG,
    generate: { ok: true },
    stream: { ok: true },
    recovers: { generate: true, stream: true },
  },
];

/**
 * Carries each SDK call's abort signal to the fetcher. The SDK hands its fetcher a clone of a `Request` built
 * with our signal, and a `Request`'s signal follows its parent only while an internal `AbortController` is
 * alive, which undici holds weakly: after a garbage collection an abort can miss the fetcher, leaving the
 * socket open. So each call is tagged with a header; the fetcher looks the signal up, strips the tag, and
 * passes the signal on explicitly, as `fetch(request, { signal })`.
 * @module
 */

const TAG = 'x-dragoman-call';

/** A fetch that takes the SDK's `Request` and, optionally, the call's own signal. */
export type SignalledFetch = (request: Request, init?: { signal: AbortSignal }) => Promise<Response>;

/** The calls in flight of one SDK client. */
export interface CallSignals {
  /** Registers a call's signal; its request options carry `headers`. Call `release(id)` once it settled. */
  tag(signal: AbortSignal): { id: string; headers: Record<string, string> };
  release(id: string): void;
  /** Wraps `fetch` so it receives the tagged call's signal and never sends the tag. */
  fetcher(fetch: SignalledFetch): (request: Request) => Promise<Response>;
}

/** Creates the registry of one SDK client (no global state). */
export function createCallSignals(): CallSignals {
  const signals = new Map<string, AbortSignal>();
  let next = 0;
  return {
    tag(signal) {
      const id = String(++next);
      signals.set(id, signal);
      return { id, headers: { [TAG]: id } };
    },
    release(id) {
      signals.delete(id);
    },
    fetcher(fetch) {
      return (request) => {
        const id = request.headers.get(TAG);
        if (id === null) return fetch(request);
        request.headers.delete(TAG);
        const signal = signals.get(id);
        return signal === undefined ? fetch(request) : fetch(request, { signal });
      };
    },
  };
}

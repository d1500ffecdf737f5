import { describe, expect, it } from 'vitest';
import { completions } from '../../src/agent/completions.js';
import { trackUnhandledRejections } from './unhandled-rejections.js';

function deferred<Value>() {
  let resolve!: (value: Value) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<Value>((done, fail) => {
    resolve = done;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/** Items that each finish when the test says so; `started` lists the indexes `map` was called with. */
function controlled(count: number) {
  const gates = Array.from({ length: count }, () => deferred<string>());
  const started: number[] = [];
  const map = (_item: number, index: number) => {
    started.push(index);
    return gates[index]!.promise;
  };
  return { items: gates.map((_gate, index) => index), gates, started, map };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('completions', () => {
  const unhandled = trackUnhandledRejections();

  it('hands back indexes in the order the items finish, with each result at its index', async () => {
    const { items, gates, map } = controlled(3);
    const running = completions(items, 3, map);
    const first = running.next();
    gates[2]!.resolve('c');
    expect(await first).toBe(2);
    gates[0]!.resolve('a');
    gates[1]!.resolve('b');
    await settle();
    expect([await running.next(), await running.next()]).toEqual([0, 1]);
    expect(running.results).toEqual(['a', 'b', 'c']);
  });

  it('runs at most `concurrency` items at a time, starting them in input order', async () => {
    const { items, gates, started, map } = controlled(4);
    const running = completions(items, 2, map);
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve('b');
    expect(await running.next()).toBe(1);
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve('a');
    expect(await running.next()).toBe(0);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('rejects with the first error, pending or not, and leaves later errors handled', async () => {
    const { items, gates, started, map } = controlled(4);
    const running = completions(items, 3, map);
    const waiting = running.next();
    gates[1]!.reject(new Error('first'));
    await expect(waiting).rejects.toThrow('first');
    gates[0]!.reject(new Error('second'));
    gates[2]!.resolve('c');
    await settle();
    await expect(running.next()).rejects.toThrow('first');
    expect(started).toEqual([0, 1, 2]);
    expect(unhandled).toEqual([]);
  });

  it('starts no further item after stop()', async () => {
    const { items, gates, started, map } = controlled(3);
    const running = completions(items, 1, map);
    running.stop();
    gates[0]!.reject(new Error('dropped'));
    await settle();
    expect(started).toEqual([0]);
    expect(unhandled).toEqual([]);
  });
});

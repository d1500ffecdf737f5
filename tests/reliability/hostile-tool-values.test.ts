/**
 * Values a tool returns or throws that resist being turned into text end as a tool result the model reads,
 * never as a crashed run: null-prototype objects, throwing `toString`, `toJSON` or `message`, revoked
 * Proxies, and a throwing `then` getter.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAgent, run } from '../../src/agent/index.js';
import type { ToolMessage } from '../../src/models/types.js';
import { FakeModel } from '../../src/testing/fake-model.js';
import { tool } from '../../src/tools/index.js';

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

const hostile: Array<[string, () => unknown]> = [
  ['returns a null-prototype object holding a BigInt', () => Object.assign(Object.create(null), { n: 1n })],
  [
    'returns an object whose toJSON and toString throw',
    () => ({
      toJSON() {
        throw new Error('no json');
      },
      toString() {
        throw new Error('no string');
      },
    }),
  ],
  ['returns a revoked Proxy', revoked],
  [
    'returns an object with a throwing then getter',
    () => ({
      // biome-ignore lint/suspicious/noThenProperty: a hostile thenable is the case under test
      get then() {
        throw new Error('then getter');
      },
    }),
  ],
  ['resolves to a revoked Proxy', async () => revoked()],
  [
    'throws a null-prototype object',
    () => {
      throw Object.create(null);
    },
  ],
  [
    'throws an Error whose message getter throws',
    () => {
      const error = new Error('x');
      Object.defineProperty(error, 'message', {
        get() {
          throw new Error('message getter');
        },
      });
      throw error;
    },
  ],
  [
    'throws a revoked Proxy',
    () => {
      throw revoked();
    },
  ],
  [
    'rejects with an object whose toString throws',
    async () => {
      throw {
        toString() {
          throw new Error('no string');
        },
      };
    },
  ],
];

describe('hostile tool values', () => {
  it.each(hostile)(
    'a tool that %s gives the model a tool result and the run completes',
    async (_, execute) => {
      const model = new FakeModel({
        steps: [{ toolCalls: [{ name: 'odd', arguments: {} }] }, { text: 'done' }],
      });
      const agent = defineAgent({
        name: 'hostile',
        model,
        tools: {
          odd: tool({ description: 'odd', parameters: z.object({}), execute: execute as () => string }),
        },
      });
      const result = await run(agent, 'go');
      expect(result.status).toBe('complete');
      const toolMessage = result.newMessages.find(
        (message): message is ToolMessage => message.role === 'tool',
      );
      expect(typeof toolMessage?.content).toBe('string');
    },
  );
});

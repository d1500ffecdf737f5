/**
 * The main entry exports the documented API, not internals. Adding or removing a public name is a
 * decision: update this list and the docs together.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type * as dragoman from '../../src/index.js';

type Public = typeof dragoman;

describe('the public surface of dragoman', () => {
  it('has the documented entry points', () => {
    expectTypeOf<Public>().toHaveProperty('defineAgent');
    expectTypeOf<Public>().toHaveProperty('run');
    expectTypeOf<Public>().toHaveProperty('stream');
    expectTypeOf<Public>().toHaveProperty('tool');
    expectTypeOf<Public>().toHaveProperty('toolContent');
    expectTypeOf<Public>().toHaveProperty('createRouter');
    expectTypeOf<Public>().toHaveProperty('createMistral');
    expectTypeOf<Public>().toHaveProperty('openaiCompatible');
    expectTypeOf<Public>().toHaveProperty('InMemoryStore');
    expectTypeOf<Public>().toHaveProperty('fitContext');
    expectTypeOf<Public>().toHaveProperty('createTokenCounter');
    expectTypeOf<Public>().toHaveProperty('isDragomanError');
    expectTypeOf<Public>().toHaveProperty('DEFAULT_RESPONSE_LIMITS');
  });

  it('keeps internals and Node-only parts out', () => {
    expectTypeOf<Public>().not.toHaveProperty('safetyMargin');
    expectTypeOf<Public>().not.toHaveProperty('validateSessionId');
    expectTypeOf<Public>().not.toHaveProperty('MAX_SESSION_ID_LENGTH');
    expectTypeOf<Public>().not.toHaveProperty('abortErrorFrom');
    // The default policy's pure function and the router's history reader are internals of createRouter:
    // the docs promise createRouter, select() and explain(), not these.
    expectTypeOf<Public>().not.toHaveProperty('decideRoute');
    expectTypeOf<Public>().not.toHaveProperty('previousRouteOf');
    expectTypeOf<Public>().not.toHaveProperty('createNodeFetch');
    expectTypeOf<Public>().not.toHaveProperty('JsonlFileStore');
    expectTypeOf<Public>().not.toHaveProperty('workspaceTools');
  });

  it('types the options of the one transport', () => {
    expectTypeOf<dragoman.ResponseLimits>().toEqualTypeOf<{
      maxResponseBytes?: number;
      idleTimeoutMs?: number;
      totalTimeoutMs?: number;
    }>();
    expectTypeOf<dragoman.MistralProviderOptions['limits']>().toEqualTypeOf<
      dragoman.ResponseLimits | undefined
    >();
    expectTypeOf<dragoman.FetchFunction>().toEqualTypeOf<
      (input: string, init: RequestInit) => Promise<Response>
    >();
  });
});

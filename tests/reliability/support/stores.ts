/**
 * The memory stores a session scenario runs against. Each factory returns a fresh, empty store and a
 * cleanup function.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InMemoryStore } from '../../../src/memory/index.js';
import type { MemoryStore } from '../../../src/memory/types.js';
import { JsonlFileStore } from '../../../src/node/index.js';

/** A fresh store and how to remove what it left on disk. */
export interface StoreFixture {
  store: MemoryStore;
  cleanup(): Promise<void>;
}

/** A named way to make a {@link StoreFixture}. */
export interface StoreFactory {
  name: string;
  create(): Promise<StoreFixture>;
}

/** A temporary folder under the OS temp dir, removed by the returned cleanup. */
export async function temporaryDirectory(
  prefix: string,
): Promise<{ directory: string; cleanup(): Promise<void> }> {
  const directory = await mkdtemp(path.join(tmpdir(), `dragoman-${prefix}-`));
  return { directory, cleanup: () => rm(directory, { recursive: true, force: true }) };
}

/** Opens (a fresh instance of) the JSONL file store in `directory`. */
export function openFileStore(directory: string): MemoryStore {
  return new JsonlFileStore({ directory });
}

/** Both stores: the in-memory one and the JSONL file store in a temporary folder. */
export function storeFactories(): StoreFactory[] {
  return [
    { name: 'InMemoryStore', create: async () => ({ store: new InMemoryStore(), cleanup: async () => {} }) },
    {
      name: 'JsonlFileStore',
      create: async () => {
        const { directory, cleanup } = await temporaryDirectory('store');
        return { store: openFileStore(directory), cleanup };
      },
    },
  ];
}

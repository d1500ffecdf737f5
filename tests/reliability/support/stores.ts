/**
 * The memory stores a session scenario runs against. Each factory returns a fresh, empty store and a
 * cleanup function.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as memory from '../../../src/memory/index.js';
import type { MemoryStore } from '../../../src/memory/types.js';

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

type FileStoreConstructor = new (options: { directory: string }) => MemoryStore;

/** The JSONL file store, when the memory module exports it (it lands separately). */
export function fileStoreClass(): FileStoreConstructor | undefined {
  return (memory as Record<string, unknown>).JsonlFileStore as FileStoreConstructor | undefined;
}

/** A temporary folder under the OS temp dir, removed by the returned cleanup. */
export async function temporaryDirectory(
  prefix: string,
): Promise<{ directory: string; cleanup(): Promise<void> }> {
  const directory = await mkdtemp(path.join(tmpdir(), `dragoman-${prefix}-`));
  return { directory, cleanup: () => rm(directory, { recursive: true, force: true }) };
}

/** In-memory always; the JSONL file store too once it exists. */
export function storeFactories(): StoreFactory[] {
  const factories: StoreFactory[] = [
    {
      name: 'InMemoryStore',
      create: async () => ({ store: new memory.InMemoryStore(), cleanup: async () => {} }),
    },
  ];
  const FileStore = fileStoreClass();
  if (FileStore) {
    factories.push({
      name: 'JsonlFileStore',
      create: async () => {
        const { directory, cleanup } = await temporaryDirectory('store');
        return { store: new FileStore({ directory }), cleanup };
      },
    });
  }
  return factories;
}

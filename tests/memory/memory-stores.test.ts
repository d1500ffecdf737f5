import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { InMemoryStore } from '../../src/memory/index.js';
import { JsonlFileStore } from '../../src/node/index.js';
import { describeMemoryStoreContract } from './support/memory-store-contract.js';

const directories: string[] = [];
afterAll(async () => {
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

describeMemoryStoreContract('InMemoryStore', () => new InMemoryStore());

describeMemoryStoreContract('JsonlFileStore', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'dragoman-store-'));
  directories.push(directory);
  return new JsonlFileStore({ directory: join(directory, 'sessions') });
});

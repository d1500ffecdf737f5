/**
 * `import 'dragoman'` stays small: it never loads an integration subpath (mcp, otel, redis, web, node), the
 * test kit (its ajv request validator) nor any optional peer dependency. A child process records every
 * module it resolves; the control imports of each subpath show the check sees what that subpath loads.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hook = fileURLToPath(new URL('./fixtures/log-imports.mjs', import.meta.url));

async function modulesLoadedBy(entry: string): Promise<string[]> {
  const log = join(mkdtempSync(join(tmpdir(), 'dragoman-imports-')), 'imports.txt');
  const code = `await import(${JSON.stringify(join(root, entry))});`;
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--import', hook, '--input-type=module', '-e', code],
    { cwd: root, env: { ...process.env, IMPORT_LOG: log } },
  );
  return readFileSync(log, 'utf8').trim().split('\n');
}

/**
 * What each subpath brings in: its own folder and, for some, an optional peer dependency at import time
 * (dragoman/redis loads ioredis and bullmq lazily, on first connect).
 */
const subpaths = [
  { entry: 'src/mcp/index.ts', folder: '/src/mcp/', peer: '/node_modules/@modelcontextprotocol/sdk/' },
  { entry: 'src/otel/index.ts', folder: '/src/otel/', peer: '/node_modules/@opentelemetry/api/' },
  { entry: 'src/redis/index.ts', folder: '/src/redis/', peer: undefined },
  { entry: 'src/web/index.ts', folder: '/src/web/', peer: undefined },
  { entry: 'src/node/index.ts', folder: '/src/node/', peer: undefined },
  { entry: 'src/testing/index.ts', folder: '/src/testing/', peer: '/node_modules/ajv/' },
];

describe('import isolation', () => {
  it('importing dragoman loads no integration subpath and no optional peer dependency', async () => {
    const loaded = await modulesLoadedBy('src/index.ts');
    expect(loaded.some((url) => url.includes('/src/agent/'))).toBe(true);
    for (const { folder, peer } of subpaths) {
      expect(loaded.filter((url) => url.includes(folder))).toEqual([]);
      if (peer) expect(loaded.filter((url) => url.includes(peer))).toEqual([]);
    }
    expect(loaded.filter((url) => /\/node_modules\/(ioredis|bullmq)\//.test(url))).toEqual([]);
    // The request validator and the OpenAPI schemas serve only dragoman/testing's mock server.
    expect(
      loaded.filter((url) => url.includes('/node_modules/ajv/') || url.includes('/src/testing/')),
    ).toEqual([]);
  });

  it.each(subpaths)(
    'importing $entry loads its own folder and peer (the check sees them)',
    async (subpath) => {
      const loaded = await modulesLoadedBy(subpath.entry);
      expect(loaded.some((url) => url.includes(subpath.folder))).toBe(true);
      if (subpath.peer) expect(loaded.some((url) => url.includes(subpath.peer))).toBe(true);
    },
  );
});

/**
 * `import 'dragoman'` must never load the MCP SDK (an optional peer dependency of `dragoman/mcp` only).
 * A child process records every module it resolves; the control import of `src/mcp` shows the check sees it.
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
    {
      cwd: root,
      env: { ...process.env, IMPORT_LOG: log },
    },
  );
  return readFileSync(log, 'utf8').trim().split('\n');
}

describe('import isolation', () => {
  it('importing dragoman does not load @modelcontextprotocol/sdk', async () => {
    const loaded = await modulesLoadedBy('src/index.ts');
    expect(loaded.some((url) => url.includes('/src/agent/'))).toBe(true);
    expect(loaded.filter((url) => url.includes('@modelcontextprotocol'))).toEqual([]);
  });

  it('importing dragoman/mcp does load it (the check sees SDK imports)', async () => {
    const loaded = await modulesLoadedBy('src/mcp/index.ts');
    expect(loaded.some((url) => url.includes('@modelcontextprotocol/sdk'))).toBe(true);
  });
});

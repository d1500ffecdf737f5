/**
 * Without @opentelemetry/api installed, 'dragoman' imports and runs agents: nothing outside src/otel imports
 * it, and a process where every @opentelemetry import fails still runs a traced-looking agent to the end.
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('dragoman without @opentelemetry/api', () => {
  it('has no @opentelemetry import outside src/otel', async () => {
    const files = (await readdir(path.join(root, 'src'), { recursive: true })).filter(
      (file) => file.endsWith('.ts') && !file.startsWith(`otel${path.sep}`),
    );
    expect(files.length).toBeGreaterThan(50);
    const offenders: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join(root, 'src', file), 'utf8');
      if (/from\s+['"]@opentelemetry\/|import\(\s*['"]@opentelemetry\//u.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it('imports and runs an agent in a process where every @opentelemetry import fails', () => {
    const script = `
      const { defineAgent, run } = await import('./src/index.ts');
      const { FakeModel } = await import('./src/testing/index.ts');
      const agent = defineAgent({ name: 'plain', model: new FakeModel({ steps: [{ text: 'fine' }] }) });
      const result = await run(agent, 'hello', { onEvent: () => {} });
      process.stderr.write('run finished\\n');
      let otel = 'loaded';
      try { await import('./src/otel/index.ts'); } catch (error) { otel = String(error.message); }
      console.log(JSON.stringify({ text: result.text, otel }));
    `;
    const ran = spawnSync(
      process.execPath,
      ['--import', './tests/otel/block-otel.mjs', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    expect(ran.status, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout.trim().split('\n').at(-1)!)).toEqual({
      text: 'fine',
      // The hook works: dragoman/otel itself cannot load here, and says which package is missing.
      otel: expect.stringContaining('@opentelemetry/api'),
    });
    // Nothing tried to reach the package before the deliberate dragoman/otel import.
    const [beforeImport, afterImport] = ran.stderr.split('run finished\n');
    expect(beforeImport).not.toContain('blocked import');
    expect(afterImport).toContain('blocked import: @opentelemetry/api');
  });
});

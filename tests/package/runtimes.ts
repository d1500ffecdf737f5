import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustRun } from './shell.js';

/**
 * Bun and Deno from their npm packages (each ships its binary in a platform package, so no download outside
 * the registry). Pinned to versions whose linux-x64 platform packages the registry has.
 */
const RUNTIMES = { bun: '1.4.4', deno: '2.9.6' } as const;

/** Installs Bun and Deno into their own folder; returns the binaries' paths. */
export function installRuntimes(dir: string): { bun: string; deno: string; installMs: number } {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "name": "runtimes", "private": true }\n');
  const packages = Object.entries(RUNTIMES).map(([name, version]) => `${name}@${version}`);
  const installed = mustRun('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packages], {
    cwd: dir,
  });
  const bin = join(dir, 'node_modules', '.bin');
  return { bun: join(bin, 'bun'), deno: join(bin, 'deno'), installMs: installed.ms };
}

/** Arguments that run the ESM smoke script: Deno reads node_modules (the project has a package.json). */
export const runtimeArgs = {
  bun: ['esm.mjs'],
  deno: ['run', '--allow-all', 'esm.mjs'],
} as const;

import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustRun } from './shell.js';

/** A fresh project outside the repository with the packed tarball installed, as a new user would have it. */
export interface FreshProject {
  dir: string;
  /** Wall time of `npm install <tarball> zod`. */
  installMs: number;
}

/** The version of a package installed in the repository (so the fresh project uses the same one). */
export function installedVersion(root: string, name: string): string {
  const manifest = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
  return (manifest as { version: string }).version;
}

/**
 * Creates `dir` with a bare package.json, copies the smoke files from tests/package/app, and installs the
 * tarball with its peer dependency zod from the npm registry, timing the install.
 */
export function createFreshProject(root: string, dir: string, tarball: string): FreshProject {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'dragoman-package-test', private: true, version: '0.0.0' }, null, 2)}\n`,
  );
  cpSync(join(root, 'tests', 'package', 'app'), dir, { recursive: true });
  const zod = installedVersion(root, 'zod');
  const install = mustRun(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball, `zod@${zod}`],
    { cwd: dir },
  );
  return { dir, installMs: install.ms };
}

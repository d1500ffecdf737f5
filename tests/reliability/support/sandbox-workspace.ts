/**
 * A workspace for sandbox scenarios: `outer/root` is the workspace, `outer/outside/` holds a secret file
 * the tools must never reach, and the root contains symlinks pointing out of it (to the folder, to the
 * file, and to nothing).
 */
import { mkdir, mkdtemp, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The text of the file outside the workspace; it must never show up in anything the model reads. */
export const OUTSIDE_SECRET = 'OUTSIDE-SECRET-7d1c0a';

/** A sandbox scenario's folders. */
export interface SandboxWorkspace {
  outer: string;
  root: string;
  outside: string;
  secretFile: string;
  /** Every file name under `outer`, recursively, to prove nothing was written where it must not be. */
  listAll(): Promise<string[]>;
  remove(): Promise<void>;
}

/** Creates the workspace (with symlinks) under the OS temp dir. */
export async function createSandboxWorkspace(): Promise<SandboxWorkspace> {
  const outer = await realpath(await mkdtemp(path.join(tmpdir(), 'dragoman-sandbox-')));
  const root = path.join(outer, 'root');
  const outside = path.join(outer, 'outside');
  const secretFile = path.join(outside, 'secret.txt');
  await mkdir(path.join(root, 'src'), { recursive: true });
  await mkdir(outside);
  await writeFile(secretFile, `${OUTSIDE_SECRET}\n`);
  await writeFile(path.join(root, 'README.md'), '# Inside\nhello\n');
  await writeFile(path.join(root, 'src', 'index.ts'), 'export const inside = true;\n');
  await symlink(outside, path.join(root, 'outside-dir'));
  await symlink(secretFile, path.join(root, 'secret-link.txt'));
  await symlink(path.join(outer, 'missing'), path.join(root, 'dangling'));
  return {
    outer,
    root,
    outside,
    secretFile,
    async listAll() {
      const entries = await readdir(outer, { recursive: true });
      return entries.map(String).sort();
    },
    remove: () => rm(outer, { recursive: true, force: true }),
  };
}

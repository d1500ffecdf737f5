import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A temporary workspace with a secret file next to it (outside the root) and a few files inside. */
export interface TestWorkspace {
  /** The parent folder, holding `root/` and `secret.txt`. */
  outer: string;
  root: string;
  secret: string;
  remove(): Promise<void>;
}

/** Creates a fresh workspace: root/{README.md, src/index.ts, src/util.ts, node_modules/dep/index.js, .git/HEAD}. */
export async function createTestWorkspace(): Promise<TestWorkspace> {
  const outer = await realpath(await mkdtemp(path.join(tmpdir(), 'dragoman-ws-')));
  const root = path.join(outer, 'root');
  const secret = path.join(outer, 'secret.txt');
  await mkdir(path.join(root, 'src'), { recursive: true });
  await mkdir(path.join(root, 'node_modules', 'dep'), { recursive: true });
  await mkdir(path.join(root, '.git'), { recursive: true });
  await writeFile(secret, 'TOP SECRET\n');
  await writeFile(path.join(root, 'README.md'), '# Demo\nHello world\n');
  await writeFile(
    path.join(root, 'src', 'index.ts'),
    "export const greeting = 'hello';\nexport const answer = 42;\n",
  );
  await writeFile(
    path.join(root, 'src', 'util.ts'),
    'export function add(a: number, b: number) {\n  return a + b;\n}\n',
  );
  await writeFile(path.join(root, 'node_modules', 'dep', 'index.js'), "module.exports = 'hello';\n");
  await writeFile(path.join(root, '.git', 'HEAD'), 'ref: refs/heads/hello\n');
  return { outer, root, secret, remove: () => rm(outer, { recursive: true, force: true }) };
}

/** Creates a symlink inside the workspace pointing at `target`. */
export async function link(root: string, name: string, target: string): Promise<void> {
  await symlink(target, path.join(root, name));
}

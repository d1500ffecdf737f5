import { mustRun } from './shell.js';

/** The packed tarball and what `npm pack` reports about it. */
export interface PackedTarball {
  /** Absolute path of the .tgz. */
  file: string;
  /** Bytes of the .tgz. */
  size: number;
  /** Bytes once unpacked. */
  unpackedSize: number;
  /** Paths inside the package. */
  files: string[];
  /** Wall time of `npm pack`, the `prepack` build included. */
  ms: number;
}

interface NpmPackEntry {
  filename: string;
  size: number;
  unpackedSize: number;
  files: Array<{ path: string }>;
}

/** Packs the repository with `npm pack` (which runs `prepack`, the build) into `destination`. */
export function packRepository(root: string, destination: string): PackedTarball {
  const packed = mustRun('npm', ['pack', '--json', '--pack-destination', destination], { cwd: root });
  // prepack's build logs go to stdout before npm's JSON report: read from the report's opening bracket.
  const [entry] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('\n[') + 1)) as NpmPackEntry[];
  if (!entry) throw new Error(`npm pack printed no report:\n${packed.stdout}`);
  return {
    file: `${destination}/${entry.filename}`,
    size: entry.size,
    unpackedSize: entry.unpackedSize,
    files: entry.files.map((file) => file.path),
    ms: packed.ms,
  };
}

/** Problems with the tarball's contents: what a user needs must be in it, and nothing else. */
export function contentProblems(files: readonly string[]): string[] {
  const problems: string[] = [];
  for (const required of [
    'LICENSE',
    'README.md',
    'package.json',
    'dist/index.js',
    'dist/index.cjs',
    'dist/index.d.ts',
    'dist/index.d.cts',
    'dist/testing/index.js',
    'dist/testing/index.cjs',
    'dist/testing/index.d.ts',
    'dist/testing/index.d.cts',
  ]) {
    if (!files.includes(required)) problems.push(`the tarball has no ${required}`);
  }
  const stray = files.filter((file) => /^(src|tests|examples|bench|scripts|node_modules)\//.test(file));
  if (stray.length > 0)
    problems.push(`the tarball ships files it should not: ${stray.slice(0, 5).join(', ')}`);
  return problems;
}

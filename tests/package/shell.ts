import { spawnSync } from 'node:child_process';

/** What one command did: its output, exit code and wall time. */
export interface CommandRun {
  stdout: string;
  stderr: string;
  status: number | null;
  ms: number;
}

/** Runs a command to the end (no shell), timing it. Never throws; the caller checks `status`. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): CommandRun {
  const started = performance.now();
  const child = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const stderr = child.error ? `${child.stderr ?? ''}${child.error.message}` : (child.stderr ?? '');
  return { stdout: child.stdout ?? '', stderr, status: child.status, ms: performance.now() - started };
}

/** Like {@link runCommand}, but throws with the command's output when it fails. */
export function mustRun(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): CommandRun {
  const result = runCommand(command, args, options);
  if (result.status !== 0) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` exited with ${result.status} in ${options.cwd}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

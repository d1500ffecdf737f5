/**
 * Ctrl+C in the coding helper as a real process: SIGINT at an approval prompt ends the session with
 * "Interrupted." and exit code 130 (the default SIGINT death printed nothing and skipped the cleanup).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const mainPath = fileURLToPath(new URL('../../examples/coding-helper/main.ts', import.meta.url));

describe('coding helper, Ctrl+C', () => {
  it('stops with "Interrupted." and exit code 130', async () => {
    const { MISTRAL_API_KEY: _key, ...env } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', mainPath], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const prompted = new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk;
        if (stdout.includes('[y/N] ')) resolve();
      }),
    );
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.once('exit', (code, signal) => resolve([code, signal])),
    );
    await prompted;
    child.kill('SIGINT');
    const [code, signal] = await exited;
    child.stdin.end();
    expect({ code, signal, stderr }).toEqual({ code: 130, signal: null, stderr: '' });
    expect(stdout.trimEnd().endsWith('Interrupted.')).toBe(true);
  }, 60_000);
});

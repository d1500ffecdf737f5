import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const main = fileURLToPath(new URL('../../examples/redis-fleet/main.ts', import.meta.url));

it('continues one conversation across two worker processes on one Redis, offline', () => {
  const env = { ...process.env };
  delete env['REDIS_URL'];
  const result = spawnSync(process.execPath, ['--import', 'tsx', main], {
    env,
    encoding: 'utf8',
    timeout: 110_000,
  });
  expect(result.status, result.stderr).toBe(0);
  expect(result.stdout.match(/^assistant> .*You said: /gm)).toHaveLength(3);
  expect(result.stdout.match(/\[worker \d+\] took run/g)).toHaveLength(3);
  expect(result.stdout).toContain('The session in Redis holds 6 messages');
}, 120_000);

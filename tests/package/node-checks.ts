import { median, mustRun, runCommand } from './shell.js';

/** What the ESM and CJS smoke scripts print. */
export interface SmokeReport {
  module: string;
  exact: boolean;
  tokens: number;
  status: string;
  output: unknown;
  toolResult: unknown;
  streamed: string;
}

/** Runs one smoke script with `runtime` (node, bun, deno ...) and parses the JSON line it prints. */
export function runSmoke(dir: string, runtime: string, args: readonly string[]): SmokeReport {
  const ran = mustRun(runtime, args, { cwd: dir, timeoutMs: 120_000 });
  const line = ran.stdout.trim().split('\n').at(-1) ?? '';
  return { ...(JSON.parse(line) as SmokeReport), stderr: ran.stderr } as SmokeReport & { stderr: string };
}

/** What a smoke report must say: exact counting on, the agent ran its tool, the wire stream arrived. */
export function smokeProblems(name: string, report: SmokeReport & { stderr?: string }): string[] {
  const problems: string[] = [];
  if (report.exact !== true) problems.push(`${name}: exact Tekken counting is off (exact: ${report.exact})`);
  // Tekken (240718) splits this French sentence into 7 tokens; the estimator says 6.
  if (report.tokens !== 7) problems.push(`${name}: counted ${report.tokens} tokens, Tekken counts 7`);
  if (report.status !== 'complete' || report.output !== 'The sum is 5.' || report.toolResult !== '5') {
    problems.push(`${name}: the FakeModel agent did not run as scripted: ${JSON.stringify(report)}`);
  }
  if (report.streamed !== 'Bonjour !')
    problems.push(`${name}: streamed "${report.streamed}" from the mock server`);
  if (report.stderr?.trim()) problems.push(`${name}: wrote to stderr: ${report.stderr.trim().slice(0, 300)}`);
  return problems;
}

/** Cold import: a new process that imports the package and exits, median of `rounds`, minus bare node. */
export function coldImport(dir: string, rounds = 5): { esmMs: number; cjsMs: number; nodeMs: number } {
  const time = (args: string[]) => {
    const runs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const ran = runCommand(process.execPath, args, { cwd: dir });
      if (ran.status !== 0) throw new Error(`cold import failed: ${ran.stderr}`);
      runs.push(ran.ms);
    }
    return median(runs);
  };
  const nodeMs = time(['-e', '0']);
  return {
    nodeMs,
    esmMs: time(['--input-type=module', '-e', "import 'dragoman';"]),
    cjsMs: time(['-e', "require('dragoman');"]),
  };
}

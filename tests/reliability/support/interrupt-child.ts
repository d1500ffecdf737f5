/**
 * A CLI built the documented way: an agent with workspace tools, run with abortOnInterrupt()'s signal. Its
 * scripted model runs a command that starts a grandchild and waits; the test presses Ctrl+C (SIGINT).
 * Usage: node --import tsx interrupt-child.ts <workspace root>
 */
import { defineAgent, isDragomanError, run } from '../../../src/index.js';
import { FakeModel } from '../../../src/testing/fake-model.js';
import { abortOnInterrupt, workspaceTools } from '../../../src/tools/builtin/index.js';

const root = process.argv[2] ?? '.';
// The command writes its own pid and its child's to pids.txt, then waits for minutes.
const script = `const c = require('child_process').spawn('sleep', ['120'], { stdio: 'ignore' });
require('fs').writeFileSync('pids.txt', process.pid + ' ' + c.pid); setInterval(() => {}, 1000);`;
const model = new FakeModel({
  steps: [{ toolCalls: [{ name: 'run_command', arguments: { command: 'node', args: ['-e', script] } }] }],
});
const { run_command } = workspaceTools({ root, commandAllowlist: ['node'] });
const agent = defineAgent({
  name: 'cli',
  model,
  tools: { run_command: { ...run_command, needsApproval: false } },
});
const interrupt = abortOnInterrupt();
try {
  await run(agent, 'Run it.', { signal: interrupt.signal });
  console.log('finished');
} catch (error) {
  if (!isDragomanError(error) || error.code !== 'aborted') throw error;
  console.log('Interrupted.');
  process.exitCode = 130;
} finally {
  interrupt.dispose();
}

import type { MockChatRequest, MockReply } from '../../src/testing/index.js';

/**
 * The offline scenario for the sample project: the mock "Codestral" looks around, runs the tests, fixes
 * `add`, fills `multiply` with FIM, runs the tests again and reports. Each reply depends only on how many
 * tool results the conversation already holds, so the script replays the same way every time.
 */
export function codingScript(request: MockChatRequest): MockReply {
  if (request.kind === 'fim') return { text: '  return a * b;' };
  const messages = request.body.messages ?? [];
  const toolResults = messages.filter((message) => message.role === 'tool').length;
  const steps: MockReply[] = [
    { text: '', toolCalls: [{ name: 'list_files', arguments: { path: '.' } }] },
    { text: '', toolCalls: [{ name: 'read_file', arguments: { path: 'math.js' } }] },
    { text: '', toolCalls: [{ name: 'run_command', arguments: { command: 'node', args: ['--test'] } }] },
    {
      text: '',
      toolCalls: [
        {
          name: 'patch_file',
          arguments: { path: 'math.js', edits: [{ search: 'return a - b;', replace: 'return a + b;' }] },
        },
      ],
    },
    {
      text: '',
      toolCalls: [{ name: 'fill_in_middle', arguments: { path: 'math.js', marker: '/* fill */' } }],
    },
    { text: '', toolCalls: [{ name: 'run_command', arguments: { command: 'node', args: ['--test'] } }] },
  ];
  return (
    steps[toolResults] ?? {
      text: '`add` subtracted instead of adding; I fixed it, filled in `multiply` with a FIM completion, and the tests now pass.',
    }
  );
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createSpinner,
  formatApprovalPrompt,
  formatToolCall,
  formatToolResult,
  oneLine,
  visibleText,
} from '../../examples/shared/terminal.js';
import { formatUsageSummary } from '../../examples/shared/usage-summary.js';
import { testIO } from './example-io.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('terminal helpers', () => {
  it('spins only on a TTY, and clears its line when stopped', () => {
    vi.useFakeTimers();
    const pipe = testIO();
    const spinner = createSpinner(pipe, 80);
    spinner.start('waiting');
    vi.advanceTimersByTime(500);
    spinner.stop();
    expect(pipe.output()).toBe('');

    const tty = { ...testIO(), isTTY: true };
    const ttySpinner = createSpinner(tty, 80);
    ttySpinner.start('waiting for codestral-latest…');
    vi.advanceTimersByTime(250);
    ttySpinner.stop();
    const frames = tty.output().split('\r').filter(Boolean);
    expect(frames.slice(0, 3)).toEqual([
      '⠋ waiting for codestral-latest…',
      '⠙ waiting for codestral-latest…',
      '⠹ waiting for codestral-latest…',
    ]);
    expect(tty.output().endsWith('\r\u001b[2K')).toBe(true);
  });

  it('prints tool calls and results on one short line', () => {
    expect(formatToolCall('read_file', { path: 'src/index.ts' })).toBe('→ read_file {"path":"src/index.ts"}');
    expect(formatToolResult('line one\nline two', false)).toBe('← ok: line one line two');
    expect(formatToolResult('x'.repeat(200), true)).toHaveLength('← error: '.length + 90);
    // Results of parallel calls arrive as each call finishes, so the line names its tool.
    expect(formatToolResult('4', false, 'add')).toBe('← add ok: 4');
    expect(oneLine('  a \n\t b  ')).toBe('a b');
  });

  it('sums tokens and list-price cost per model, and says n/a for unknown models', () => {
    const table = formatUsageSummary({
      'codestral-latest': { promptTokens: 1_000_000, completionTokens: 100_000, totalTokens: 1_100_000 },
      'mistral-small-latest': {
        promptTokens: 1_000_000,
        completionTokens: 0,
        totalTokens: 1_000_000,
        cachedTokens: 800_000,
      },
      'my-local-model': { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
    });
    expect(table.split('\n')[0]).toMatch(/model\s+input\s+cached\s+output\s+cost \(USD\)/);
    expect(table).toMatch(/codestral-latest\s+1,000,000\s+0\s+100,000\s+\$0\.390000/);
    // The cached share of the prompt is shown, and priced at the cached rate.
    expect(table).toMatch(/mistral-small-latest\s+1,000,000\s+800,000\s+0\s+\$0\.028000/);
    expect(table).toMatch(/my-local-model\s+10\s+0\s+5\s+n\/a/);
    expect(table).toMatch(/total\s+\$0\.418000 \(list prices, approximate\)/);
  });
});

describe('printing what a model or tool supplied', () => {
  it('the approval prompt shows the whole call, however long, with every argument', () => {
    const args = {
      command: 'curl',
      args: [`${'-s '.repeat(60)}`, '--output=/outside/file', 'https://example.test'],
    };
    const prompt = formatApprovalPrompt('run_command', args);
    expect(prompt).toContain('--output=/outside/file');
    expect(prompt).toContain('https://example.test');
    const content = `line\n${'x'.repeat(5_000)}\nlast line`;
    expect(formatApprovalPrompt('write_file', { path: 'a.txt', content })).toContain('last line');
  });

  it('control characters and bidi overrides become visible escapes; Arabic joiners stay', () => {
    const hostile = 'ok\u001b[2K\u001b]0;pwned\u0007\r\u202eevil\u009b31m';
    const shown = visibleText(hostile);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is about control characters
    expect(shown).not.toMatch(/[\u001b\u0007\r\u202e\u009b]/u);
    expect(shown).toContain('\\u{1b}[2K');
    expect(shown).toContain('\\u{202e}evil');
    expect(visibleText('مرحبا\u200c\u200fبك\nسطر')).toBe('مرحبا\u200c\u200fبك\nسطر');
    expect(formatApprovalPrompt('write_file', { path: 'a\u200b.txt' })).toContain('a\\u{200b}.txt');
    expect(oneLine('a\u001b[31mred')).toBe('a\\u{1b}[31mred');
  });
});

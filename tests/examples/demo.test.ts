import { describe, expect, it } from 'vitest';
import { main } from '../../examples/demo.js';
import { testIO } from './example-io.js';

describe('npm run demo (offline, mock server)', () => {
  it('touches all three routes, calls a tool, sends an image, trims the context, and prints each route decision', async () => {
    const io = testIO();
    expect(await main(io)).toBe(0);
    const output = io.output();
    expect(output.split('\n')[0]).toMatch(
      /^No MISTRAL_API_KEY: running offline against the local mock server/,
    );
    const routes = new Set([...output.matchAll(/^\[route\] (\w+) → /gmu)].map((match) => match[1]));
    expect(routes).toEqual(new Set(['general', 'arabic', 'code']));
    expect(output).toMatch(/\[route\] general → mistral-small-latest \(turn has 1 image/);
    expect(output).toContain('→ convert_date {"hijri":"1448-09-01","calendar":"umalqura"}');
    expect(output).toContain('يوافق ١ رمضان ١٤٤٨ هـ يوم ٢٠٢٧-٠٢-٠٨');
    expect(output).toMatch(/\[context\] kept \d+, shortened \d+, dropped [1-9]\d* messages/);
    expect(output).toContain('upstream timeouts calling payments.internal:8443');
    expect(output).toMatch(/codestral-latest\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+\$/);
  }, 60_000);

  it('prints the span tree of the tour with DRAGOMAN_TRACE=1 (the walkthrough in docs/observability.md)', async () => {
    const io = testIO([], { DRAGOMAN_TRACE: '1' });
    expect(await main(io)).toBe(0);
    const spans = io.output().split('\nSpans:\n')[1] ?? '';
    const names = spans.split('\n').map((line) => line.split('  ')[0]?.trimEnd() ?? '');
    expect(names.filter((name) => name === 'invoke_agent tour')).toHaveLength(5);
    expect(spans).toMatch(
      /\n {2}chat mistral-small-2603 .*finish_reasons=\[tool_calls\].*\n {2}execute_tool convert_date/,
    );
    expect(spans).toMatch(/chat codestral-latest .*dragoman\.route=code.*\[context\.trim\]/);
    expect(spans).toMatch(/dragoman\.cost\.usd=0\.\d{6}/);
  }, 60_000);
});

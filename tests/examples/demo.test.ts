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
    expect(output).toMatch(/codestral-latest\s+[\d,]+\s+[\d,]+\s+\$/);
  }, 60_000);
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LRI, PDI } from '../../examples/arabic-assistant/bidi.js';
import { main } from '../../examples/arabic-assistant/main.js';
import { JsonlFileStore } from '../../src/node/index.js';
import { testIO } from './example-io.js';

let memory: string;
beforeEach(async () => {
  memory = await mkdtemp(path.join(tmpdir(), 'dragoman-arabic-test-'));
});
afterEach(() => rm(memory, { recursive: true, force: true }));

describe('Arabic assistant example (offline, mock server)', () => {
  it('routes each turn, keeps Arabic with a prefix, isolates Latin runs, and resumes from the JSONL store', async () => {
    const first = testIO();
    expect(await main(['--memory', memory], first)).toBe(0);
    const output = first.output();
    expect(output.split('\n')[0]).toMatch(
      /^No MISTRAL_API_KEY: running offline against the local mock server/,
    );
    expect(output).toContain(`New session "arabic-assistant-offline", stored in ${memory}.`);
    const routes = [...output.matchAll(/^\[route\] (\w+) → ([\w-]+)/gmu)].map(
      (match) => `${match[1]}:${match[2]}`,
    );
    expect(routes).toEqual([
      'arabic:mistral-small-latest',
      'arabic:mistral-small-latest',
      'general:mistral-small-latest',
      'code:codestral-latest',
      'arabic:mistral-small-latest',
    ]);
    expect(output).toContain('→ convert_date {"gregorian":"2024-03-11","calendar":"umalqura"}');
    expect(output).toContain('"hijriText":"1 رمضان 14');
    expect(output).toMatch(/\[prefix\] the answer began in another language \("Sure! March 11/);
    expect(output).toContain('بالعربية: يوافق ١١ مارس ٢٠٢٤ يوم ١ رمضان ١٤٤٥ هـ');
    expect(output).not.toContain('Sure! March 11, 2024 corresponds to 1 Ramadan');
    expect(output).toContain(`الدالة ${LRI}\`sum\`${PDI} بلغة ${LRI}TypeScript${PDI}:`);
    expect(output).toContain('The capital of Morocco is Rabat.');
    expect(output).toContain('Session "arabic-assistant-offline" now holds 10 messages.');

    const stored = await new JsonlFileStore({ directory: memory }).load('arabic-assistant-offline');
    const answer = stored.find(
      (message) => message.role === 'assistant' && message.content.toString().startsWith('بالعربية'),
    );
    expect(answer).toMatchObject({ meta: { route: 'arabic' } });

    const second = testIO();
    expect(await main(['--memory', memory], second)).toBe(0);
    expect(second.output()).toContain('Resuming session "arabic-assistant-offline" (10 earlier messages');
    expect(second.output()).toContain('now holds 20 messages.');
  }, 60_000);
});

import type { MockChatRequest, MockReply } from '../src/testing/index.js';
import { textOf } from './shared/wire-text.js';
import { imagesOf } from './vision/script.js';

/** A server log long enough to push the demo's deliberately small window into trimming. */
export function demoLog(lines = 100): string {
  const entries: string[] = [];
  for (let index = 0; index < lines; index++) {
    const second = String(index % 60).padStart(2, '0');
    const failing = index > lines - 12;
    entries.push(
      `2026-11-23T10:${String(Math.floor(index / 60)).padStart(2, '0')}:${second}Z ${failing ? 'ERROR' : 'INFO '} api-${index % 3} ` +
        (failing
          ? 'upstream timeout after 30000 ms calling payments.internal:8443'
          : `GET /orders/${1000 + index} 200 ${20 + (index % 17)} ms`),
    );
  }
  return entries.join('\n');
}

/** Scripted replies for the demo tour, chosen by the last user turn (and the tool result, when there is one). */
export function demoScript(request: MockChatRequest): MockReply {
  const messages = request.body.messages ?? [];
  const lastUser = messages.findLast((message) => message.role === 'user');
  const question = textOf(lastUser);
  const toolMessage = messages.at(-1)?.role === 'tool' ? messages.at(-1) : undefined;
  if (imagesOf(request).length > 0) {
    return { text: 'A simple illustration: a blue sky, a yellow sun at the top right, and a green hill.' };
  }
  if (question.includes('رمضان')) {
    if (!toolMessage) return { toolCalls: [{ name: 'convert_date', arguments: { hijri: '١٤٤٨-٠٩-٠١' } }] };
    const result = JSON.parse(textOf(toolMessage)) as { gregorianArabicDigits: string };
    return { text: `يوافق ١ رمضان ١٤٤٨ هـ يوم ${result.gregorianArabicDigits} ميلادي بحسب تقويم أم القرى.` };
  }
  if (question.includes('TypeScript')) {
    return {
      text: [
        '```ts',
        'export function formatDirhams(amount: number): string {',
        "  return new Intl.NumberFormat('fr-MA', { style: 'currency', currency: 'MAD' }).format(amount);",
        '}',
        '```',
      ].join('\n'),
    };
  }
  if (question.includes('log')) {
    return {
      text: 'The last requests failed with upstream timeouts calling payments.internal:8443; check that service.',
    };
  }
  return { text: 'Visit the Jardin Majorelle early in the morning, before the crowds.' };
}

import type { MockChatRequest, MockReply } from '../../src/testing/index.js';
import { textOf } from '../shared/wire-text.js';

/** The turns of the offline demo conversation, typed in for you. */
export const demoTurns: readonly string[] = [
  'ما هو التاريخ الهجري الموافق ١١ مارس ٢٠٢٤؟',
  'What is the capital of Morocco?',
  'اكتب دالة TypeScript تحسب مجموع مصفوفة أرقام',
  'شكراً جزيلاً',
];

/**
 * Scripted replies for the offline demo, chosen by the last user message. The first answer after the date
 * tool drifts into English, as models sometimes do, so the example shows the prefix repair: the second
 * request ends with an assistant `prefix: true` message, and the reply echoes the prefix as La Plateforme does.
 */
export function arabicScript(request: MockChatRequest): MockReply {
  const messages = request.body.messages ?? [];
  const last = messages.at(-1);
  const lastUserIndex = messages.findLastIndex((message) => message.role === 'user');
  const question = textOf(messages[lastUserIndex]);
  const toolResults = messages.slice(lastUserIndex).filter((message) => message.role === 'tool').length;
  if (last?.role === 'assistant' && last.prefix) {
    return { text: `${textOf(last)}يوافق ١١ مارس ٢٠٢٤ يوم ١ رمضان ١٤٤٥ هـ بحسب تقويم أم القرى.` };
  }
  if (question.includes('مارس')) {
    if (toolResults === 0)
      return { toolCalls: [{ name: 'convert_date', arguments: { gregorian: '٢٠٢٤-٠٣-١١' } }] };
    return { text: 'Sure! March 11, 2024 corresponds to 1 Ramadan 1445 AH in the Umm al-Qura calendar.' };
  }
  if (/capital/iu.test(question)) return { text: 'The capital of Morocco is Rabat.' };
  if (question.includes('TypeScript')) {
    return {
      text: [
        'إليك الدالة `sum` بلغة TypeScript:',
        '```ts',
        'export function sum(values: number[]): number {',
        '  return values.reduce((total, value) => total + value, 0);',
        '}',
        '```',
        'تستخدم `reduce` لجمع العناصر، وتعيد 0 لمصفوفة فارغة.',
      ].join('\n'),
    };
  }
  if (/شكر|thank/iu.test(question)) return { text: 'على الرحب والسعة! هل من سؤال آخر؟' };
  // Any other question: say plainly that this is the offline script, not an answer.
  return {
    text: 'هذا خادم تجريبي محلي بردود مكتوبة مسبقاً، ولا يستطيع الإجابة عن سؤالك. (Offline mock with scripted replies: set MISTRAL_API_KEY for a real answer.)',
  };
}

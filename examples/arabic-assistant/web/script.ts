import type { MockChatRequest, MockReply } from '../../../src/testing/index.js';
import { textOf } from '../../shared/wire-text.js';
import { arabicScript } from '../script.js';

/** The calendar question of the offline web demo: a date tool call, then a call that needs approval. */
export const calendarQuestion = 'أضف إلى تقويمي إفطار العائلة يوم ١ رمضان ١٤٤٥';

/**
 * Scripted replies for the offline web chat: the terminal demo's turns, plus a calendar turn that converts
 * the Hijri date, asks to add the event (the user approves or denies in the page), then answers. Text
 * streams in small pieces with a short pause, so the page visibly streams.
 */
export function webChatScript(request: MockChatRequest): MockReply {
  const messages = request.body.messages ?? [];
  const lastUserIndex = messages.findLastIndex((message) => message.role === 'user');
  const question = textOf(messages[lastUserIndex]);
  const paced = { chunkSize: 6, chunkDelayMs: 15 };
  if (!question.includes('تقويم')) return { ...paced, ...arabicScript(request) };
  const results = messages.slice(lastUserIndex).filter((message) => message.role === 'tool');
  if (results.length === 0) {
    return {
      ...paced,
      text: 'سأحوّل التاريخ الهجري إلى الميلادي أولاً.',
      toolCalls: [{ name: 'convert_date', arguments: { hijri: '١٤٤٥-٠٩-٠١' } }],
    };
  }
  if (results.length === 1) {
    return {
      toolCalls: [{ name: 'add_calendar_event', arguments: { title: 'إفطار العائلة', date: '2024-03-11' } }],
    };
  }
  if (textOf(results.at(-1)).includes('rejected')) {
    return { ...paced, text: 'حسناً، لم أُضف الموعد إلى تقويمك.' };
  }
  return {
    ...paced,
    text: 'تمت إضافة «إفطار العائلة» إلى تقويمك يوم ١١ مارس ٢٠٢٤، الموافق ١ رمضان ١٤٤٥ هـ.',
  };
}

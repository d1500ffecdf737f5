import { z } from 'zod';
import { createMistral } from '../../src/models/index.js';
import { createRouter } from '../../src/routing/index.js';
import type { MockChatRequest, MockReply } from '../../src/testing/index.js';
import { tool } from '../../src/tools/index.js';

/** The text of the last user message of a mock request. */
function lastQuestion(request: MockChatRequest): string {
  const user = (request.body.messages ?? []).findLast((message) => message.role === 'user');
  return typeof user?.content === 'string' ? user.content : JSON.stringify(user?.content ?? '');
}

/** Scripted model replies for the web tests, chosen by the question and the tool results so far. */
export function webScript(request: MockChatRequest): MockReply {
  const messages = request.body.messages ?? [];
  const question = lastQuestion(request);
  const start = messages.findLastIndex((message) => message.role === 'user');
  const results = messages.slice(start).filter((message) => message.role === 'tool');
  if (question.includes('الطقس')) {
    if (results.length === 0) return { toolCalls: [{ name: 'weather', arguments: { city: 'الرباط' } }] };
    return { text: 'الجو في الرباط مشمس، ٣١ درجة.', chunkSize: 4 };
  }
  if (question.includes('احجز')) {
    if (results.length === 0) return { toolCalls: [{ name: 'book_table', arguments: { people: 2 } }] };
    const rejected = String(results.at(-1)?.content).includes('rejected');
    return { text: rejected ? 'لم أحجز الطاولة.' : 'تم حجز طاولة لشخصين.' };
  }
  if (question.includes('ببطء')) return { text: 'كلمة '.repeat(400), chunkSize: 5, chunkDelayMs: 20 };
  return { text: 'Hello from the general route.' };
}

/** The tools of the web tests: one that runs freely, one that needs approval; `booked` counts real runs. */
export function webTools() {
  const booked: number[] = [];
  const tools = {
    weather: tool({
      description: 'Current weather of a city.',
      parameters: z.object({ city: z.string() }),
      execute: ({ city }) => ({ city, celsius: 31 }),
    }),
    book_table: tool({
      description: 'Book a restaurant table.',
      parameters: z.object({ people: z.number().int() }),
      needsApproval: true,
      execute: ({ people }) => {
        booked.push(people);
        return { booked: true, people };
      },
    }),
  };
  return { tools, booked };
}

/** The default router over a Mistral provider talking to the mock server at `url`. */
export function mockRouter(url: string) {
  return createRouter({ provider: createMistral({ apiKey: 'mock-key', serverURL: url }) });
}

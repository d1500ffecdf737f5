import { lastAssistantMessageIsCompleteWithApprovalResponses } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAgent } from '../../src/agent/define-agent.js';
import type { AgentEvent } from '../../src/agent/events.js';
import { InMemoryStore } from '../../src/memory/index.js';
import { createMockMistralServer, type MockMistralServer } from '../../src/testing/index.js';
import { createChatHandler } from '../../src/web/index.js';
import { mockRouter, webScript, webTools } from './fixtures.js';
import { type DragomanUIMessage, serveHandler, TestChat } from './support.js';

let mock: MockMistralServer;
beforeAll(async () => {
  mock = await createMockMistralServer({ reply: webScript });
});
afterAll(() => mock.close());

/** A chat handler over a routed agent with memory, served on loopback, and the AI SDK's chat client for it. */
async function setUp() {
  const { tools, booked } = webTools();
  const memory = new InMemoryStore();
  const agent = defineAgent({
    name: 'web',
    instructions: 'Be brief.',
    router: mockRouter(mock.url),
    memory,
    tools,
  });
  const events: AgentEvent[] = [];
  agent.events.on('run-error', (event) => events.push(event));
  agent.events.on('run-end', (event) => events.push(event));
  const site = await serveHandler(createChatHandler(agent));
  const chat = new TestChat(`${site.url}/api/chat`, {
    sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
  });
  return { chat, site, booked, memory, events };
}

const partTypes = (message: DragomanUIMessage | undefined) => message?.parts.map((part) => part.type);

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 10) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('createChatHandler with the AI SDK chat client', () => {
  it('streams a routed tool run: route and step data parts, the tool call and output, text, cost metadata', async () => {
    const { chat, site, memory } = await setUp();
    try {
      await chat.sendMessage({ text: 'ما حالة الطقس في الرباط؟' });
      expect(chat.status).toBe('ready');
      expect(chat.error).toBeUndefined();
      const answer = chat.current[1];
      expect(answer?.role).toBe('assistant');
      expect(partTypes(answer)).toEqual([
        'step-start',
        'data-route',
        'data-model-substituted',
        'tool-weather',
        'data-step',
        'step-start',
        'data-route',
        'text',
        'data-step',
      ]);
      // The default Arabic route names Saba, which is retired: the substitution (reported once per run) reaches the UI as data.
      const substituted = answer?.parts.find((part) => part.type === 'data-model-substituted');
      expect(substituted?.type === 'data-model-substituted' && substituted.data.step).toBe(1);
      const route = answer?.parts.find((part) => part.type === 'data-route');
      expect(route?.type === 'data-route' && route.data).toMatchObject({ step: 1, route: 'arabic' });
      const call = answer?.parts.find((part) => part.type === 'tool-weather');
      expect(call).toMatchObject({ state: 'output-available', input: { city: 'الرباط' } });
      expect(call && 'output' in call && call.output).toEqual({ city: 'الرباط', celsius: 31 });
      const text = answer?.parts.find((part) => part.type === 'text');
      expect(text).toMatchObject({ text: 'الجو في الرباط مشمس، ٣١ درجة.', state: 'done' });
      expect(answer?.metadata).toMatchObject({ status: 'complete', route: 'arabic', steps: 2 });
      expect(answer?.metadata?.usage?.totalTokens).toBeGreaterThan(0);
      expect(answer?.metadata?.cost).toMatchObject({ currency: 'USD', unpriced: [] });
      // The chat id is the memory session: the turn is committed there, and the next turn reads it.
      expect(await memory.load(chat.id)).toHaveLength(4);
      const before = mock.requests.length;
      await chat.sendMessage({ text: 'And in English, please?' });
      const next = chat.current[3];
      expect(next?.metadata).toMatchObject({ status: 'complete', route: 'general' });
      const sent = (mock.requests[before]!.body as { messages: Array<{ role: string }> }).messages;
      expect(sent.map((message) => message.role)).toEqual([
        'system',
        'user',
        'assistant',
        'tool',
        'assistant',
        'user',
      ]);
    } finally {
      await site.close();
    }
  });

  it('pauses for an approval, and the approve answer resumes the run in the same assistant message', async () => {
    const { chat, site, booked } = await setUp();
    try {
      await chat.sendMessage({ text: 'احجز طاولة لشخصين' });
      const paused = chat.current[1];
      const call = paused?.parts.find((part) => part.type === 'tool-book_table');
      expect(call).toMatchObject({ state: 'approval-requested', input: { people: 2 } });
      expect(paused?.metadata?.status).toBe('pending-approval');
      expect(booked).toEqual([]);
      const approvalId = call && 'approval' in call ? call.approval?.id : undefined;
      await chat.addToolApprovalResponse({ id: approvalId ?? '', approved: true });
      await until(
        () => chat.current[1]?.metadata?.status === 'complete' && chat.status === 'ready',
        'the resumed run',
      );
      const done = chat.current[1];
      expect(chat.current).toHaveLength(2);
      expect(done?.id).toBe(paused?.id);
      expect(done?.parts.find((part) => part.type === 'tool-book_table')).toMatchObject({
        state: 'output-available',
        output: { booked: true, people: 2 },
      });
      expect(done?.parts.filter((part) => part.type === 'tool-book_table')).toHaveLength(1);
      expect(done?.parts.findLast((part) => part.type === 'text')).toMatchObject({
        text: 'تم حجز طاولة لشخصين.',
      });
      expect(booked).toEqual([2]);
    } finally {
      await site.close();
    }
  });

  it('a deny answer resumes the run with the call denied; the tool never runs', async () => {
    const { chat, site, booked } = await setUp();
    try {
      await chat.sendMessage({ text: 'احجز طاولة' });
      const call = chat.current[1]?.parts.find((part) => part.type === 'tool-book_table');
      const approvalId = call && 'approval' in call ? call.approval?.id : undefined;
      await chat.addToolApprovalResponse({ id: approvalId ?? '', approved: false, reason: 'not today' });
      await until(
        () => chat.current[1]?.metadata?.status === 'complete' && chat.status === 'ready',
        'the resumed run',
      );
      const done = chat.current[1];
      expect(done?.parts.find((part) => part.type === 'tool-book_table')).toMatchObject({
        state: 'output-denied',
      });
      expect(done?.parts.findLast((part) => part.type === 'text')).toMatchObject({
        text: 'لم أحجز الطاولة.',
      });
      expect(booked).toEqual([]);
    } finally {
      await site.close();
    }
  });

  it('aborts the run when the client stops reading mid-stream, and commits nothing to memory', async () => {
    const { chat, site, memory, events } = await setUp();
    try {
      const sending = chat.sendMessage({ text: 'تكلم ببطء' });
      await until(() => {
        const text = chat.current[1]?.parts.find((part) => part.type === 'text');
        return text?.type === 'text' && text.text.length > 0;
      }, 'the first text delta');
      await chat.stop();
      await sending;
      await until(() => events.length > 0, 'the run to end');
      expect(events[0]).toMatchObject({ type: 'run-error', error: { name: 'AbortError' } });
      expect(chat.current[1]?.metadata?.status).toBeUndefined();
      expect(await memory.load(chat.id)).toEqual([]);
    } finally {
      await site.close();
    }
  });
});

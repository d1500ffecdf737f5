import type { AgentEvent } from '../agent/events.js';
import type { DragomanDataChunk } from './types.js';

/** The events that become one of dragoman's data parts. */
export type DataEvent = Extract<
  AgentEvent,
  {
    type:
      | 'route-select'
      | 'model-substituted'
      | 'model-deprecated'
      | 'model-retry'
      | 'context-trim'
      | 'tool-progress'
      | 'step-end';
  }
>;

/**
 * The data chunk of one event. Ids are stable per step (or per tool call for progress), so an update
 * replaces the UI's earlier part instead of adding one. `errorText` turns a retry's cause into safe text.
 */
export function dataChunk(event: DataEvent, errorText: (error: unknown) => string): DragomanDataChunk {
  const step = event.step;
  switch (event.type) {
    case 'route-select':
      return { type: 'data-route', id: `route-${step}`, data: { step, ...event.decision } };
    case 'model-substituted':
      return {
        type: 'data-model-substituted',
        id: `model-substituted-${step}`,
        data: { step, ...event.substitution },
      };
    case 'model-deprecated':
      return {
        type: 'data-model-deprecated',
        id: `model-deprecated-${step}`,
        data: { step, ...event.warning },
      };
    case 'model-retry': {
      const { model, retry, delayMs } = event;
      const data = { step, model, retry, delayMs, error: errorText(event.error) };
      return { type: 'data-model-retry', id: `model-retry-${step}`, data };
    }
    case 'context-trim':
      return { type: 'data-context-trim', id: `context-trim-${step}`, data: { step, ...event.report } };
    case 'tool-progress': {
      const { toolCallId, toolName, message, fraction } = event;
      const data = { step, toolCallId, toolName, message, ...(fraction === undefined ? {} : { fraction }) };
      return { type: 'data-tool-progress', id: `tool-progress-${toolCallId}`, data };
    }
    case 'step-end': {
      const { model, route, finishReason, usage, toolCalls, durationMs } = event;
      const data = { step, model, route, finishReason, usage, toolCalls, durationMs };
      return { type: 'data-step', id: `step-${step}`, data };
    }
  }
}

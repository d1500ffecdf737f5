/**
 * The second SDK floor of `npm run bench -- otel`: the same 4 spans as dragoman/otel makes for the 2-request
 * tool run, with the same attribute names, types and counts (run 11, chat 12 each, tool 5), set at the same
 * moments (at creation, right after it, and at the end), through bare SDK calls: no dragoman/otel code at all.
 * What the conventions' attribute load costs on the SDK, whoever sets it; the gap from here to "on (scopeCalls:
 * false)" is dragoman/otel's own code.
 */
import { type Context, context, type Span, SpanKind, trace } from '@opentelemetry/api';
import type { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { AgentEvent } from '../../src/agent/index.js';

/** A listener making the floor's spans with the same attributes as dragoman/otel for the bench's run. */
export function sdkFloorWithAttributes(provider: BasicTracerProvider): (event: AgentEvent) => void {
  const tracer = provider.getTracer('floor-attributes');
  let runSpan: Span | undefined;
  let runContext: Context = context.active();
  let child: Span | undefined;
  let providerSet = false;
  return (event) => {
    switch (event.type) {
      case 'run-start':
        runSpan = tracer.startSpan(
          `invoke_agent ${event.agent}`,
          {
            kind: SpanKind.INTERNAL,
            attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': event.agent },
          },
          context.active(),
        );
        runSpan.setAttributes({ 'dragoman.run.id': event.runId, 'dragoman.run.resumed': event.resumed });
        runContext = trace.setSpan(context.active(), runSpan);
        providerSet = false;
        return;
      case 'step-start':
        if (!providerSet) runSpan?.setAttribute('gen_ai.provider.name', 'mistral_ai');
        providerSet = true;
        child = tracer.startSpan(
          `chat ${event.model}`,
          {
            kind: SpanKind.CLIENT,
            attributes: {
              'gen_ai.operation.name': 'chat',
              'gen_ai.provider.name': 'mistral_ai',
              'gen_ai.request.model': event.model,
              'server.address': event.server?.address ?? '',
              'server.port': event.server?.port ?? 0,
            },
          },
          runContext,
        );
        child.setAttributes({ 'dragoman.step': event.step, 'gen_ai.request.stream': false });
        return;
      case 'model-call-end':
        child?.setAttributes({
          'gen_ai.response.model': event.model,
          'gen_ai.response.finish_reasons': [event.finishReason],
          'gen_ai.usage.input_tokens': event.usage.promptTokens,
          'gen_ai.usage.output_tokens': event.usage.completionTokens,
          'gen_ai.response.id': event.responseId ?? '',
        });
        child?.end();
        return;
      case 'tool-call-start':
        child = tracer.startSpan(
          `execute_tool ${event.toolName}`,
          {
            kind: SpanKind.INTERNAL,
            attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': event.toolName },
          },
          runContext,
        );
        child.setAttributes({
          'gen_ai.tool.call.id': event.toolCallId,
          'gen_ai.tool.type': 'function',
          'dragoman.step': event.step,
        });
        return;
      case 'tool-call-end':
        child?.end();
        return;
      case 'run-end':
        runSpan?.setAttributes({
          'dragoman.run.status': event.status,
          'dragoman.run.stop_reason': event.stopReason,
          'dragoman.run.steps': event.steps,
          'gen_ai.usage.input_tokens': event.usage.total.promptTokens,
          'gen_ai.usage.output_tokens': event.usage.total.completionTokens,
          'dragoman.cost.usd': event.usage.cost.total,
        });
        runSpan?.end();
        return;
      default:
        return;
    }
  };
}

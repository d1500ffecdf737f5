import type { AgentEvent } from '../../src/index.js';
import type { ExampleIO } from './io.js';
import { createSpinner, formatToolCall, formatToolResult, oneLine, visibleText } from './terminal.js';

/** Options of {@link renderEvents}. */
export interface RenderOptions {
  /**
   * Transforms streamed text before it is written (e.g. bidi isolation). Text is then written a whole line
   * at a time, so a transform sees complete runs.
   */
  transformText?: (text: string) => string;
  /** Print each `route-select` decision. @default true */
  showRoutes?: boolean;
}

/**
 * Writes a run's events to the terminal as they happen: text as it streams, one compact line per tool call
 * and result, route decisions, context trims, and a spinner (TTY only) while waiting for the model.
 */
export async function renderEvents(
  events: AsyncIterable<AgentEvent>,
  io: ExampleIO,
  options: RenderOptions = {},
): Promise<void> {
  const spinner = createSpinner(io);
  const out = (text: string) => io.stdout.write(text);
  let midLine = false;
  let pending = '';
  const flush = (all: boolean) => {
    const cut = all ? pending.length : pending.lastIndexOf('\n') + 1;
    if (cut === 0) return;
    // The model's text is printed as it streams: its control characters are made visible first.
    const text = visibleText(pending.slice(0, cut));
    out(options.transformText ? options.transformText(text) : text);
    pending = pending.slice(cut);
  };
  const newLine = () => {
    flush(true);
    if (midLine) out('\n');
    midLine = false;
  };
  try {
    for await (const event of events) {
      switch (event.type) {
        case 'route-select':
          if (options.showRoutes !== false) {
            newLine();
            out(`[route] ${event.decision.route} → ${event.decision.model} (${event.decision.reason})\n`);
          }
          break;
        case 'model-substituted':
          newLine();
          out(
            `[model] ${event.substitution.requested} → ${event.substitution.resolved}: ${event.substitution.reason}\n`,
          );
          break;
        case 'context-trim':
          newLine();
          out(
            `[context] kept ${event.report.kept}, shortened ${event.report.shortened}, dropped ${event.report.dropped} messages (${event.report.tokens.toLocaleString('en')} tokens)\n`,
          );
          break;
        case 'step-start':
          spinner.start(`waiting for ${event.model}…`);
          break;
        case 'text-delta':
          spinner.stop();
          pending += event.text;
          flush(!options.transformText);
          midLine = !event.text.endsWith('\n');
          break;
        case 'tool-call-start':
          spinner.stop();
          newLine();
          out(`${formatToolCall(event.toolName, event.args)}\n`);
          break;
        case 'tool-progress':
          out(
            `  … ${oneLine(event.message)}${event.fraction === undefined ? '' : ` (${Math.round(event.fraction * 100)}%)`}\n`,
          );
          break;
        case 'tool-call-end':
          out(`${formatToolResult(event.result, event.isError, event.toolName)}\n`);
          break;
        case 'step-end':
          spinner.stop();
          newLine();
          break;
        case 'run-end':
          newLine();
          break;
        default:
          break;
      }
    }
  } finally {
    spinner.stop();
    newLine();
  }
}

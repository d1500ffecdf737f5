import { UserInputError } from '../errors.js';
import type {
  AssistantMessage,
  ImagePart,
  Message,
  TextPart,
  ToolCall,
  ToolMessage,
} from '../models/types.js';
import { rejectedCallText } from '../tools/rejected-call-text.js';
import { isToolOutputContent, toolOutputContent } from './tool-output-content.js';
import type { UIMessageInput, UIMessagePartInput } from './types.js';

/**
 * Converts the UI messages a browser sends (`useChat`'s `messages`) to dragoman's neutral messages: user
 * text and image files, assistant text, and each finished tool call as a call plus its result. Calls with
 * no outcome yet (waiting for approval) are left out, since a call without a result is invalid history.
 * Throws a `UserInputError` naming the message for a system message (set instructions on the agent; a
 * browser must not replace them) or a file that is not an image.
 * @example
 * const input = toMessages(body.messages);
 */
export function toMessages(messages: readonly UIMessageInput[]): Message[] {
  const out: Message[] = [];
  messages.forEach((message, index) => {
    if (message.role === 'user') out.push(userMessage(message.parts, index));
    else if (message.role === 'assistant') out.push(...assistantMessages(message.parts, index));
    else {
      throw new UserInputError('invalid-input', `messages[${index}] has role "${message.role}".`, {
        path: `messages[${index}].role`,
        hint: "Send only user and assistant messages; set the system prompt with the agent's instructions.",
      });
    }
  });
  return out;
}

function userMessage(parts: readonly UIMessagePartInput[], index: number): Message {
  const content: Array<TextPart | ImagePart> = [];
  parts.forEach((part, partIndex) => {
    if (part.type === 'text' && typeof part.text === 'string')
      content.push({ type: 'text', text: part.text });
    else if (part.type === 'file') {
      if (!part.mediaType?.startsWith('image/') || typeof part.url !== 'string') {
        throw new UserInputError(
          'invalid-input',
          `messages[${index}].parts[${partIndex}] is a ${part.mediaType ?? 'untyped'} file; only images are read.`,
          {
            path: `messages[${index}].parts[${partIndex}]`,
            hint: 'Attach images (image/png, image/jpeg, ...).',
          },
        );
      }
      content.push({ type: 'image', url: part.url });
    }
  });
  const textOnly = content.every((part) => part.type === 'text');
  return {
    role: 'user',
    content: textOnly ? content.map((part) => (part as TextPart).text).join('') : content,
  };
}

/** An assistant UI message holds every step of a run: one assistant message per step, each followed by its results. */
function assistantMessages(parts: readonly UIMessagePartInput[], index: number): Message[] {
  const out: Message[] = [];
  let text = '';
  let calls: ToolCall[] = [];
  let results: ToolMessage[] = [];
  const flush = () => {
    if (text === '' && calls.length === 0) return;
    const message: AssistantMessage = { role: 'assistant', content: text };
    if (calls.length > 0) message.toolCalls = calls;
    out.push(message, ...results);
    text = '';
    calls = [];
    results = [];
  };
  parts.forEach((part, partIndex) => {
    if (part.type === 'step-start') flush();
    else if (part.type === 'text' && typeof part.text === 'string') {
      if (calls.length > 0) flush();
      text += part.text;
    } else if (isToolPart(part)) {
      const result = toolResult(part, `messages[${index}].parts[${partIndex}].output`);
      if (result === undefined) return;
      calls.push({ id: result.toolCallId, name: result.name, arguments: JSON.stringify(part.input ?? {}) });
      results.push(result);
    }
  });
  flush();
  return out;
}

function isToolPart(part: UIMessagePartInput): part is UIMessagePartInput & { toolCallId: string } {
  return (
    (part.type.startsWith('tool-') || part.type === 'dynamic-tool') && typeof part.toolCallId === 'string'
  );
}

/** The tool message for a finished tool part; `path` names its output in errors. */
function toolResult(
  part: UIMessagePartInput & { toolCallId: string },
  path: string,
): ToolMessage | undefined {
  const name = part.type === 'dynamic-tool' ? (part.toolName ?? 'tool') : part.type.slice('tool-'.length);
  const base = { role: 'tool' as const, toolCallId: part.toolCallId, name };
  switch (part.state) {
    case 'output-available':
      // Text and images a tool returned with toolContent() (MCP images too) come back as text and images.
      if (isToolOutputContent(part.output)) return { ...base, content: toolOutputContent(part.output, path) };
      return {
        ...base,
        content: typeof part.output === 'string' ? part.output : JSON.stringify(part.output),
      };
    case 'output-error':
      return { ...base, content: part.errorText ?? 'The tool failed.', isError: true };
    case 'output-denied':
      return {
        ...base,
        content: rejectedCallText(name, part.approval?.reason),
        isError: true,
      };
    default:
      return undefined;
  }
}

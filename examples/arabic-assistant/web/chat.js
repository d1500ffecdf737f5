// The chat page's client: plain JavaScript, no bundle. It speaks the AI SDK UI message stream protocol
// itself (SSE lines of JSON chunks) and keeps messages in the same shape as `useChat`, so the server sees
// exactly what a React `useChat` page would send, approval answers included.

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/gu;
const LETTER = /\p{L}/gu;

const chatId = crypto.randomUUID();
/** @type {Array<{ id: string, role: string, parts: any[], metadata?: any }>} */
const messages = [];
/** Each message's element and error, kept off the message objects the server receives. */
const nodes = new WeakMap();
const errors = new WeakMap();
let busy = false;

const list = document.getElementById('messages');
const form = document.getElementById('composer');
const input = document.getElementById('input');

/** Right-to-left when most letters are Arabic script. */
function directionOf(text) {
  const letters = text.match(LETTER)?.length ?? 0;
  const arabic = text.match(ARABIC)?.length ?? 0;
  return letters > 0 && arabic / letters >= 0.3 ? 'rtl' : 'ltr';
}

function textOfMessage(message) {
  return message.parts
    .filter((part) => part.type === 'text')
    .map((part) => part.text)
    .join('');
}

/** Posts the chat and applies the streamed chunks to `target` (a new assistant message, or the one resumed). */
async function request(target) {
  busy = true;
  try {
    const response = await fetch('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: chatId, messages, trigger: 'submit-message' }),
    });
    if (!response.ok || !response.body) {
      const body = await response.json().catch(() => ({}));
      throw new Error(body.error?.message ?? `HTTP ${response.status}`);
    }
    if (!messages.includes(target)) messages.push(target);
    await readChunks(response.body, (chunk) => {
      apply(target, chunk);
      render(target);
    });
  } catch (error) {
    if (!messages.includes(target)) messages.push(target);
    errors.set(target, error.message);
    render(target);
  } finally {
    busy = false;
  }
}

/** Reads SSE `data:` lines of JSON chunks until `[DONE]`, calling `onChunk` for each as it arrives. */
async function readChunks(body, onChunk) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      for (const line of event.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        const data = line.slice('data: '.length);
        if (data !== '[DONE]') onChunk(JSON.parse(data));
      }
      end = buffer.indexOf('\n\n');
    }
  }
}

/** Applies one protocol chunk to the assistant message, as the AI SDK's processUIMessageStream does. */
function apply(message, chunk) {
  const toolPart = (id) => message.parts.find((part) => part.toolCallId === id);
  switch (chunk.type) {
    case 'start':
      if (chunk.messageId) message.id = chunk.messageId;
      message.metadata = { ...message.metadata, ...chunk.messageMetadata };
      break;
    case 'start-step':
      message.parts.push({ type: 'step-start' });
      break;
    case 'text-start':
      message.parts.push({ type: 'text', text: '', state: 'streaming', id: chunk.id });
      break;
    case 'text-delta': {
      const part = message.parts.findLast(
        (candidate) => candidate.type === 'text' && candidate.id === chunk.id,
      );
      if (part) part.text += chunk.delta;
      break;
    }
    case 'text-end': {
      const part = message.parts.findLast(
        (candidate) => candidate.type === 'text' && candidate.id === chunk.id,
      );
      if (part) part.state = 'done';
      break;
    }
    case 'tool-input-available':
      message.parts.push({
        type: `tool-${chunk.toolName}`,
        toolCallId: chunk.toolCallId,
        state: 'input-available',
        input: chunk.input,
      });
      break;
    case 'tool-approval-request':
      Object.assign(toolPart(chunk.toolCallId) ?? {}, {
        state: 'approval-requested',
        approval: { id: chunk.approvalId },
      });
      break;
    case 'tool-output-available':
      Object.assign(toolPart(chunk.toolCallId) ?? {}, { state: 'output-available', output: chunk.output });
      break;
    case 'tool-output-error':
      Object.assign(toolPart(chunk.toolCallId) ?? {}, { state: 'output-error', errorText: chunk.errorText });
      break;
    case 'tool-output-denied':
      Object.assign(toolPart(chunk.toolCallId) ?? {}, { state: 'output-denied' });
      break;
    case 'finish':
      message.metadata = { ...message.metadata, ...chunk.messageMetadata };
      break;
    case 'error':
      errors.set(message, chunk.errorText);
      break;
    case 'abort':
      errors.set(message, 'أُوقف التشغيل.');
      break;
    default:
      if (chunk.type.startsWith('data-')) {
        const index = message.parts.findIndex((part) => part.type === chunk.type && part.id === chunk.id);
        const part = { type: chunk.type, id: chunk.id, data: chunk.data };
        if (index === -1) message.parts.push(part);
        else message.parts[index] = part;
      }
  }
}

/** The user's answer to one approval; once every pending call of the message is answered, the run resumes. */
function answer(message, part, approved) {
  part.state = 'approval-responded';
  part.approval = { ...part.approval, approved, ...(approved ? {} : { reason: 'رفض المستخدم' }) };
  render(message);
  const waiting = message.parts.some((candidate) => candidate.state === 'approval-requested');
  if (!waiting) void request(message);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Text with ``` fenced code shown left-to-right in <pre>; model text never goes through innerHTML. */
function renderText(text) {
  const node = element('div', 'text');
  text.split('```').forEach((segment, index) => {
    if (index % 2 === 1) node.append(element('pre', '', segment.replace(/^\w*\n/u, '')));
    else node.append(document.createTextNode(segment));
  });
  return node;
}

function renderTool(message, part) {
  const node = element('div', 'tool');
  node.dataset.state = part.state;
  const title = element('div');
  title.append(
    element('span', 'name', part.type.slice('tool-'.length)),
    element('span', 'state', part.state),
  );
  node.append(title, element('pre', '', `→ ${JSON.stringify(part.input)}`));
  if (part.state === 'output-available') node.append(element('pre', '', `← ${JSON.stringify(part.output)}`));
  if (part.state === 'output-error') node.append(element('div', 'error', part.errorText));
  if (part.state === 'output-denied') node.append(element('div', 'error', 'رُفض الاستدعاء.'));
  if (part.state === 'approval-requested') {
    const actions = element('div', 'actions');
    const approve = element('button', 'approve', 'موافقة');
    const deny = element('button', 'deny', 'رفض');
    approve.type = 'button';
    deny.type = 'button';
    approve.addEventListener('click', () => answer(message, part, true));
    deny.addEventListener('click', () => answer(message, part, false));
    actions.append(approve, deny);
    node.append(actions);
  }
  return node;
}

function formatCost(metadata) {
  const usage = metadata.usage;
  if (!usage) return '';
  const cost = metadata.cost;
  const price =
    cost && cost.unpriced.length === 0
      ? `$${cost.total.toFixed(6)}`
      : `unpriced: ${cost?.unpriced.join(', ')}`;
  return `${usage.promptTokens} in + ${usage.completionTokens} out tokens · ${price} · ${metadata.steps} steps · ${Math.round(metadata.durationMs)} ms`;
}

/** Renders one message into its own element (created on first render). */
function render(message) {
  let node = nodes.get(message);
  if (!node) {
    node = element('article', `turn ${message.role}`);
    nodes.set(message, node);
    list.append(node);
  }
  node.dataset.messageId = message.id;
  node.dir = directionOf(textOfMessage(message));
  node.replaceChildren();
  if (message.role === 'assistant') {
    const tags = element('div', 'tags');
    const routes = message.parts.filter((part) => part.type === 'data-route');
    const route = routes.at(-1)?.data ?? message.metadata;
    if (route?.route) tags.append(element('span', 'tag route', `route: ${route.route}`));
    if (route?.model) tags.append(element('span', 'tag model', `model: ${route.model}`));
    for (const part of message.parts.filter((candidate) => candidate.type === 'data-model-substituted')) {
      tags.append(element('span', 'tag', `${part.data.requested} → ${part.data.resolved}`));
    }
    node.append(tags);
  }
  for (const part of message.parts) {
    if (part.type === 'text') node.append(renderText(part.text));
    else if (part.type.startsWith('tool-')) node.append(renderTool(message, part));
  }
  if (message.metadata?.status) node.append(element('div', 'cost', formatCost(message.metadata)));
  if (errors.has(message)) node.append(element('div', 'error', errors.get(message)));
  node.scrollIntoView({ block: 'end' });
}

function send(text) {
  if (busy || text.trim() === '') return;
  const user = { id: crypto.randomUUID(), role: 'user', parts: [{ type: 'text', text }] };
  messages.push(user);
  render(user);
  void request({ id: crypto.randomUUID(), role: 'assistant', parts: [] });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  send(input.value);
  input.value = '';
});
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    form.requestSubmit();
  }
});
for (const button of document.querySelectorAll('#suggestions button')) {
  button.addEventListener('click', () => {
    input.value = button.textContent;
    input.focus();
  });
}

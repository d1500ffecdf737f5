import { UserInputError } from '../errors.js';
import type { ToolSpec } from '../models/types.js';
import { toJsonSchema } from './json-schema.js';
import type { ToolSet } from './types.js';

// Mistral's function-name rule: letters, digits, underscores and dashes, at most 64 characters.
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Validates a record of tools and turns it into the specs sent to the model (name, description, JSON
 * Schema). Throws a {@link UserInputError} naming the tool when a name, description, `execute` or schema is
 * unusable.
 */
export function toToolSpecs(tools: ToolSet): ToolSpec[] {
  const specs: ToolSpec[] = [];
  for (const [name, tool] of Object.entries(tools)) {
    const where = `tools.${name}`;
    if (!TOOL_NAME.test(name)) {
      throw new UserInputError('invalid-config', `Tool name "${name}" is not allowed.`, {
        path: where,
        hint: 'Use 1-64 letters, digits, underscores or dashes (Mistral rejects other names).',
      });
    }
    if (typeof tool !== 'object' || tool === null || typeof tool.execute !== 'function') {
      throw new UserInputError('invalid-config', `${where} has no execute function.`, {
        path: where,
        hint: 'Declare tools with tool({ description, parameters, execute }).',
      });
    }
    if (typeof tool.description !== 'string' || tool.description.trim() === '') {
      throw new UserInputError('invalid-config', `${where}.description is empty.`, {
        path: `${where}.description`,
        hint: 'Say what the tool does and when to use it; the model chooses tools by their descriptions.',
      });
    }
    const parameters = toJsonSchema(tool.parameters, `${where}.parameters`, { objectRoot: true });
    // Frozen, like the list defineAgent freezes, so adapters may compile them once and reuse the result.
    specs.push(Object.freeze({ name, description: tool.description, parameters }));
  }
  return specs;
}

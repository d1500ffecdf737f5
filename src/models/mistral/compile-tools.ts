/**
 * Compiles neutral tool specs into Mistral function tools: names mapped to ones Mistral accepts (R15), and
 * parameters checked against the draft-07 metaschema (R16) before anything is sent.
 * @module
 */
import { UserInputError } from '../../errors.js';
import type { ToolSpec } from '../types.js';
import { findSchemaProblem } from './check-tool-schema.js';
import type { ToolNameMap } from './tool-names.js';
import type { WireTool } from './wire-types.js';

function invalid(path: string, message: string, hint: string): UserInputError {
  return new UserInputError('invalid-input', message, { path, hint });
}

/**
 * The tools' names, checked: each a non-empty string, none twice. Names Mistral would reject are not an error:
 * the name map renames them on the wire and maps the model's calls back.
 */
export function toolNamesOf(tools: readonly ToolSpec[] | undefined): string[] {
  const names: string[] = [];
  for (const [index, tool] of (tools ?? []).entries()) {
    const path = `tools[${index}].name`;
    if (typeof tool?.name !== 'string' || tool.name === '') {
      throw invalid(path, `${path} ${JSON.stringify(tool?.name)} is not a tool name.`, 'Name every tool.');
    }
    if (names.includes(tool.name)) {
      throw invalid(path, `Tool name ${JSON.stringify(tool.name)} appears twice.`, 'Rename one.');
    }
    names.push(tool.name);
  }
  return names;
}

/** `$schema` and `$id` at the root are reported to break Mistral's grammar compiler (BerriAI/litellm#13389). */
function withoutRootIds(parameters: { [key: string]: unknown }): { [key: string]: unknown } {
  if (!('$schema' in parameters) && !('$id' in parameters)) return parameters;
  const { $schema: _schema, $id: _id, ...rest } = parameters;
  return rest;
}

function compileToolList(tools: readonly ToolSpec[], names: ToolNameMap): WireTool[] {
  return tools.map((tool, index) => {
    const path = `tools[${index}].parameters`;
    const parameters = tool.parameters;
    if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
      throw invalid(path, `${path} is not a JSON Schema object.`, 'Pass an object.');
    }
    const problem = findSchemaProblem(parameters, path);
    if (problem !== undefined) {
      throw invalid(
        path,
        `${problem} (tool ${JSON.stringify(tool.name)}): Mistral accepts only valid draft-07 JSON Schema.`,
        'Fix the schema by hand, or build it from a Zod schema with tool().',
      );
    }
    const fn: WireTool['function'] = {
      name: names.toWire(tool.name),
      parameters: withoutRootIds(parameters),
    };
    if (typeof tool.description === 'string' && tool.description !== '') fn.description = tool.description;
    return { type: 'function', function: fn };
  });
}

/**
 * Tools as Mistral function tools; `undefined` when there are none. Throws `UserInputError` naming `tools[i]`
 * for a missing or repeated name or a schema that is not valid draft-07.
 */
export function compileTools(
  tools: readonly ToolSpec[] | undefined,
  names: ToolNameMap,
): readonly WireTool[] | undefined {
  if (tools === undefined || tools.length === 0) return undefined;
  toolNamesOf(tools);
  return compileToolList(tools, names);
}

// The built-in workspace tools need Node: they are exported from `dragoman/node` (src/node).
export { toJsonSchema } from './json-schema.js';
export type { ArgumentIssue, ArgumentValidator, JsonSchemaParameters } from './json-schema-parameters.js';
export { jsonSchema } from './json-schema-parameters.js';
export type { ObjectSchema, ToolDefinition } from './tool.js';
export { tool } from './tool.js';
export type { ToolContent } from './tool-content.js';
export { toolContent } from './tool-content.js';
export { DEFAULT_TOOL_OUTPUT_LIMIT } from './tool-output.js';
export { toToolSpecs } from './tool-specs.js';
export type {
  ApprovalPredicate,
  InferSchemaOutput,
  Tool,
  ToolContext,
  ToolProgress,
  ToolSchema,
  ToolSet,
  ToolSetContext,
} from './types.js';

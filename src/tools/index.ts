export type { ExecuteToolOptions, ToolOutcome } from './execute-tool.js';
export { executeTool } from './execute-tool.js';
export { toJsonSchema } from './json-schema.js';
export { mapConcurrent } from './map-concurrent.js';
export type { ParsedToolCall, RejectedToolCall } from './parse-arguments.js';
export { parseToolArguments } from './parse-arguments.js';
export type { ToolDefinition } from './tool.js';
export { tool } from './tool.js';
export { DEFAULT_TOOL_OUTPUT_LIMIT, stringifyToolOutput, truncateToolOutput } from './tool-output.js';
export { toToolSpecs } from './tool-specs.js';
export type {
  ApprovalPredicate,
  InferSchemaOutput,
  Tool,
  ToolContext,
  ToolSchema,
  ToolSet,
  ToolSetContext,
} from './types.js';

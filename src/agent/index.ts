export type {
  Agent,
  AgentConfig,
  AgentContextOptions,
  AgentOutput,
  AgentSettings,
  AgentTools,
  ModelOrRouter,
  OutputOf,
  ToolErrorBudget,
} from './agent.js';
export type { CallScope, ScopedCall, ScopeRunner } from './call-scope.js';
export { withCallScope } from './call-scope.js';
export { defineAgent } from './define-agent.js';
export { MaxStepsError, OutputParseError, StepLimitError, ToolBudgetError } from './errors.js';
export type {
  AgentEvent,
  AgentEventEmitter,
  AgentEventListeners,
  AgentEventOf,
  AgentEventType,
  ContextTrimEvent,
  ListenerErrorEvent,
  ModelCallEndEvent,
  ModelDeprecatedEvent,
  ModelRetryEvent,
  ModelSubstitutedEvent,
  RouteSelectEvent,
  RunEndEvent,
  RunErrorEvent,
  RunStartEvent,
  StepEndEvent,
  StepStartEvent,
  TextDeltaEvent,
  ToolApprovalRequestEvent,
  ToolCallEndEvent,
  ToolCallStartEvent,
  ToolProgressEvent,
} from './events.js';
export type { OutputTool } from './output-tool.js';
export { OUTPUT_TOOL_NAME } from './output-tool.js';
export type { RunOptionsArgument } from './run.js';
export { run } from './run.js';
export type { RunStream } from './stream.js';
export { stream } from './stream.js';
export type {
  InvalidToolCall,
  ToolArgsOf,
  ToolCallOf,
  ToolCallOutcome,
  ToolInvocation,
  ToolNameOf,
  ToolOutputOf,
  ValidToolCall,
} from './tool-calls.js';
export type {
  ApprovalDecision,
  BaseRunOptions,
  FinalAnswerResult,
  PartialRunResult,
  PendingApproval,
  PendingApprovalResult,
  ResumeInput,
  RunInput,
  RunOptions,
  RunResult,
  RunSettings,
  RunState,
  RunStatus,
  StepRecord,
  StopCheck,
  StoppedResult,
  StopReason,
  ToolCallRecord,
  UsageSummary,
} from './types.js';

/**
 * dragoman/otel: OpenTelemetry spans for agent runs, on the GenAI semantic conventions. Needs the
 * `@opentelemetry/api` peer dependency; `import 'dragoman'` never loads this.
 * @module
 */
export { redactSecrets } from './content.js';
export type { Tracing, TracingOptions } from './create-tracing.js';
export { createTracing } from './create-tracing.js';
export { SCHEMA_URL, SEMCONV_VERSION } from './semconv.js';

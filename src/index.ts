/**
 * dragoman: a small TypeScript agent framework for Mistral models.
 * @module
 */

export * from './agent/index.js';
export * from './context/index.js';
export * from './errors.js';
export * from './memory/index.js';
export * from './models/index.js';
export * from './routing/index.js';
export * from './tokens/index.js';
export * from './tools/index.js';

/**
 * `dragoman/node`: the parts that need Node's file system, processes or crypto: the JSONL session store and
 * the workspace tools of the coding helper. `import 'dragoman'` never loads them, so the main entry bundles
 * for browsers and edge runtimes.
 * @module
 */
export { JsonlFileStore, type JsonlFileStoreOptions } from '../memory/jsonl-file-store.js';
export { sessionFileName } from '../memory/session-file-name.js';
export * from '../tools/builtin/index.js';

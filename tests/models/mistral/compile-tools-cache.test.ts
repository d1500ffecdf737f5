import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/errors.js';
import { compileTools as compileWith } from '../../../src/models/mistral/compile-tools.js';
import { createToolNameMap } from '../../../src/models/mistral/tool-names.js';
import type { ToolSpec } from '../../../src/models/types.js';

const spec = (name: string): ToolSpec => ({
  name,
  description: `Tool ${name}.`,
  parameters: { type: 'object', properties: {} },
});

const compileTools = (tools: readonly ToolSpec[]) =>
  compileWith(tools, createToolNameMap(tools.map((tool) => tool.name)));

describe('compileTools reuse', () => {
  it('compiles a frozen list of frozen specs once and reuses the frozen result', () => {
    const tools = Object.freeze([Object.freeze(spec('add')), Object.freeze(spec('sub'))]);
    const first = compileTools(tools);
    expect(first?.map((tool) => tool.function.name)).toEqual(['add', 'sub']);
    expect(compileTools(tools)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('compiles a mutable list afresh every time, so changes to it are seen', () => {
    const tools = [spec('add')];
    const first = compileTools(tools);
    tools[0] = spec('renamed');
    expect(compileTools(tools)?.[0]?.function.name).toBe('renamed');
    expect(compileTools(tools)).not.toBe(first);
  });

  it('still rejects a bad frozen list on every call', () => {
    const bad = { ...spec('add'), parameters: { type: 'object', properties: { n: { minimum: '1' } } } };
    const tools = Object.freeze([Object.freeze(bad)]);
    expect(() => compileTools(tools)).toThrow(UserInputError);
    expect(() => compileTools(tools)).toThrow(UserInputError);
  });
});

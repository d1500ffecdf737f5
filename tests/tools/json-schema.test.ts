import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as z3 from 'zod/v3';
import { UserInputError } from '../../src/errors.js';
import { toJsonSchema } from '../../src/tools/json-schema.js';
import { tool } from '../../src/tools/tool.js';
import { toToolSpecs } from '../../src/tools/tool-specs.js';

const objectRoot = { objectRoot: true };

describe('toJsonSchema', () => {
  it('converts a Zod 4 schema (input side, descriptions kept, no $schema)', () => {
    const schema = z.object({ city: z.string().describe('City name'), days: z.number().int().default(3) });
    expect(toJsonSchema(schema, 'tools.weather.parameters', objectRoot)).toEqual({
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name' },
        days: { type: 'integer', default: 3, minimum: expect.any(Number), maximum: expect.any(Number) },
      },
      required: ['city'],
    });
  });

  it('converts a Zod 3 schema with zod-to-json-schema', () => {
    const schema = z3.z.object({
      query: z3.z.string().describe('What to look for'),
      limit: z3.z.number().optional(),
    });
    const converted = toJsonSchema(schema, 'tools.search.parameters', objectRoot);
    expect(converted).toMatchObject({
      type: 'object',
      properties: { query: { type: 'string', description: 'What to look for' }, limit: { type: 'number' } },
      required: ['query'],
    });
    expect(converted.$schema).toBeUndefined();
  });

  it('rejects a non-object root, naming the tool', () => {
    expect(() => toJsonSchema(z.string(), 'tools.echo.parameters', objectRoot)).toThrow(
      /tools\.echo\.parameters must be a z\.object\(\.\.\.\) schema, but it is string/,
    );
    expect(() => toJsonSchema(z3.z.array(z3.z.number()), 'tools.sum.parameters', objectRoot)).toThrow(
      UserInputError,
    );
  });

  it('rejects values that are not Zod schemas and types JSON Schema cannot represent', () => {
    expect(() => toJsonSchema({ type: 'object' }, 'tools.raw.parameters', objectRoot)).toThrow(
      /is not a Zod schema/,
    );
    expect(() => toJsonSchema(z.object({ when: z.date() }), 'tools.cal.parameters', objectRoot)).toThrow(
      /tools\.cal\.parameters cannot be converted to JSON Schema/,
    );
  });
});

describe('toToolSpecs', () => {
  const ok = tool({ description: 'Does it.', parameters: z.object({}), execute: () => 'done' });

  it('names each spec by its key in the record', () => {
    expect(toToolSpecs({ first: ok, second: ok }).map((spec) => spec.name)).toEqual(['first', 'second']);
  });

  it('rejects a name Mistral does not accept, an empty description and a missing execute', () => {
    expect(() => toToolSpecs({ 'bad name': ok })).toThrow(/Tool name "bad name" is not allowed/);
    expect(() => toToolSpecs({ quiet: { ...ok, description: ' ' } })).toThrow(
      /tools\.quiet\.description is empty/,
    );
    const noExecute = { description: 'x', parameters: z.object({}) } as unknown as typeof ok;
    expect(() => toToolSpecs({ lazy: noExecute })).toThrow(/tools\.lazy has no execute function/);
  });
});

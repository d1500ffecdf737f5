import { describe, expect, it } from 'vitest';
import { normalizeSchema } from '../../src/mcp/normalize-schema.js';

describe('normalizeSchema', () => {
  it('inlines $defs and definitions refs, keeps sibling keywords, drops document keywords', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'urn:x',
      type: 'object',
      properties: {
        a: { $ref: '#/$defs/point', description: 'Start.' },
        b: { type: 'array', items: { $ref: '#/definitions/name' } },
        $id: { type: 'string', $comment: 'a property called $id survives' },
      },
      $defs: { point: { type: 'object', properties: { x: { type: 'number' } } } },
      definitions: { name: { type: 'string', minLength: 1 } },
    };
    const copy = structuredClone(schema);
    expect(normalizeSchema(schema)).toEqual({
      type: 'object',
      properties: {
        a: { type: 'object', properties: { x: { type: 'number' } }, description: 'Start.' },
        b: { type: 'array', items: { type: 'string', minLength: 1 } },
        $id: { type: 'string' },
      },
    });
    expect(schema).toEqual(copy);
  });

  it('leaves a recursive reference open after one level, and an unresolvable one open', () => {
    const schema = {
      type: 'object',
      properties: { tree: { $ref: '#/$defs/node' }, remote: { $ref: 'https://example.com/x.json' } },
      $defs: {
        node: {
          type: 'object',
          properties: { children: { type: 'array', items: { $ref: '#/$defs/node' } } },
        },
      },
    };
    expect(normalizeSchema(schema)).toEqual({
      type: 'object',
      properties: {
        tree: { type: 'object', properties: { children: { type: 'array', items: {} } } },
        remote: {},
      },
    });
  });

  it('gives an object root with properties to an empty or missing schema', () => {
    expect(normalizeSchema(undefined)).toEqual({ type: 'object', properties: {} });
    expect(normalizeSchema({ type: 'object' })).toEqual({ type: 'object', properties: {} });
  });
});

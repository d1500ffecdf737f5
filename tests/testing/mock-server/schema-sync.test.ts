import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractOpenApiSchemas, outputPath, rootSchemaNames } from '../../../scripts/extract-openapi.js';

const specUrl = new URL('../../../../shared/fixtures/mistral-openapi.yaml', import.meta.url);

describe('openapi-schemas.json', () => {
  const specText = readFileSync(specUrl, 'utf8');
  const committed = JSON.parse(readFileSync(outputPath, 'utf8'));

  it('names its source and the sha256 of the spec it was generated from', () => {
    expect(committed.source).toBe('mistral-openapi.yaml');
    expect(committed.sha256).toBe(createHash('sha256').update(specText).digest('hex'));
  });

  it('is in sync with the spec: re-extracting gives the same schemas (run scripts/extract-openapi.ts if not)', () => {
    expect(committed).toEqual(extractOpenApiSchemas(specText, 'mistral-openapi.yaml'));
  });

  it('holds the request schemas and no dangling reference', () => {
    const definitions = committed.schema.$defs as Record<string, unknown>;
    for (const name of rootSchemaNames) expect(definitions).toHaveProperty(name);
    const references = JSON.stringify(definitions).match(/"\$ref":"#\/\$defs\/[^"]+"/g) ?? [];
    expect(references.length).toBeGreaterThan(20);
    for (const reference of references) {
      expect(definitions).toHaveProperty(reference.slice('"$ref":"#/$defs/'.length, -1));
    }
    expect(JSON.stringify(definitions)).not.toContain('#/components/');
  });
});

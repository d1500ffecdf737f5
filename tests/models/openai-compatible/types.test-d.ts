import { expectTypeOf, test } from 'vitest';
import {
  createOpenAICompatible,
  type OpenAICompatibleFamily,
  type OpenAICompatibleProvider,
  openaiCompatible,
} from '../../../src/models/openai-compatible/index.js';
import type { Model, ModelLister, ModelProvider, RemoteModelInfo } from '../../../src/models/types.js';

test('the provider is a ModelProvider and a ModelLister', () => {
  const provider = createOpenAICompatible({ baseURL: 'http://localhost:8000/v1', family: 'vllm' });
  expectTypeOf(provider).toEqualTypeOf<OpenAICompatibleProvider>();
  expectTypeOf(provider).toMatchTypeOf<ModelProvider>();
  expectTypeOf(provider).toMatchTypeOf<ModelLister>();
  expectTypeOf(provider.listModels).returns.resolves.toEqualTypeOf<RemoteModelInfo[]>();
  expectTypeOf(provider('m')).toEqualTypeOf<Model>();
});

test('openaiCompatible returns a Model and only accepts known families', () => {
  expectTypeOf(openaiCompatible({ baseURL: 'http://x/v1', model: 'm' })).toEqualTypeOf<Model>();
  expectTypeOf<'vllm'>().toMatchTypeOf<OpenAICompatibleFamily>();
  // @ts-expect-error: not a known family
  openaiCompatible({ baseURL: 'http://x/v1', model: 'm', family: 'tgi' });
});

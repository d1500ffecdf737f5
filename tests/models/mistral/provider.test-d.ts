import { describe, expectTypeOf, it } from 'vitest';
import {
  createMistral,
  type FimResponse,
  type MistralModel,
  mistral,
} from '../../../src/models/mistral/index.js';
import type {
  Model,
  ModelLister,
  ModelProvider,
  RemoteModelInfo,
  StreamDelta,
} from '../../../src/models/types.js';

describe('MistralProvider types', () => {
  it('is a ModelProvider and a ModelLister', () => {
    const provider = createMistral();
    expectTypeOf(provider).toMatchTypeOf<ModelProvider>();
    expectTypeOf(provider).toMatchTypeOf<ModelLister>();
    expectTypeOf(provider('mistral-small-latest')).toEqualTypeOf<MistralModel>();
    expectTypeOf(provider.listModels()).toEqualTypeOf<Promise<RemoteModelInfo[]>>();
    expectTypeOf(provider.fim({ prompt: 'x' })).toEqualTypeOf<Promise<FimResponse>>();
  });

  it('makes Models whose provider is the literal mistral', () => {
    const model = mistral('codestral-latest', { settings: { temperature: 0 } });
    expectTypeOf(model).toMatchTypeOf<Model>();
    expectTypeOf(model.provider).toEqualTypeOf<'mistral'>();
    expectTypeOf(model.stream).returns.toEqualTypeOf<AsyncIterable<StreamDelta>>();
  });
});

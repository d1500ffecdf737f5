import type { UIMessageChunk as AiUIMessageChunk } from 'ai';
import { expectTypeOf, it } from 'vitest';
import type { DragomanDataParts, DragomanMessageMetadata, UIMessageChunk } from '../../src/web/index.js';

it("every chunk dragoman writes is one of the AI SDK's own chunk types, with dragoman's metadata and data parts", () => {
  expectTypeOf<UIMessageChunk>().toExtend<AiUIMessageChunk<DragomanMessageMetadata, DragomanDataParts>>();
});

/**
 * Loads the shipped request model once, on first use (a few milliseconds: the weights are decoded from
 * base64 into typed arrays).
 * @module
 */
import { DENSE_COUNT } from './dense-features.js';
import { COLUMNS, decodeHashed, type SerializedRequestModel } from './weight-codec.js';
import { REQUEST_MODEL } from './weights.js';

/** The decoded request model. */
export interface RequestModel {
  /** Hashed rows x 2 (Arabic, code), as stored bytes: multiply their sums by `scale`. */
  hashed: Int8Array;
  scale: number;
  /** Dense features x 2 (Arabic, code). */
  dense: Float32Array;
  bias: readonly [number, number];
}

let loaded: RequestModel | undefined;

/** Decodes a serialized model (the shipped one, or one a training run just produced). */
export function decodeRequestModel(serialized: SerializedRequestModel): RequestModel {
  if (serialized.version !== 1) {
    throw new Error(`request model format ${String(serialized.version)} is not supported (expected 1)`);
  }
  if (serialized.dense.length !== DENSE_COUNT * COLUMNS) {
    throw new Error(
      `request model has ${serialized.dense.length / COLUMNS} dense weights per column, the features ` +
        `are ${DENSE_COUNT}: retrain with \`npm run train:routing\``,
    );
  }
  return {
    hashed: decodeHashed(serialized),
    scale: serialized.scale,
    dense: Float32Array.from(serialized.dense),
    bias: serialized.bias,
  };
}

/** The shipped request model, decoded on first call and kept. */
export function loadRequestModel(): RequestModel {
  loaded ??= decodeRequestModel(REQUEST_MODEL);
  return loaded;
}

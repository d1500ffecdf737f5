import { ConnectionError } from '../../errors.js';
import { type ReadOptions, readText } from './read-chunks.js';

/** Reads a JSON body within the limits; a body that is not JSON is a non-retryable `malformed-response`. */
export async function readJson(response: Response, options: ReadOptions, hint: string): Promise<unknown> {
  const text = await readText(response, options);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConnectionError(
      'malformed-response',
      `${options.what} returned a body that is not JSON: ${text.slice(0, 80)}`,
      {
        cause: error,
        hint,
      },
    );
  }
}

/**
 * Maps `items` with an async function, at most `concurrency` at a time, keeping results in input order.
 * Rejects with the first error (items already started keep running; their results are dropped).
 */
export async function mapConcurrent<Item, Result>(
  items: readonly Item[],
  concurrency: number,
  map: (item: Item, index: number) => Promise<Result>,
): Promise<Result[]> {
  if (items.length === 1) return [await map(items[0] as Item, 0)];
  const results = new Array<Result>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as Item, index);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}

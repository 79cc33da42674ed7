/**
 * Runs `task` over `items` with at most `parallelism` in flight, as the Pulumi engine schedules
 * independent resources (`--parallel`).
 *
 * @returns the results in the order of `items`
 */
export async function runPool<T, R>(
  items: readonly T[],
  parallelism: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelism, items.length) }, worker));
  return results;
}

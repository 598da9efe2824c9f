// Person keys: the keyed slow hash that replaces each ID number in the snapshot.
import { derivePersonKeyAsync } from '../core/lookup-key.js';
import type { LookupKeyParams } from '../core/lookup-key.js';

// scrypt runs on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE sets another number); a
// few more requests than threads keep every thread busy without queueing thousands of buffers.
const IN_FLIGHT = 16;

/**
 * Derives the person key of every 18-digit ID number, in the same order. `onProgress` receives
 * the number done so far after each completed key.
 */
export async function derivePersonKeys(
  idNumbers: readonly string[],
  params: LookupKeyParams,
  onProgress?: (done: number) => void,
): Promise<string[]> {
  const keys = new Array<string>(idNumbers.length);
  let next = 0;
  let done = 0;

  const worker = async () => {
    while (next < idNumbers.length) {
      const index = next;
      next += 1;
      keys[index] = await derivePersonKeyAsync(idNumbers[index]!, params);
      done += 1;
      onProgress?.(done);
    }
  };

  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, idNumbers.length) }, worker));
  return keys;
}

// The last lines of a file, read from its end within a byte limit, so a log that grew for months
// costs no more to read than a short one.
import { open } from 'node:fs/promises';

/**
 * Returns the whole lines among the file's last `maxBytes` bytes, oldest first, unredacted. A
 * line cut by the limit is left out. A missing file has no lines.
 */
export async function readTailLines(file: string, maxBytes: number): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }

  let text: string;
  let startsMidLine: boolean;
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, size - length);
    text = buffer.subarray(0, bytesRead).toString('utf8');
    startsMidLine = length < size;
  } finally {
    await handle.close();
  }

  const lines = text.split('\n');
  if (startsMidLine) lines.shift();
  return lines.filter((line) => line.trim() !== '');
}

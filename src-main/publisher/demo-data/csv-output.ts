// Streams CSV rows to a file through a buffer, so a run of a million payments keeps at most
// one chunk in memory. Files are written under a temporary name and renamed when complete,
// so an interrupted run never leaves a truncated CSV under the real name.
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

const CHUNK_CHARACTERS = 256 * 1024;

/** Quotes a field when it contains a comma, a double quote or a line break (RFC 4180). */
export function csvField(value: string): string {
  if (!/[",\r\n]/.test(value)) return value;
  return `"${value.replace(/"/g, '""')}"`;
}

export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}

export class CsvFileWriter {
  private readonly stream: WriteStream;
  private readonly partialPath: string;
  private buffer = '';
  private failure: Error | null = null;
  rowCount = 0;

  constructor(private readonly finalPath: string, header: readonly string[]) {
    this.partialPath = `${finalPath}.partial`;
    this.stream = createWriteStream(this.partialPath, { encoding: 'utf8' });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
    this.buffer = csvLine(header);
  }

  /** Adds a row; the returned promise waits only when the chunk is flushed to a busy stream. */
  async write(fields: readonly string[]): Promise<void> {
    this.buffer += csvLine(fields);
    this.rowCount += 1;
    if (this.buffer.length >= CHUNK_CHARACTERS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const chunk = this.buffer;
    this.buffer = '';
    // events.once rejects when the stream emits 'error' while waiting for 'drain'.
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
    if (this.failure) throw this.failure;
  }

  /** Writes what is buffered, closes the file and moves it to its final name. */
  async finish(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    await rename(this.partialPath, this.finalPath);
  }

  /** Closes the stream and removes the partial file after a failure. */
  async discard(): Promise<void> {
    this.stream.destroy();
    await finished(this.stream).catch(() => undefined);
    await rm(this.partialPath, { force: true });
  }
}

// Questions on the command line, one answer a line, over any input stream: the terminal, a pipe
// from a script, or a test's stream. A secret answer (the admin PIN) is not echoed.
import { createInterface } from 'node:readline';
import type { Interface } from 'node:readline';
import { Writable } from 'node:stream';

export interface PromptStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { columns?: number };
}

/** The input closed (end of a script, Ctrl+D) or Ctrl+C was pressed before an answer came. */
export class InputEndedError extends Error {
  constructor(readonly cancelled: boolean) {
    super(cancelled ? 'cancelled with Ctrl+C' : 'the input ended');
    this.name = 'InputEndedError';
  }
}

export class Prompter {
  private readonly terminal: boolean;
  private readonly lineReader: Interface;
  private readonly lines: AsyncIterator<string>;
  private readonly output: PromptStreams['output'];
  private muted = false;
  private cancelled = false;

  constructor(streams: PromptStreams) {
    this.terminal = streams.input.isTTY === true;
    this.output = streams.output;

    // On a terminal, readline switches off the terminal's own echo and echoes each key itself
    // through this stream. Dropping those writes while `muted` hides a secret as it is typed.
    const echo = new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        if (!this.muted) streams.output.write(chunk);
        callback();
      },
    });
    Object.defineProperty(echo, 'columns', { get: () => streams.output.columns });

    // No history: it would keep the PIN in memory for the up-arrow key.
    this.lineReader = createInterface({ input: streams.input, output: echo, terminal: this.terminal, historySize: 0 });
    this.lineReader.on('SIGINT', () => {
      this.cancelled = true;
      this.lineReader.close();
    });
    // The iterator buffers lines that arrive before they are asked for, as from a pipe.
    this.lines = this.lineReader[Symbol.asyncIterator]();
  }

  /** Shows `question` and returns the answer line without its line break. */
  async ask(question: string, options: { secret?: boolean } = {}): Promise<string> {
    this.lineReader.setPrompt(question);
    this.lineReader.prompt();
    this.muted = options.secret === true;
    try {
      const next = await this.lines.next();
      if (next.done === true) throw new InputEndedError(this.cancelled);
      return next.value;
    } finally {
      this.muted = false;
      // Without a terminal nothing echoes the Enter key, and a muted one was not shown.
      if (!this.terminal || options.secret === true) this.output.write('\n');
    }
  }

  /** Writes a line of text between questions. */
  say(text: string): void {
    this.output.write(`${text}\n`);
  }

  close(): void {
    this.lineReader.close();
  }
}

// PEM (RFC 7468) blocks: splitting a file into blocks, strict decoding of one block, and encoding
// with 64-character lines as OpenSSL writes them.
import { KeyError } from './key-error.js';

export interface PemBlock {
  label: string;
  /** The block from its BEGIN line to its END line, with a final newline. */
  pem: string;
}

const BEGIN_LINE = /^-----BEGIN ([^-\r\n]*)-----[ \t]*$/;
const END_LINE = /^-----END ([^-\r\n]*)-----[ \t]*$/;
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;

/**
 * Splits text into its PEM blocks in order. Text outside the blocks is returned in `outside`
 * so a caller can reject it. Throws a KeyError for a BEGIN without its END.
 */
export function readPemBlocks(text: string): { blocks: PemBlock[]; outside: string } {
  const lines = text.split(/\r?\n/);
  const blocks: PemBlock[] = [];
  let outside = '';

  for (let i = 0; i < lines.length; i++) {
    const begin = BEGIN_LINE.exec(lines[i]!.trim());
    if (begin === null) {
      outside += `${lines[i]}\n`;
      continue;
    }

    const label = begin[1]!;
    const start = i;
    for (i++; i < lines.length; i++) {
      const end = END_LINE.exec(lines[i]!.trim());
      if (end === null) continue;
      if (end[1] !== label) {
        throw new KeyError(`PEM block "${label}" (line ${start + 1}) ends with "END ${end[1]}" on line ${i + 1}`);
      }
      break;
    }
    if (i === lines.length) throw new KeyError(`PEM block "${label}" (line ${start + 1}) has no END line`);

    const blockLines = lines.slice(start, i + 1).map((line) => line.trim());
    blocks.push({ label, pem: `${blockLines.join('\n')}\n` });
  }

  return { blocks, outside };
}

/** Returns the PEM blocks of a text file (for example a trust file with several public keys). */
export function splitPemBlocks(text: string): PemBlock[] {
  return readPemBlocks(text).blocks;
}

/**
 * Reads text that must contain exactly one PEM block and nothing else but whitespace, and decodes
 * its base64 body strictly. Headers are allowed only to report an encrypted legacy key.
 */
export function decodeSinglePem(text: string, subject: string): { label: string; der: Buffer } {
  const { blocks, outside } = readPemBlocks(text);
  if (blocks.length === 0) throw new KeyError(`${subject}: no PEM block (-----BEGIN ...-----) found`);
  if (blocks.length > 1) {
    const labels = blocks.map((block) => block.label).join(', ');
    throw new KeyError(`${subject}: expected one PEM block, found ${blocks.length} (${labels})`);
  }
  if (outside.trim() !== '') throw new KeyError(`${subject}: unexpected text outside the PEM block`);

  const block = blocks[0]!;
  const bodyLines = block.pem.trimEnd().split('\n').slice(1, -1);

  if (bodyLines.some((line) => /^Proc-Type:.*ENCRYPTED/i.test(line))) {
    throw new KeyError(`${subject}: the key is encrypted with a password`, 'encrypted');
  }
  if (bodyLines.some((line) => line.includes(':'))) throw new KeyError(`${subject}: PEM headers are not supported`);

  const body = bodyLines.filter((line) => line !== '').join('');
  if (!bodyLines.every((line) => line === '' || BASE64_LINE.test(line))) {
    throw new KeyError(`${subject}: the PEM body contains characters that are not base64`);
  }

  const der = Buffer.from(body, 'base64');
  // Buffer.from ignores a bad tail silently, so the round trip catches broken padding.
  if (der.length === 0 || der.toString('base64') !== body) {
    throw new KeyError(`${subject}: the PEM body is not valid base64`);
  }

  return { label: block.label, der };
}

/** Encodes DER as PEM with 64-character base64 lines and a final newline. */
export function encodePem(label: string, der: Uint8Array): string {
  const body = Buffer.from(der).toString('base64');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

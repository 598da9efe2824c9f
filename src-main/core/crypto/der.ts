// A small strict DER reader and writer for the few ASN.1 structures of keys and signatures
// (SubjectPublicKeyInfo, PKCS#8, SEC1 ECPrivateKey, ECDSA-style signatures). The reader accepts
// only DER: definite minimal lengths, minimal integers and no bytes after the last element.
import { KeyError } from './key-error.js';

export const TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  objectIdentifier: 0x06,
  sequence: 0x30,
  contextConstructed0: 0xa0,
  contextConstructed1: 0xa1,
} as const;

export interface DerElement {
  tag: number;
  content: Buffer;
}

/** Reads the element at `offset` and returns it with the offset of the byte after it. */
function readElementAt(bytes: Buffer, offset: number, subject: string): { element: DerElement; next: number } {
  if (offset + 2 > bytes.length) throw new KeyError(`${subject}: DER ends inside an element header`);

  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new KeyError(`${subject}: multi-byte DER tags are not supported`);

  let length = bytes[offset + 1]!;
  let headerLength = 2;

  if (length === 0x80) throw new KeyError(`${subject}: indefinite lengths are not DER`);
  if (length > 0x80) {
    const lengthBytes = length - 0x80;
    if (lengthBytes > 4) throw new KeyError(`${subject}: a DER length of ${lengthBytes} bytes is too large`);
    if (offset + 2 + lengthBytes > bytes.length) throw new KeyError(`${subject}: DER ends inside a length`);

    length = bytes.readUIntBE(offset + 2, lengthBytes);
    headerLength += lengthBytes;

    // DER uses the shortest form: a long form only for 128 and more, without leading zero bytes.
    if (length < 0x80 || bytes[offset + 2] === 0) throw new KeyError(`${subject}: DER length is not minimal`);
  }

  const start = offset + headerLength;
  const end = start + length;
  if (end > bytes.length) {
    throw new KeyError(`${subject}: DER element of ${length} bytes is cut off after ${bytes.length - start}`);
  }

  return { element: { tag, content: bytes.subarray(start, end) }, next: end };
}

/** Reads a buffer that must contain exactly one element with the given tag. */
export function readOnly(bytes: Buffer, tag: number, subject: string): DerElement {
  const { element, next } = readElementAt(bytes, 0, subject);
  expectTag(element, tag, subject);
  if (next !== bytes.length) throw new KeyError(`${subject}: ${bytes.length - next} bytes of trailing data after the DER`);
  return element;
}

/** Splits the content of a constructed element into its child elements. */
export function readChildren(element: DerElement, subject: string): DerElement[] {
  const children: DerElement[] = [];
  let offset = 0;
  while (offset < element.content.length) {
    const { element: child, next } = readElementAt(element.content, offset, subject);
    children.push(child);
    offset = next;
  }
  return children;
}

export function expectTag(element: DerElement | undefined, tag: number, subject: string): DerElement {
  if (element === undefined) throw new KeyError(`${subject}: missing DER element (expected tag 0x${hex(tag)})`);
  if (element.tag !== tag) {
    throw new KeyError(`${subject}: unexpected DER tag 0x${hex(element.tag)} (expected 0x${hex(tag)})`);
  }
  return element;
}

/** Decodes a non-negative INTEGER, rejecting non-minimal and negative encodings. */
export function readUnsignedInteger(element: DerElement | undefined, subject: string): bigint {
  const { content } = expectTag(element, TAG.integer, subject);
  if (content.length === 0) throw new KeyError(`${subject}: empty INTEGER`);
  if (content[0]! & 0x80) throw new KeyError(`${subject}: negative INTEGER`);
  if (content.length > 1 && content[0] === 0 && !(content[1]! & 0x80)) {
    throw new KeyError(`${subject}: INTEGER with a redundant leading zero byte`);
  }
  return BigInt(`0x${content.toString('hex')}`);
}

export function readObjectIdentifier(element: DerElement | undefined, subject: string): string {
  const { content } = expectTag(element, TAG.objectIdentifier, subject);
  if (content.length === 0 || content[content.length - 1]! & 0x80) {
    throw new KeyError(`${subject}: malformed OBJECT IDENTIFIER`);
  }

  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < content.length; i++) {
    const byte = content[i]!;
    // A leading 0x80 would encode the same arc with a redundant zero group.
    if (value === 0 && byte === 0x80) throw new KeyError(`${subject}: OBJECT IDENTIFIER arc is not minimal`);
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER) throw new KeyError(`${subject}: OBJECT IDENTIFIER arc is too large`);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }

  // The first encoded arc combines the first two: 40 * first + second.
  const first = arcs[0]!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

/** Returns the bytes of a BIT STRING, which in key encodings must have no unused bits. */
export function readBitStringBytes(element: DerElement | undefined, subject: string): Buffer {
  const { content } = expectTag(element, TAG.bitString, subject);
  if (content.length === 0 || content[0] !== 0) throw new KeyError(`${subject}: BIT STRING with unused bits`);
  return content.subarray(1);
}

export function encodeElement(tag: number, content: Uint8Array): Buffer {
  const length = content.length;
  let header: Buffer;
  if (length < 0x80) {
    header = Buffer.from([tag, length]);
  } else {
    const lengthBytes = Math.ceil(length.toString(16).length / 2);
    header = Buffer.alloc(2 + lengthBytes);
    header[0] = tag;
    header[1] = 0x80 + lengthBytes;
    header.writeUIntBE(length, 2, lengthBytes);
  }
  return Buffer.concat([header, content]);
}

export function encodeSequence(...children: Buffer[]): Buffer {
  return encodeElement(TAG.sequence, Buffer.concat(children));
}

export function encodeUnsignedInteger(value: bigint): Buffer {
  let digits = value.toString(16);
  if (digits.length % 2 === 1) digits = `0${digits}`;
  let content = Buffer.from(digits, 'hex');
  if (content[0]! & 0x80) content = Buffer.concat([Buffer.from([0]), content]);
  return encodeElement(TAG.integer, content);
}

export function encodeObjectIdentifier(oid: string): Buffer {
  const arcs = oid.split('.').map(Number);
  const values = [arcs[0]! * 40 + arcs[1]!, ...arcs.slice(2)];
  const bytes: number[] = [];
  for (const value of values) {
    // Base 128, most significant group first, with the high bit set on all groups but the last.
    const groups = [value & 0x7f];
    for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128)) {
      groups.unshift((rest & 0x7f) | 0x80);
    }
    bytes.push(...groups);
  }
  return encodeElement(TAG.objectIdentifier, Buffer.from(bytes));
}

export function encodeBitString(bytes: Uint8Array): Buffer {
  return encodeElement(TAG.bitString, Buffer.concat([Buffer.from([0]), bytes]));
}

export function encodeOctetString(bytes: Uint8Array): Buffer {
  return encodeElement(TAG.octetString, bytes);
}

function hex(tag: number): string {
  return tag.toString(16).padStart(2, '0');
}

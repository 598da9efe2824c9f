// SM3 hash (GB/T 32905-2016, also GM/T 0004-2012), written here because Electron's BoringSSL has
// no SM3, so the kiosk cannot take it from node:crypto. The output is 32 bytes.

const BLOCK_BYTES = 64;

const INITIAL_STATE = [
  0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e,
];

// T_j rotated left by (j mod 32), as the compression function uses it in round j.
const ROUND_CONSTANTS = Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32));

/** Streaming SM3: feed any number of chunks with update(), then call digest() once. */
export class Sm3 {
  private readonly state = Int32Array.from(INITIAL_STATE);
  private readonly block = new Uint8Array(BLOCK_BYTES);
  private blockLength = 0;
  private totalBytes = 0;
  private finished = false;

  // Scratch arrays of the message expansion, reused for every block.
  private readonly w = new Int32Array(68);
  private readonly wPrime = new Int32Array(64);

  update(data: Uint8Array): this {
    if (this.finished) throw new Error('Sm3.update called after digest()');

    let offset = 0;
    this.totalBytes += data.length;

    if (this.blockLength > 0) {
      const take = Math.min(BLOCK_BYTES - this.blockLength, data.length);
      this.block.set(data.subarray(0, take), this.blockLength);
      this.blockLength += take;
      offset = take;
      if (this.blockLength < BLOCK_BYTES) return this;
      this.compress(this.block, 0);
      this.blockLength = 0;
    }

    // Whole blocks are compressed straight from the input without copying.
    while (data.length - offset >= BLOCK_BYTES) {
      this.compress(data, offset);
      offset += BLOCK_BYTES;
    }

    this.block.set(data.subarray(offset), 0);
    this.blockLength = data.length - offset;
    return this;
  }

  /** Pads, finishes and returns the 32-byte hash. The instance cannot be used afterwards. */
  digest(): Buffer {
    if (this.finished) throw new Error('Sm3.digest called twice');
    this.finished = true;

    // Padding: one 1 bit, zeros up to 56 bytes mod 64, then the message length in bits as a
    // 64-bit big-endian number.
    const bitLengthHigh = Math.floor(this.totalBytes / 2 ** 29);
    const bitLengthLow = ((this.totalBytes % 2 ** 29) * 8) >>> 0;

    this.block[this.blockLength] = 0x80;
    this.block.fill(0, this.blockLength + 1);
    if (this.blockLength + 1 > BLOCK_BYTES - 8) {
      this.compress(this.block, 0);
      this.block.fill(0);
    }
    const view = new DataView(this.block.buffer);
    view.setUint32(BLOCK_BYTES - 8, bitLengthHigh);
    view.setUint32(BLOCK_BYTES - 4, bitLengthLow);
    this.compress(this.block, 0);

    const output = Buffer.alloc(32);
    for (let i = 0; i < 8; i++) output.writeInt32BE(this.state[i]!, i * 4);
    return output;
  }

  private compress(data: Uint8Array, offset: number): void {
    const w = this.w;
    const wPrime = this.wPrime;

    for (let j = 0; j < 16; j++) {
      const at = offset + j * 4;
      w[j] = (data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!;
    }
    for (let j = 16; j < 68; j++) {
      const x = w[j - 16]! ^ w[j - 9]! ^ rotl(w[j - 3]!, 15);
      w[j] = (x ^ rotl(x, 15) ^ rotl(x, 23)) ^ rotl(w[j - 13]!, 7) ^ w[j - 6]!;
    }
    for (let j = 0; j < 64; j++) wPrime[j] = w[j]! ^ w[j + 4]!;

    const state = this.state;
    let a = state[0]!;
    let b = state[1]!;
    let c = state[2]!;
    let d = state[3]!;
    let e = state[4]!;
    let f = state[5]!;
    let g = state[6]!;
    let h = state[7]!;

    for (let j = 0; j < 64; j++) {
      const a12 = rotl(a, 12);
      const ss1 = rotl((a12 + e + ROUND_CONSTANTS[j]!) | 0, 7);
      const ss2 = ss1 ^ a12;
      const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = (ff + d + ss2 + wPrime[j]!) | 0;
      const tt2 = (gg + h + ss1 + w[j]!) | 0;
      d = c;
      c = rotl(b, 9);
      b = a;
      a = tt1;
      h = g;
      g = rotl(f, 19);
      f = e;
      e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);
    }

    state[0]! ^= a;
    state[1]! ^= b;
    state[2]! ^= c;
    state[3]! ^= d;
    state[4]! ^= e;
    state[5]! ^= f;
    state[6]! ^= g;
    state[7]! ^= h;
  }
}

/** Rotates a 32-bit word left by 0 to 31 bits; the result is a signed 32-bit integer. */
function rotl(x: number, bits: number): number {
  return (x << bits) | (x >>> (32 - bits));
}

/** Returns the SM3 hash of one buffer. */
export function sm3(data: Uint8Array): Buffer {
  return new Sm3().update(data).digest();
}

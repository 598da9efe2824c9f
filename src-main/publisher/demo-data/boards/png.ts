// Small PNG images for demo documents: charts embedded in notices, the red mark of an issuing
// office and site photos of projects. Written by hand with node:zlib, because the format needs
// only a signature, three chunks and deflated scanlines (PNG specification, W3C 2003).
import { deflateSync } from 'node:zlib';

export type Rgb = readonly [number, number, number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOR_TYPE_RGB = 2;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** An RGB raster with the few drawing operations the demo images need. */
export class Canvas {
  private readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.pixels = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  setPixel(x: number, y: number, color: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const offset = (y * this.width + x) * 3;
    this.pixels[offset] = color[0];
    this.pixels[offset + 1] = color[1];
    this.pixels[offset + 2] = color[2];
  }

  fillRect(x: number, y: number, width: number, height: number, color: Rgb): void {
    for (let row = Math.max(0, y); row < Math.min(this.height, y + height); row += 1) {
      for (let column = Math.max(0, x); column < Math.min(this.width, x + width); column += 1) {
        this.setPixel(column, row, color);
      }
    }
  }

  /** Fills the ring between two radii around a centre. An inner radius of 0 fills a disc. */
  fillRing(centerX: number, centerY: number, outerRadius: number, innerRadius: number, color: Rgb): void {
    for (let y = Math.floor(centerY - outerRadius); y <= Math.ceil(centerY + outerRadius); y += 1) {
      for (let x = Math.floor(centerX - outerRadius); x <= Math.ceil(centerX + outerRadius); x += 1) {
        const distance = Math.hypot(x - centerX, y - centerY);
        if (distance <= outerRadius && distance >= innerRadius) this.setPixel(x, y, color);
      }
    }
  }

  /** Fills a convex or star-shaped polygon by testing each pixel with the even-odd rule. */
  fillPolygon(points: readonly (readonly [number, number])[], color: Rgb): void {
    const xs = points.map((point) => point[0]);
    const ys = points.map((point) => point[1]);
    for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y += 1) {
      for (let x = Math.floor(Math.min(...xs)); x <= Math.ceil(Math.max(...xs)); x += 1) {
        if (insidePolygon(points, x + 0.5, y + 0.5)) this.setPixel(x, y, color);
      }
    }
  }

  /** Encodes the raster as a PNG file: 8-bit RGB, no interlacing, filter type 0 on each row. */
  toPng(): Buffer {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header[8] = 8;
    header[9] = COLOR_TYPE_RGB;

    const rowLength = this.width * 3;
    const scanlines = Buffer.alloc((rowLength + 1) * this.height);
    for (let y = 0; y < this.height; y += 1) {
      scanlines[y * (rowLength + 1)] = 0;
      scanlines.set(this.pixels.subarray(y * rowLength, (y + 1) * rowLength), y * (rowLength + 1) + 1);
    }

    return Buffer.concat([
      PNG_SIGNATURE,
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(scanlines, { level: 9 })),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

function insidePolygon(points: readonly (readonly [number, number])[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i, i += 1) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

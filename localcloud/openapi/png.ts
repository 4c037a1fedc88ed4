// A QR matrix drawn as a PNG with node:zlib. The qrcode package's own PNG path (pngjs) filters every
// pixel in JavaScript, which takes seconds for a 1280 px code inside jest's sandbox; here each
// distinct scanline is built once and copied, and deflate is native.
import zlib from 'node:zlib';

export interface Matrix {
  size: number;
  /** true = dark module */
  get(row: number, col: number): boolean;
}

export interface PngStyle {
  width: number;
  /** Quiet zone in modules. */
  margin: number;
  dark: [number, number, number, number];
  light: [number, number, number, number];
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGBA PNG of `width` × `width` pixels. */
export function matrixToPng(m: Matrix, style: PngStyle): Buffer {
  const { width, margin } = style;
  const modules = m.size + margin * 2;
  const scale = width / modules;
  const stride = 1 + width * 4; // filter byte 0 (None) + RGBA pixels
  const colOf = new Int32Array(width);
  for (let x = 0; x < width; x++) colOf[x] = Math.floor(x / scale) - margin;
  const scanline = (row: number): Buffer => {
    const line = Buffer.alloc(stride);
    for (let x = 0; x < width; x++) {
      const col = colOf[x];
      const on = row >= 0 && row < m.size && col >= 0 && col < m.size && m.get(row, col);
      const c = on ? style.dark : style.light;
      line.set(c, 1 + x * 4);
    }
    return line;
  };
  const cache = new Map<number, Buffer>();
  const raw = Buffer.alloc(stride * width);
  for (let y = 0; y < width; y++) {
    const row = Math.floor(y / scale) - margin;
    const key = row >= 0 && row < m.size ? row : -1;
    let line = cache.get(key);
    if (!line) cache.set(key, (line = scanline(key)));
    line.copy(raw, y * stride);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(width, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method extras, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

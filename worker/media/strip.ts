/**
 * Removes metadata from an image at the container level: segments and chunks
 * are dropped whole, the pixels are never decoded or touched. The browser's
 * re-encode already drops metadata; this is the server's own guarantee, since
 * any client can post a camera's original file (GPS coordinates included).
 *
 * - JPEG: every APP1–APP15 segment (EXIF, XMP, IPTC, vendor blocks) and COM,
 *   except APP2 `ICC_PROFILE` (colours) and APP14 `Adobe` (how CMYK/YCCK
 *   pixels are to be read); APP0 (JFIF) is kept.
 * - PNG: tEXt, iTXt, zTXt, eXIf and tIME chunks.
 * - WebP: EXIF and XMP chunks, and their flags in VP8X.
 *
 * A file whose structure does not parse is refused (`null`), never passed on.
 */

const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));
const concat = (parts: Uint8Array[]): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
};

export function stripMetadata(bytes: Uint8Array, contentType: string): Uint8Array<ArrayBuffer> | null {
  if (contentType === 'image/jpeg') return stripJpeg(bytes);
  if (contentType === 'image/png') return stripPng(bytes);
  if (contentType === 'image/webp') return stripWebp(bytes);
  return null;
}

function keepJpegSegment(marker: number, bytes: Uint8Array, payloadAt: number): boolean {
  if (marker === 0xfe) return false; // COM
  if (marker < 0xe0 || marker > 0xef) return true; // not an APPn: tables, frame headers…
  if (marker === 0xe0) return true; // JFIF
  if (marker === 0xe2) return ascii(bytes, payloadAt, 12) === 'ICC_PROFILE\0';
  if (marker === 0xee) return ascii(bytes, payloadAt, 5) === 'Adobe';
  return false;
}

export function stripJpeg(bytes: Uint8Array): Uint8Array<ArrayBuffer> | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    // Fill bytes before a marker.
    if (marker === 0xff) {
      at++;
      continue;
    }
    // Markers without a length (RSTn, TEM) do not appear before SOS in a valid file.
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) return null;
    if (marker === 0xda) {
      // Start of scan: the entropy-coded data and everything after it is image data.
      // Metadata after the scan (rare) is not read by any viewer before EOI; the rest is copied as is.
      parts.push(bytes.subarray(at));
      return concat(parts);
    }
    if (keepJpegSegment(marker, bytes, at + 4)) parts.push(bytes.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  return null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_DROPPED = new Set(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME']);

export function stripPng(bytes: Uint8Array): Uint8Array<ArrayBuffer> | null {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = ascii(bytes, at + 4, 4);
    const end = at + 12 + length;
    if (end > bytes.length) return null;
    if (!PNG_DROPPED.has(type)) parts.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') return concat(parts);
  }
  return null;
}

const VP8X_XMP = 0x04;
const VP8X_EXIF = 0x08;

export function stripWebp(bytes: Uint8Array): Uint8Array<ArrayBuffer> | null {
  if (bytes.length < 12 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffEnd = Math.min(bytes.length, 8 + view.getUint32(4, true));
  const chunks: Uint8Array[] = [];
  let at = 12;
  while (at + 8 <= riffEnd) {
    const type = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    // Chunks are padded to an even size.
    const end = at + 8 + size + (size & 1);
    if (at + 8 + size > riffEnd) return null;
    if (type === 'VP8X') {
      const chunk = bytes.slice(at, Math.min(end, riffEnd));
      chunk[8] = chunk[8]! & ~(VP8X_EXIF | VP8X_XMP);
      chunks.push(chunk);
    } else if (type !== 'EXIF' && type !== 'XMP ') {
      chunks.push(bytes.subarray(at, Math.min(end, riffEnd)));
    }
    at = end;
  }
  const body = concat(chunks);
  const header = new Uint8Array(12);
  header.set(bytes.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, 4 + body.byteLength, true);
  return concat([header, body]);
}

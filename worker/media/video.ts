/**
 * A video's length and frame size, read from its container headers without
 * decoding anything: MP4's `mvhd`/`tkhd` boxes, WebM's EBML `Info` and
 * `Tracks`. Null when the headers are not there (e.g. a recording written
 * without its duration): the length limit cannot be checked, so such a file is refused.
 */

export interface VideoFacts {
  durationSeconds: number;
  width: number;
  height: number;
}

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

/** MP4 boxes in [start, end): yields type, payload start and end. */
function* boxes(b: Uint8Array, view: DataView, start: number, end: number) {
  let at = start;
  while (at + 8 <= end) {
    let size = view.getUint32(at);
    const type = ascii(b, at + 4, 4);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) return;
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < header || at + size > end) return;
    yield { type, start: at + header, end: at + size };
    at += size;
  }
}

export function mp4Facts(b: Uint8Array): VideoFacts | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const moov = [...boxes(b, view, 0, b.length)].find((x) => x.type === 'moov');
  if (!moov) return null;
  let durationSeconds: number | null = null;
  let width = 0;
  let height = 0;
  for (const box of boxes(b, view, moov.start, moov.end)) {
    if (box.type === 'mvhd' && box.end - box.start >= 20) {
      const v1 = b[box.start] === 1;
      const timescale = view.getUint32(box.start + (v1 ? 20 : 12));
      const duration = v1 ? Number(view.getBigUint64(box.start + 24)) : view.getUint32(box.start + 16);
      if (timescale > 0) durationSeconds = duration / timescale;
    }
    if (box.type === 'trak') {
      const tkhd = [...boxes(b, view, box.start, box.end)].find((x) => x.type === 'tkhd');
      if (!tkhd) continue;
      // Width and height are the last 8 bytes, 16.16 fixed point.
      if (tkhd.end - tkhd.start < 84) continue;
      const w = view.getUint32(tkhd.end - 8) >>> 16;
      const h = view.getUint32(tkhd.end - 4) >>> 16;
      if (w * h > width * height) [width, height] = [w, h];
    }
  }
  return durationSeconds === null ? null : { durationSeconds, width, height };
}

const EBML = { Segment: 0x18538067, Info: 0x1549a966, Tracks: 0x1654ae6b, TrackEntry: 0xae, Video: 0xe0, Cluster: 0x1f43b675 };
const MASTERS = new Set([EBML.Segment, EBML.Info, EBML.Tracks, EBML.TrackEntry, EBML.Video]);
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;
const PIXEL_WIDTH = 0xb0;
const PIXEL_HEIGHT = 0xba;

/** An EBML variable-length integer at `at`: its value (marker bit kept for ids) and length; null if malformed. */
function vint(b: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } | null {
  const first = b[at];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (length > 8 || at + length > b.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === (0xff >> length);
  for (let i = 1; i < length; i++) {
    value = value * 256 + b[at + i]!;
    if (b[at + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function uint(b: Uint8Array, at: number, size: number): number {
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + b[at + i]!;
  return v;
}

export function webmFacts(b: Uint8Array): VideoFacts | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let scale = 1_000_000; // nanoseconds per tick, the default TimecodeScale
  let duration: number | null = null;
  let width = 0;
  let height = 0;
  const walk = (start: number, end: number): void => {
    let at = start;
    while (at < end) {
      const id = vint(b, at, true);
      if (!id) return;
      const size = vint(b, at + id.length, false);
      if (!size) return;
      const data = at + id.length + size.length;
      // Clusters (the frames) come after the headers this needs.
      if (id.value === EBML.Cluster) return;
      const dataEnd = size.unknown ? end : Math.min(end, data + size.value);
      if (MASTERS.has(id.value)) walk(data, dataEnd);
      else if (id.value === TIMECODE_SCALE) scale = uint(b, data, size.value);
      else if (id.value === DURATION) duration = size.value === 4 ? view.getFloat32(data) : size.value === 8 ? view.getFloat64(data) : null;
      else if (id.value === PIXEL_WIDTH) width = Math.max(width, uint(b, data, size.value));
      else if (id.value === PIXEL_HEIGHT) height = Math.max(height, uint(b, data, size.value));
      if (size.unknown) return;
      at = data + size.value;
    }
  };
  walk(0, b.length);
  return duration === null ? null : { durationSeconds: (duration * scale) / 1e9, width, height };
}

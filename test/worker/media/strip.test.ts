import exifr from 'exifr';
import { imageSize } from 'image-size';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { stripJpeg, stripPng, stripWebp } from '../../../worker/media/strip';
import { jpegWithGps, pngWithGps, SECRET_MARK, webpChunks, webpWithGps } from '../../fixtures/media';

const everything = { tiff: true, exif: true, gps: true, xmp: true, iptc: true, icc: false, jfif: false, ihdr: false } as const;
const contains = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(text);

describe('stripJpeg', () => {
  it('removes EXIF with GPS, XMP and comments, and the pixels still decode the same', async () => {
    const original = jpegWithGps(20, 10);
    expect(await exifr.gps(original)).toBeDefined();
    expect(contains(original, SECRET_MARK)).toBe(true);
    const stripped = stripJpeg(original)!;
    expect(await exifr.parse(stripped, everything)).toBeUndefined();
    expect(contains(stripped, SECRET_MARK)).toBe(false);
    expect(contains(stripped, 'http://ns.adobe.com/xap')).toBe(false);
    const a = jpeg.decode(original, { useTArray: true });
    const b = jpeg.decode(stripped, { useTArray: true });
    expect([b.width, b.height]).toEqual([20, 10]);
    expect(Buffer.from(b.data).equals(Buffer.from(a.data))).toBe(true);
  });

  it('keeps an ICC colour profile', () => {
    const original = jpegWithGps();
    const icc = Buffer.concat([Buffer.from('ICC_PROFILE\0'), Buffer.from([1, 1]), Buffer.alloc(16, 7)]);
    const withIcc = Buffer.concat([original.subarray(0, 2), Buffer.from([0xff, 0xe2, 0, icc.length + 2]), icc, original.subarray(2)]);
    expect(contains(stripJpeg(new Uint8Array(withIcc))!, 'ICC_PROFILE')).toBe(true);
  });

  it('refuses a file whose segments do not parse', () => {
    expect(stripJpeg(jpegWithGps().subarray(0, 30))).toBeNull();
    expect(stripJpeg(new Uint8Array([0xff, 0xd8, 0x00, 0x01, 0x02, 0x03]))).toBeNull();
  });
});

describe('stripPng', () => {
  it('removes eXIf (GPS), tEXt, iTXt and zTXt, and the image still reads', async () => {
    const original = pngWithGps(8, 6);
    expect(await exifr.gps(original)).toBeDefined();
    const stripped = stripPng(original)!;
    expect(await exifr.parse(stripped, everything)).toBeUndefined();
    expect(contains(stripped, SECRET_MARK)).toBe(false);
    for (const chunk of ['eXIf', 'tEXt', 'iTXt', 'zTXt']) expect(contains(stripped, chunk), chunk).toBe(false);
    expect(imageSize(stripped)).toMatchObject({ width: 8, height: 6, type: 'png' });
    expect(contains(stripped, 'IDAT') && contains(stripped, 'IEND')).toBe(true);
  });

  it('refuses a PNG cut short', () => {
    expect(stripPng(pngWithGps().subarray(0, 60))).toBeNull();
  });
});

describe('stripWebp', () => {
  it('removes the EXIF and XMP chunks and their VP8X flags, and fixes the RIFF size', () => {
    const original = webpWithGps();
    expect(webpChunks(original)).toEqual(['VP8X', 'VP8L', 'EXIF', 'XMP ']);
    expect(contains(original, SECRET_MARK)).toBe(true);
    const stripped = stripWebp(original)!;
    expect(webpChunks(stripped)).toEqual(['VP8X', 'VP8L']);
    expect(contains(stripped, SECRET_MARK)).toBe(false);
    expect(stripped[20]! & 0x0c).toBe(0);
    expect(Buffer.from(stripped).readUInt32LE(4)).toBe(stripped.length - 8);
    expect(imageSize(stripped)).toMatchObject({ width: 1, height: 1, type: 'webp' });
  });

  it('refuses a chunk that runs past the end', () => {
    const cut = webpWithGps().slice(0, 40);
    expect(stripWebp(cut)).toBeNull();
  });
});

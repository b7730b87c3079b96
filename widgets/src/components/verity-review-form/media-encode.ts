/**
 * What the browser does to a shopper's files before they leave it: a photo
 * is drawn onto a canvas no larger than the store's bound (longest side
 * 2,048 px by default) and exported as WebP, or JPEG where the browser cannot
 * write WebP (Safari answers a PNG instead). A canvas export carries pixels
 * only, so EXIF, XMP and GPS coordinates stay behind; the server strips them
 * again all the same. A video is sent as it is, after a look at its length,
 * with one frame drawn the same way as its poster.
 */

type Canvas = OffscreenCanvas | HTMLCanvasElement;

function canvasOf(width: number, height: number): Canvas {
  // OffscreenCanvas where there is one (its convertToBlob is a promise); a detached <canvas> elsewhere.
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  return Object.assign(document.createElement('canvas'), { width, height });
}

const exportAs = (canvas: Canvas, type: string): Promise<Blob | null> =>
  canvas instanceof HTMLCanvasElement ? new Promise((resolve) => canvas.toBlob(resolve, type, 0.85)) : canvas.convertToBlob({ type, quality: 0.85 });

/** The size that fits `width` × `height` within `max` on its longest side, never larger than it was. */
export function bounded(width: number, height: number, max: number): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function draw(source: CanvasImageSource, width: number, height: number, max: number): Promise<Blob> {
  const size = bounded(width, height, max);
  const canvas = canvasOf(size.width, size.height);
  const context = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
  context.drawImage(source, 0, 0, size.width, size.height);
  for (const type of ['image/webp', 'image/jpeg']) {
    const blob = await exportAs(canvas, type);
    if (blob?.type === type) return blob;
  }
  throw new Error('this browser can export neither WebP nor JPEG');
}

/**
 * A photo re-encoded within `max` px. Rejects when the file is no image the browser can read.
 *
 * @example const webp = await reencodeImage(file, limits.maxImagePixels);
 */
export async function reencodeImage(file: Blob, max: number): Promise<Blob> {
  // 'from-image': a phone's portrait photo is stored sideways with an EXIF orientation; the pixels sent stand upright.
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    return await draw(bitmap, bitmap.width, bitmap.height, max);
  } finally {
    bitmap.close();
  }
}

const once = (target: EventTarget, ok: string) =>
  new Promise<void>((resolve, reject) => {
    target.addEventListener(ok, () => resolve(), { once: true });
    target.addEventListener('error', () => reject(new Error('unreadable video')), { once: true });
  });

/** A video's length in seconds and its poster: the frame at one second (or halfway, for a shorter one). Rejects for a file the browser cannot play. */
export async function inspectVideo(file: Blob, max: number): Promise<{ seconds: number; poster: Blob }> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  const url = URL.createObjectURL(file);
  try {
    const loaded = once(video, 'loadeddata');
    video.src = url;
    await loaded;
    const seconds = video.duration;
    const seeked = once(video, 'seeked');
    video.currentTime = Number.isFinite(seconds) ? Math.min(1, seconds / 2) : 0;
    await seeked;
    return { seconds, poster: await draw(video, video.videoWidth, video.videoHeight, max) };
  } finally {
    video.removeAttribute('src');
    URL.revokeObjectURL(url);
  }
}

/**
 * What an uploaded file really is, from its bytes: the type by magic numbers
 * (file-type), an image's size (image-size) and a video's length. The
 * declared Content-Type only has to agree; it never decides.
 */
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { ApiError } from '../errors';
import { IMAGE_TYPES, MAX_IMAGE_SIDE, VIDEO_TYPES, type ImageType, type MediaLimits, type VideoType } from './limits';
import { stripMetadata } from './strip';
import { mp4Facts, webmFacts } from './video';

export interface InspectedMedia {
  kind: 'image' | 'video';
  contentType: ImageType | VideoType;
  /** The bytes to store: an image's with its metadata removed, a video's as sent. */
  bytes: Uint8Array<ArrayBuffer>;
  width: number;
  height: number;
  durationSeconds: number | null;
}

const isImage = (t: string): t is ImageType => (IMAGE_TYPES as readonly string[]).includes(t);
const isVideo = (t: string): t is VideoType => (VIDEO_TYPES as readonly string[]).includes(t);
const invalid = (message: string) => new ApiError('INVALID_MEDIA', message);

/** The declared type, without parameters, lower case. */
export const declaredType = (header: string | undefined) => (header ?? '').split(';')[0]!.trim().toLowerCase();

/** Checks a declared type against what the store takes, before the body is read. */
export function acceptedType(declared: string, limits: MediaLimits): ImageType | VideoType {
  const accepted: string[] = [...limits.acceptImages, ...limits.acceptVideo];
  if (!accepted.includes(declared) || !(isImage(declared) || isVideo(declared))) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `send a photo or video as one of ${accepted.join(', ')} (got ${JSON.stringify(declared.slice(0, 100) || 'none')})`, {
      accepted,
    });
  }
  return declared;
}

export async function inspectMedia(bytes: Uint8Array<ArrayBuffer>, declared: ImageType | VideoType, limits: MediaLimits): Promise<InspectedMedia> {
  const detected = (await fileTypeFromBuffer(bytes))?.mime;
  if (detected !== declared) {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `the file is ${detected ? `a ${detected}` : 'of no type accepted here'}, not the ${declared} its Content-Type says`, {
      declared,
      detected: detected ?? null,
    });
  }
  if (isImage(declared)) {
    let size: { width?: number; height?: number };
    try {
      size = imageSize(bytes);
    } catch {
      throw invalid('the image could not be read');
    }
    const { width = 0, height = 0 } = size;
    if (width < 1 || height < 1) throw invalid('the image could not be read');
    if (Math.max(width, height) > MAX_IMAGE_SIDE) {
      throw invalid(`the image is ${width}×${height} pixels; its longest side may be at most ${MAX_IMAGE_SIDE}`);
    }
    const stripped = stripMetadata(bytes, declared);
    if (!stripped) throw invalid('the image could not be read');
    return { kind: 'image', contentType: declared, bytes: stripped, width, height, durationSeconds: null };
  }
  const facts = declared === 'video/mp4' ? mp4Facts(bytes) : webmFacts(bytes);
  if (!facts) throw invalid('the video does not say how long it is; export it again as MP4 or WebM');
  if (facts.durationSeconds > limits.maxVideoSeconds) {
    throw invalid(`the video is ${Math.round(facts.durationSeconds)} s long; it may be at most ${limits.maxVideoSeconds} s`);
  }
  return { kind: 'video', contentType: declared, bytes, width: facts.width, height: facts.height, durationSeconds: Math.round(facts.durationSeconds * 100) / 100 };
}

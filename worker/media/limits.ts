/** What a store accepts as review media: its settings over the defaults (issue 15). */
import type { Store } from '../../db/schema';

export const IMAGE_TYPES = ['image/jpeg', 'image/webp', 'image/png'] as const;
export const VIDEO_TYPES = ['video/mp4', 'video/webm'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
export type VideoType = (typeof VIDEO_TYPES)[number];

export interface MediaLimits {
  /** Photos per review (one video comes on top). */
  maxPhotos: number;
  maxImageBytes: number;
  /** The longest side the browser re-encodes to; the server accepts up to MAX_IMAGE_SIDE. */
  maxImagePixels: number;
  maxVideoBytes: number;
  maxVideoSeconds: number;
  acceptImages: ImageType[];
  acceptVideo: VideoType[];
}

export const defaultMediaLimits: MediaLimits = {
  maxPhotos: 5,
  maxImageBytes: 10 * 1024 * 1024,
  maxImagePixels: 2048,
  maxVideoBytes: 50 * 1024 * 1024,
  maxVideoSeconds: 60,
  acceptImages: [...IMAGE_TYPES],
  acceptVideo: [...VIDEO_TYPES],
};

/** Twice what the form sends: room for a client that does not re-encode, still far from a decompression bomb. */
export const MAX_IMAGE_SIDE = 4096;

/** Hours an upload may wait for its review before the cleanup deletes it. */
export const UNATTACHED_TTL_MS = 24 * 60 * 60 * 1000;

export const mediaLimits = (store: Store): MediaLimits => ({ ...defaultMediaLimits, ...store.settings.media });

export const EXTENSIONS: Record<ImageType | VideoType, string> = {
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/png': 'png',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
};

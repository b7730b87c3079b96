/** English for photos and video: the thumbnails, the lightbox and <verity-gallery>; loaded only where a store has media. */
export const enMedia = {
  withPhotos: 'With photos',
  photoAlt: 'Photo {n} of {count} from {name}’s review',
  videoAlt: 'Video from {name}’s review',
  galleryAlt: 'Photo from {name}’s {rating}-star review',
  galleryTitle: 'Customer photos',
  viewer: 'Photo viewer',
  previous: 'Previous',
  next: 'Next',
  close: 'Close',
  position: '{n} of {count}',
};

export type MediaMessages = typeof enMedia;

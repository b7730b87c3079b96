import type { MediaMessages } from './en';

export const templates = {
  withPhotos: '写真付き',
  photoAlt: '{name}さんのレビューの写真（{count}枚中{n}枚目）',
  videoAlt: '{name}さんのレビューの動画',
  galleryAlt: '{name}さんの星{rating}つのレビューの写真',
  galleryTitle: 'お客様の写真',
  viewer: '写真ビューアー',
  previous: '前へ',
  next: '次へ',
  close: '閉じる',
  position: '{n} / {count}',
} satisfies MediaMessages;

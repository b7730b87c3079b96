import type { MediaMessages } from './en';

export const templates = {
  withPhotos: 'Mit Fotos',
  photoAlt: 'Foto {n} von {count} aus der Bewertung von {name}',
  videoAlt: 'Video aus der Bewertung von {name}',
  galleryAlt: 'Foto aus der {rating}-Sterne-Bewertung von {name}',
  galleryTitle: 'Fotos von Kunden',
  viewer: 'Fotoansicht',
  previous: 'Zurück',
  next: 'Weiter',
  close: 'Schließen',
  position: '{n} von {count}',
} satisfies MediaMessages;

import type { MediaMessages } from './en';

export const templates = {
  withPhotos: 'Avec photos',
  photoAlt: 'Photo {n} sur {count} de l’avis de {name}',
  videoAlt: 'Vidéo de l’avis de {name}',
  galleryAlt: 'Photo de l’avis {rating} étoiles de {name}',
  galleryTitle: 'Photos des clients',
  viewer: 'Visionneuse de photos',
  previous: 'Précédente',
  next: 'Suivante',
  close: 'Fermer',
  position: '{n} sur {count}',
} satisfies MediaMessages;

import type { MediaMessages } from './en';

export const templates = {
  withPhotos: 'Con fotos',
  photoAlt: 'Foto {n} de {count} de la reseña de {name}',
  videoAlt: 'Vídeo de la reseña de {name}',
  galleryAlt: 'Foto de la reseña de {rating} estrellas de {name}',
  galleryTitle: 'Fotos de clientes',
  viewer: 'Visor de fotos',
  previous: 'Anterior',
  next: 'Siguiente',
  close: 'Cerrar',
  position: '{n} de {count}',
} satisfies MediaMessages;

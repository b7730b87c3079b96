import type { FormMessages } from './en';

export const templates = {
  yourRating: 'Tu valoración',
  title: 'Título (opcional)',
  body: 'Tu reseña',
  bodyHint: 'Admite Markdown: **negrita**, *cursiva*, listas, enlaces.',
  preview: 'Vista previa',
  name: 'Nombre visible',
  submit: 'Enviar reseña',
  sending: 'Enviando…',
  thanksPublished: '¡Gracias! Tu reseña está publicada.',
  thanksPending: '¡Gracias! Tu reseña aparecerá cuando la tienda la revise.',
  errRating: 'Elige una valoración de 1 a 5 estrellas.',
  errBody: 'Cuenta a otros compradores lo que opinas.',
  errName: 'Indica el nombre que se mostrará con tu reseña.',
  errEmail: 'Introduce tu correo electrónico (nunca se muestra).',
} satisfies FormMessages;

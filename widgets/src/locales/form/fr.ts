import type { FormMessages } from './en';

export const templates = {
  yourRating: 'Votre note',
  title: 'Titre (facultatif)',
  body: 'Votre avis',
  bodyHint: 'Markdown accepté : **gras**, *italique*, listes, liens.',
  preview: 'Aperçu',
  name: 'Nom affiché',
  submit: 'Envoyer l’avis',
  sending: 'Envoi…',
  thanksPublished: 'Merci ! Votre avis est publié.',
  thanksPending: 'Merci ! Votre avis apparaîtra après vérification par la boutique.',
  errRating: 'Choisissez une note de 1 à 5 étoiles.',
  errBody: 'Dites aux autres clients ce que vous en pensez.',
  errName: 'Indiquez le nom à afficher avec votre avis.',
  errEmail: 'Saisissez votre adresse e-mail (elle n’est jamais affichée).',
} satisfies FormMessages;

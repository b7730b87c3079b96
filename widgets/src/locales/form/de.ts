import type { FormMessages } from './en';

export const templates = {
  yourRating: 'Ihre Bewertung',
  title: 'Titel (optional)',
  body: 'Ihre Bewertung',
  bodyHint: 'Markdown geht: **fett**, *kursiv*, Listen, Links.',
  preview: 'Vorschau',
  name: 'Angezeigter Name',
  submit: 'Bewertung senden',
  sending: 'Wird gesendet …',
  thanksPublished: 'Danke! Ihre Bewertung ist veröffentlicht.',
  thanksPending: 'Danke! Ihre Bewertung erscheint, sobald der Shop sie angesehen hat.',
  errRating: 'Wählen Sie eine Bewertung von 1 bis 5 Sternen.',
  errBody: 'Erzählen Sie anderen Käufern, was Sie denken.',
  errName: 'Geben Sie den Namen an, der bei Ihrer Bewertung stehen soll.',
  errEmail: 'Geben Sie Ihre E-Mail-Adresse ein (sie wird nie angezeigt).',
} satisfies FormMessages;

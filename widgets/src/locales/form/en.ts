/** English for <verity-review-form>, loaded with the form (not by every product page). */
export const enForm = {
  yourRating: 'Your rating',
  title: 'Title (optional)',
  body: 'Your review',
  bodyHint: 'Markdown works: **bold**, *italic*, lists, links.',
  preview: 'Preview',
  name: 'Name shown with your review',
  submit: 'Submit review',
  sending: 'Sending…',
  thanksPublished: 'Thank you! Your review is published.',
  thanksPending: 'Thank you! Your review will appear after the store has looked at it.',
  errRating: 'Choose a rating from 1 to 5 stars.',
  errBody: 'Tell other shoppers what you think.',
  errName: 'Add the name to show with your review.',
  errEmail: 'Enter your email address (it is never shown).',
};

export type FormMessages = typeof enForm;

/**
 * English for what follows a shopper's action: a sentence for each of the
 * API's error codes (worker/errors.ts; see widgets/src/errors.ts), keyed by
 * the code itself so the page carries no table from one to the other, and the
 * report dialog. Loaded on the first failure or report, not by every product
 * page.
 */
export const enActions = {
  VALIDATION_FAILED: 'Please check what you entered: some of it can’t be accepted as it is.',
  INVALID_JSON: 'Please check what you entered: some of it can’t be accepted as it is.',
  UNSUPPORTED_MEDIA_TYPE: 'Please check what you entered: some of it can’t be accepted as it is.',
  UNPROCESSABLE: 'Please check what you entered: some of it can’t be accepted as it is.',
  MARKDOWN_REJECTED: 'The formatting is too complex to show. Please simplify it (fewer nested lists or quotes, fewer * and _).',
  INVALID_MEDIA: 'This photo or video can’t be used. Please choose another one.',
  PAYLOAD_TOO_LARGE: 'That is too long to send. Please shorten it.',
  RATE_LIMITED: 'Too many requests in a short time. Please wait a moment and try again.',
  NOT_FOUND: 'This product or review can no longer be found.',
  ORIGIN_NOT_ALLOWED: 'Reviews can’t be sent from this page right now.',
  ORIGIN_NOT_ALLOWED_QUESTIONS: 'Questions and answers can’t be sent from this page right now.',
  TURNSTILE_FAILED: 'Please complete the check that you are not a robot, then send again.',
  turnstileWaiting: 'Waiting for the check that you are not a robot…',
  FORBIDDEN: 'This store publishes reviews from verified buyers only: please use the link in your review request email.',
  ALREADY_VOTED: 'You have already voted on this.',
  VOTE_LIMIT_REACHED: 'Thank you — enough votes from your network have been counted on this one.',
  CONFLICT: 'You have already sent this.',
  LINK_USED: 'This review link was already used: the review it was for has been sent. Thank you!',
  LINK_EXPIRED: 'This review link has expired. You can still write a review on the product’s page.',
  INVALID_LINK: 'This review link doesn’t work. You can still write a review on the product’s page.',
  INVALID_SIGNATURE: 'This review link doesn’t work. You can still write a review on the product’s page.',
  INTERNAL: 'Something went wrong on our side. Please try again in a few minutes.',
  UNAVAILABLE: 'Something went wrong on our side. Please try again in a few minutes.',
  reportWhy: 'Why are you reporting this review?',
  reasonSpam: 'Spam or advertising',
  reasonOffensive: 'Offensive',
  reasonOffTopic: 'Off-topic',
  reasonOther: 'Something else',
  sendReport: 'Send report',
  cancel: 'Cancel',
  reportFailed: 'Your report was not sent. {reason}',
};

export type ActionMessages = typeof enActions;

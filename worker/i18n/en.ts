/**
 * English: the source of every message a buyer reads in Verity's emails and
 * hosted pages. Its shape is `Messages`; each other language must give every
 * key, so a missing translation fails the type check.
 *
 * `templates` are the default wording of each email kind: plain text with
 * {{placeholders}} (worker/email/placeholders.ts), which a merchant may
 * replace per language in the dashboard.
 */
export const en = {
  /** Empty where the language reads fine without a name ("Hi,"); ja needs a word before 様. */
  customerFallback: '',
  templates: {
    request: {
      subject: 'How do you like {{productNames}}?',
      body: 'Hi {{customerName}},\n\nThank you for your order from {{storeName}}. Would you tell other shoppers what you think? Every honest review is published, good or bad.',
    },
    reminder: {
      subject: 'A quick reminder: how is {{productNames}}?',
      body: 'Hi {{customerName}},\n\nA few days ago we asked how you like your purchase from {{storeName}}. If you have a minute, other shoppers would value your honest review — good or bad.',
    },
    askBuyer: {
      subject: 'A shopper has a question about {{productName}}',
      body: 'Hi {{customerName}},\n\nYou bought {{productName}} from {{storeName}}. Someone thinking of buying it asks:',
    },
    answered: {
      subject: 'Your question about {{productName}} has an answer',
      body: 'Hi, {{answeredBy}} answered your question about {{productName}}.',
    },
  },
  editLink: {
    subject: (product: string) => `Your review of ${product} — edit or delete it`,
    hi: (name: string) => `Hi ${name},`,
    thanks: (product: string, store: string) => `Thank you for reviewing ${product} at ${store}. If you want to change what you wrote, or take it down, use this link.`,
    saved: (product: string, store: string) => `Your changes to your review of ${product} at ${store} are saved. Links in earlier emails no longer work; this one does.`,
    personal: 'The link is personal: anyone who has it can change your review, so please don’t forward this email. It works for 180 days.',
    action: 'Edit or delete your review',
  },
  email: {
    rateIt: 'Click a star to rate it:',
    star: (n: number) => (n === 1 ? '1 star' : `${n} stars`),
    reviewIt: 'Review it',
    personal: 'The links are personal and work once per product, without an account.',
    unsubscribe: 'Unsubscribe from these emails',
    unsubscribeText: "Don't want these emails? Unsubscribe:",
    answerAsOwner: 'Answer as an owner',
    acceptAnswer: 'Mark it as the answer that helped',
    seeAllAnswers: 'See all answers',
    answeredBy: { owner: 'an owner', community: 'a shopper' },
  },
  pages: {
    backTo: (product: string) => `Back to ${product}`,
    goTo: (store: string) => `Go to ${store}`,
    linkExpired: 'This link has expired',
    alreadyDone: 'Already done',
    linkBroken: 'This link does not work',
    review: {
      title: (product: string, store: string) => `Review ${product} — ${store}`,
      heading: (product: string) => `How do you like ${product}?`,
      hint: (store: string) => `A verified review for ${store}. It will be marked as a verified purchase.`,
      ratingLegend: 'Your rating (required)',
      ratingLabels: ['1 star — poor', '2 stars — fair', '3 stars — good', '4 stars — very good', '5 stars — excellent'],
      titleLabel: 'Title',
      optional: '(optional)',
      bodyLabel: 'Your review',
      bodyHint: 'What did you like or not? Markdown works: **bold**, *italic*, lists, links.',
      nameLabel: 'Name shown with your review',
      honeypot: 'Leave this empty',
      submit: 'Publish review',
      thanksTitle: 'Thank you for your review',
      published: (product: string) => `Your verified review of ${product} is published.`,
      held: (product: string, store: string) => `Your verified review of ${product} will appear once ${store} has looked at it.`,
      usedTitle: 'You’ve already reviewed this — thank you',
      used: (product: string) => `Your review of ${product} is in. Each purchase can be reviewed once.`,
      expired: 'Links to review a purchase work for a while after it arrives, and this one’s time is up.',
      stillOnProductPage: 'You can still write a review on the product page.',
      thisProduct: 'this product',
    },
    answer: {
      title: (product: string) => `Answer a question about ${product}`,
      heading: (product: string) => `A shopper asks about ${product}`,
      hint: (store: string) => `You bought it from ${store}; your answer will be marked as from a verified owner.`,
      bodyLabel: 'Your answer',
      nameLabel: 'Name shown with your answer',
      submit: 'Post answer',
      thanksTitle: 'Thank you for answering',
      published: 'Your answer is published.',
      held: (store: string) => `Your answer will appear once ${store} has looked at it.`,
      usedTitle: 'You’ve already answered this — thank you',
      used: 'Your answer is in: one answer per purchase and question.',
      expired: 'Links to answer a question work for a while after they are sent, and this one’s time is up.',
      seeQuestion: 'See the question and its answers',
      theProduct: 'the product',
    },
    accept: {
      title: 'Did this answer help?',
      message: 'Mark it as the accepted answer to your question:',
      button: 'Accept this answer',
      doneTitle: 'Answer accepted',
      done: 'Thank you — it now shows first, marked as the accepted answer.',
      usedTitle: 'You’ve already accepted this answer — thank you',
      used: 'It shows first under your question, marked as the accepted answer.',
      expired: 'Links to accept an answer work for a while after they are sent, and this one’s time is up.',
    },
    unsubscribe: {
      invalidTitle: 'This unsubscribe link does not work',
      invalid: 'Part of the link may be missing: some email apps break long links across lines. Open it again from the email, or copy the whole link into your browser.',
      expiredTitle: 'This unsubscribe link has expired',
      expired: (store: string) => `Unsubscribe links work for a year after the email was sent. The link in a newer email from ${store} works, or you can ask ${store} to stop emailing you.`,
      theShop: 'the shop',
      title: (store: string) => `Unsubscribe — ${store}`,
      confirmHeading: 'Stop review requests?',
      confirm: (store: string, address: string) => `${store} will no longer ask ${address} to review purchases or answer questions.`,
      button: 'Unsubscribe',
      doneHeading: 'You are unsubscribed',
      done: (store: string, address: string) => `${store} will not send review requests or questions to ${address} again.`,
    },
  },
};

export type Messages = typeof en;

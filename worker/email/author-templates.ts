/** To a review's author: the signed link that lets them edit or delete it, without an account. */
import { simpleEmail } from './templates';

export function editLinkEmail(input: { storeName: string; productName: string; authorName: string; editUrl: string; edited: boolean }) {
  return simpleEmail({
    subject: `Your review of ${input.productName} — edit or delete it`,
    paragraphs: [
      `Hi ${input.authorName},`,
      input.edited
        ? `Your changes to your review of ${input.productName} at ${input.storeName} are saved. Links in earlier emails no longer work; this one does.`
        : `Thank you for reviewing ${input.productName} at ${input.storeName}. If you want to change what you wrote, or take it down, use this link.`,
      'The link is personal: anyone who has it can change your review, so please don’t forward this email. It works for 180 days.',
    ],
    action: { label: 'Edit or delete your review', url: input.editUrl },
  });
}

/** Emails to dashboard users: an invitation to a store, a password reset. */
import { simpleEmail } from './templates';

export function inviteEmail(input: { storeName: string; role: 'owner' | 'moderator'; invitedBy: string; url: string; days: number }) {
  const what = input.role === 'owner' ? 'an owner (everything, including users and keys)' : 'a moderator (reviews, questions and answers)';
  return simpleEmail({
    subject: `You are invited to the ${input.storeName} reviews dashboard`,
    paragraphs: [
      'Hi,',
      `${input.invitedBy} invites you to help run the reviews and Q&A of ${input.storeName} on Verity, as ${what}.`,
      `The link works once and for ${input.days} days. If you did not expect this, ignore this email.`,
    ],
    action: { label: 'Accept the invitation', url: input.url },
  });
}

export function resetEmail(input: { url: string; minutes: number }) {
  return simpleEmail({
    subject: 'Reset your Verity dashboard password',
    paragraphs: [
      'Hi,',
      `Someone (hopefully you) asked to reset the password of your Verity dashboard account. The link works once and for ${input.minutes} minutes.`,
      'If it was not you, ignore this email: your password stays as it is.',
    ],
    action: { label: 'Choose a new password', url: input.url },
  });
}

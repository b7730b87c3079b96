/** The pages behind links in Verity's emails: reviews, owner answers, accepting answers, unsubscribing, authors editing their reviews. */
import { Hono } from 'hono';
import type { AppEnv } from '../../context';
import { tokenPage } from '../../http/page-security';
import { answerLinks } from './answer';
import { editLink } from './edit';
import { reviewLink } from './review';
import { unsubscribeLink } from './unsubscribe';

export const links = new Hono<AppEnv>()
  // Paths, not '*': a sub-app's '*' would match every route of the app it is mounted in.
  .use('/r/:token', tokenPage())
  .use('/a/:token', tokenPage())
  .use('/accept/:token', tokenPage())
  .use('/u/:token', tokenPage())
  .use('/e/:token', tokenPage())
  .use('/e/:token/delete', tokenPage())
  .use('/e/:token/renew', tokenPage())
  .route('/', reviewLink)
  .route('/', answerLinks)
  .route('/', unsubscribeLink)
  .route('/', editLink);

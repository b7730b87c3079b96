/** The pages behind links in Verity's emails: reviews, owner answers, accepting answers, unsubscribing. */
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { answerLinks } from './answer';
import { reviewLink } from './review';
import { unsubscribeLink } from './unsubscribe';

export const links = new Hono<AppEnv>().route('/', reviewLink).route('/', answerLinks).route('/', unsubscribeLink);

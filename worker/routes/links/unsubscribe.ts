/** /u/:token — stop review request and question emails to one address (RFC 8058 one-click POST too). */
import { Hono } from 'hono';
import { unsubscribe } from '../../../db/queries/orders';
import type { AppEnv } from '../../env';
import { unsubscribePage } from '../../pages/review-link';
import { failure, openLink } from './shared';

export const unsubscribeLink = new Hono<AppEnv>();

unsubscribeLink.get('/u/:token', async (c) => {
  try {
    const { store, claims, token } = await openLink(c, 'unsubscribe');
    return c.html(unsubscribePage({ storeName: store.name, email: claims.email, action: `/u/${token}`, done: false }));
  } catch (err) {
    return failure(c, err);
  }
});

// Both the page's button and a mail client's one-click POST (body "List-Unsubscribe=One-Click") land here.
unsubscribeLink.post('/u/:token', async (c) => {
  try {
    const { store, claims, token } = await openLink(c, 'unsubscribe');
    await unsubscribe(c.var.db, store.id, claims.email, c.var.now);
    return c.html(unsubscribePage({ storeName: store.name, email: claims.email, action: `/u/${token}`, done: true }));
  } catch (err) {
    return failure(c, err);
  }
});

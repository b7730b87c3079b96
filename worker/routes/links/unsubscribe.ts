/** /u/:token — stop review request and question emails to one address (RFC 8058 one-click POST too). */
import { Hono, type Context } from 'hono';
import { unsubscribe } from '../../../db/queries/orders';
import { getStore } from '../../../db/queries/stores';
import type { AppEnv } from '../../context';
import { ApiError } from '../../errors';
import { peekLink } from '../../domain/links';
import { unsubscribePage } from '../../views/review-link';
import { failure, keepLang, openLink, pageFrame, wantsJson } from './shared';
import { pickLocale } from '../../i18n';
import { urls } from '../../domain/urls';

export const unsubscribeLink = new Hono<AppEnv>();

unsubscribeLink.get('/u/:token', async (c) => {
  try {
    const { store, claims, token } = await openLink(c, 'unsubscribe');
    const frame = pageFrame(c, store);
    return c.html(unsubscribePage({ state: 'confirm', storeName: store.name, email: claims.email, action: keepLang(c, urls.unsubscribe('', token)) }, frame));
  } catch (err) {
    return unsubscribeFailure(c, err);
  }
});

// Both the page's button and a mail client's one-click POST (body "List-Unsubscribe=One-Click") land here.
unsubscribeLink.post('/u/:token', async (c) => {
  try {
    const { store, claims, token } = await openLink(c, 'unsubscribe');
    await unsubscribe(c.get('db'), store.id, claims.email, c.get('now'));
    return c.html(unsubscribePage({ state: 'done', storeName: store.name, email: claims.email, action: urls.unsubscribe('', token) }, pageFrame(c, store)));
  } catch (err) {
    return unsubscribeFailure(c, err);
  }
});

/** A person who wants no more email needs to know what to do instead, not that a token is bad. */
async function unsubscribeFailure(c: Context<AppEnv>, err: unknown) {
  if (!(err instanceof ApiError) || wantsJson(c)) return failure(c, err);
  if (err.code === 'LINK_EXPIRED') {
    // Only a verified link expires, so the store it names is the real one.
    const store = await getStore(c.get('db'), peekLink(c.req.param('token') ?? '').store);
    const frame = store ? pageFrame(c, store) : { locale: pickLocale(c.req.query('lang'), null) };
    return c.html(unsubscribePage({ state: 'expired', storeName: store?.name ?? null }, frame), err.status);
  }
  if (err.code === 'INVALID_LINK') return c.html(unsubscribePage({ state: 'invalid' }, { locale: pickLocale(c.req.query('lang'), null) }), err.status);
  return failure(c, err);
}

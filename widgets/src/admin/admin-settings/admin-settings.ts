/**
 * `<verity-admin-settings store member-role>`: the store's settings in sections, each
 * saved on its own (only the fields it shows are sent): storefront origins,
 * moderation, review requests, photos and video, spam protection, keys and webhook secrets,
 * the signed-in member's notifications, and a preview of the real widgets
 * with a theme. Moderators see the store's settings read-only and change
 * their own notifications.
 */
import { html, nothing } from 'lit';
import { api, type Notifications, type StoreSettings } from '../api';
import { AdminPage, define } from '../base';
import { pageStyles } from '../styles';
import { settingsStyles } from './admin-settings.styles';
import { PREVIEW_SLOT } from './theme-preview';
import { mediaLimitsChange, mediaLimitsFields } from './media-limits';

declare global {
  interface HTMLElementTagNameMap {
    'verity-admin-settings': AdminSettings;
  }
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

type Form = Record<string, FormDataEntryValue>;

export class AdminSettings extends AdminPage {
  static override properties = {
    ...AdminPage.properties,
    settings: { state: true },
    notifications: { state: true },
    keys: { state: true },
  };

  static override styles = [...pageStyles, settingsStyles];

  declare settings: StoreSettings | null;
  declare notifications: Notifications | null;
  /** New keys after a rotation: shown once, never fetched again. */
  declare keys: { publicKey: string; secretKey: string; webhookSecret: string } | null;
  #loaded = '';

  constructor() {
    super();
    this.settings = null;
    this.notifications = null;
    this.keys = null;
  }

  override willUpdate(): void {
    if (!this.store || this.#loaded === this.store) return;
    this.#loaded = this.store;
    const store = this.store;
    void this.attempt(() => api.store(store)).then((s) => s && (this.settings = s));
    api.notifications(store).then(
      (n) => (this.notifications = n),
      () => (this.notifications = { notify: 'off', lowRatingsAtOnce: false }),
    );
  }

  /** Saves one section: `build` turns its form into the PATCH body. */
  #section(title: string, build: (f: Form) => Record<string, unknown>) {
    return async (e: SubmitEvent) => {
      e.preventDefault();
      const form = Object.fromEntries(new FormData(e.target as HTMLFormElement)) as Form;
      const updated = await this.attempt(() => api.updateStore(this.store, build(form)), `${title}: saved`);
      if (updated) this.settings = updated;
    };
  }

  async #saveNotifications(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const next: Notifications = { notify: f.get('notify') as Notifications['notify'], lowRatingsAtOnce: f.get('lowRatingsAtOnce') === 'on' };
    const saved = await this.attempt(() => api.putNotifications(this.store, next), 'Your notifications: saved');
    if (saved) this.notifications = saved;
  }

  async #rotate() {
    if (!confirm('Rotate the keys? The current secret key and webhook secret stop working at once: update your integrations with the new ones.')) return;
    const keys = await this.attempt(() => api.rotateKeys(this.store), 'New keys made: copy them now, they are shown only once');
    if (keys) {
      this.keys = keys;
      if (this.settings) this.settings = { ...this.settings, publicKey: keys.publicKey };
    }
  }

  override render() {
    const s = this.settings;
    if (!s) return html`<h1>Settings</h1><p class="empty card">Loading…</p>`;
    const ro = !this.owner;
    const save = (label = 'Save') => (ro ? nothing : html`<div class="actions"><button class="primary" ?disabled=${this.busy}>${label}</button></div>`);
    return html`<div class="page-head"><h1>Settings</h1></div>
      ${ro ? html`<p class="muted">Only owners change the store's settings. Your own notifications are yours to set.</p>` : nothing}
      <div class="grid">
        <form class="card" @submit=${this.#section('Storefront', (f) => ({ name: String(f.name).trim(), allowedOrigins: lines(String(f.origins)) }))}>
          <h2>Storefront</h2>
          <fieldset ?disabled=${ro}>
            <label>Store name<input name="name" .value=${s.name} required maxlength="200" /></label>
            <label
              >Allowed origins <span class="hint">one per line: the sites whose pages may send reviews, questions and votes, e.g. https://shop.example or
                https://*.shop.example</span
              ><textarea name="origins" rows="3" .value=${s.allowedOrigins.join('\n')}></textarea
            ></label>
          </fieldset>
          ${save()}
        </form>

        <form
          class="card"
          @submit=${this.#section('Moderation', (f) => ({
            moderation: f.moderation,
            holdWords: lines(String(f.holdWords)),
            blockList: lines(String(f.blockList)),
            acceptUnverified: f.acceptUnverified === 'on',
          }))}
        >
          <h2>Moderation</h2>
          <fieldset ?disabled=${ro}>
            <fieldset class="choices">
              <legend>New reviews, questions and answers</legend>
              ${(
                [
                  ['publish', 'Publish at once', 'You can still reject or remove anything later.'],
                  ['hold', 'Hold everything for me', 'Nothing shows until you publish it.'],
                  ['hold-first-time', 'Hold first-time authors only', 'Someone whose content you published before is published at once.'],
                ] as const
              ).map(
                ([value, label, hint]) => html`<label class="choice"
                  ><input type="radio" name="moderation" value=${value} ?checked=${s.moderation === value} />
                  <span><strong>${label}</strong><span class="hint">${hint}</span></span></label
                >`,
              )}
              <p class="policy">Verity never holds or publishes by rating: a one-star review follows the same rule as a five-star one.</p>
            </fieldset>
            <label
              >Hold words <span class="hint">one per line: content containing one waits for you, whatever the policy</span
              ><textarea name="holdWords" rows="3" .value=${(s.holdWords ?? []).join('\n')}></textarea
            ></label>
            <label
              >Block list <span class="hint">one email or address hash (addr:…) per line: their content is stored as spam</span
              ><textarea name="blockList" rows="3" .value=${(s.blockList ?? []).join('\n')}></textarea
            ></label>
            <label class="inline"
              ><input type="checkbox" name="acceptUnverified" ?checked=${s.acceptUnverified} /> Accept reviews from shoppers without an order (shown without
              the “verified buyer” badge)</label
            >
          </fieldset>
          ${save()}
        </form>

        <form
          class="card"
          @submit=${this.#section('Review requests', (f) => ({
            requestDelayDays: Number(f.requestDelayDays),
            reminderDelayDays: f.reminder === 'on' ? Number(f.reminderDelayDays) : null,
            emailFrom: String(f.emailFrom).trim(),
          }))}
        >
          <h2>Review requests</h2>
          <fieldset ?disabled=${ro}>
            <div class="pair">
              <label>Ask after <span class="hint">days after delivery</span><input name="requestDelayDays" type="number" min="0" max="365" required .value=${String(s.requestDelayDays)} /></label>
              <label
                >Remind after <span class="hint">days, if no review</span
                ><input name="reminderDelayDays" type="number" min="1" max="365" .value=${String(s.reminderDelayDays ?? 7)} />
              </label>
            </div>
            <label class="inline"><input type="checkbox" name="reminder" ?checked=${s.reminderDelayDays !== null} /> Send one reminder</label>
            <label>Email sender<input name="emailFrom" type="email" required .value=${s.emailFrom} /></label>
          </fieldset>
          ${save()}
        </form>

        <form class="card" @submit=${this.#section('Photos and video', mediaLimitsChange)}>${mediaLimitsFields(s, ro)} ${save()}</form>

        <form
          class="card"
          @submit=${this.#section('Spam protection', (f) => ({
            turnstile: { enabled: f.turnstileEnabled === 'on', siteKey: String(f.siteKey).trim() || null },
            ...(String(f.turnstileSecret).trim() ? { turnstileSecret: String(f.turnstileSecret).trim() } : {}),
          }))}
        >
          <h2>Spam protection</h2>
          <p class="hint">Cloudflare Turnstile on the review, question and answer forms. Off unless you turn it on with your site key and secret.</p>
          <fieldset ?disabled=${ro}>
            <label class="inline"><input type="checkbox" name="turnstileEnabled" ?checked=${s.turnstile?.enabled ?? false} /> Require a Turnstile check on public writes</label>
            <label>Site key<input name="siteKey" .value=${s.turnstile?.siteKey ?? ''} autocomplete="off" /></label>
            <label
              >Secret key <span class="hint">write-only: leave empty to keep the current one</span
              ><input name="turnstileSecret" type="password" autocomplete="off" placeholder=${s.turnstile?.secretSet ? 'set (hidden)' : 'not set'}
            /></label>
          </fieldset>
          ${save()}
        </form>

        ${this.owner ? this.#renderKeys(s) : nothing}

        <form class="card" @submit=${this.#saveNotifications}>
          <h2>Notifications for me</h2>
          ${this.notifications
            ? html`<fieldset class="choices">
                  <legend>Email me about new reviews and questions</legend>
                  ${(
                    [
                      ['each', 'For each one, as it arrives'],
                      ['digest', 'Once a day, in a digest'],
                      ['off', 'Never'],
                    ] as const
                  ).map(
                    ([value, label]) =>
                      html`<label class="choice"><input type="radio" name="notify" value=${value} ?checked=${this.notifications!.notify === value} /> ${label}</label>`,
                  )}
                </fieldset>
                <label class="inline"
                  ><input type="checkbox" name="lowRatingsAtOnce" ?checked=${this.notifications.lowRatingsAtOnce} /> Tell me at once about 1- and 2-star reviews, so
                  I can answer quickly (they are published by the same rule as any other)</label
                >
                <div class="actions"><button class="primary" ?disabled=${this.busy}>Save</button></div>`
            : html`<p class="muted">Loading…</p>`}
        </form>

        <section class="card wide" aria-labelledby="preview-title">
          <h2 id="preview-title">Widget preview</h2>
          <verity-admin-theme-preview store=${this.store}><slot name=${PREVIEW_SLOT} slot=${PREVIEW_SLOT}></slot></verity-admin-theme-preview>
        </section>
      </div>`;
  }

  #renderKeys(s: StoreSettings) {
    return html`<form
      class="card"
      @submit=${this.#section('Webhook secrets', (f) => ({
        ...(String(f.shopifySecret).trim() ? { shopifySecret: String(f.shopifySecret).trim() } : {}),
        ...(String(f.woocommerceSecret).trim() ? { woocommerceSecret: String(f.woocommerceSecret).trim() } : {}),
      }))}
    >
      <h2>Keys and webhooks</h2>
      <dl class="keys">
        <dt>Public key</dt>
        <dd><code>${s.publicKey}</code></dd>
      </dl>
      ${this.keys
        ? html`<div class="once" role="region" aria-label="New keys">
            <p><strong>Copy these now: they are not shown again.</strong></p>
            <dl class="keys">
              <dt>Secret key</dt>
              <dd><code>${this.keys.secretKey}</code></dd>
              <dt>Webhook secret</dt>
              <dd><code>${this.keys.webhookSecret}</code></dd>
            </dl>
          </div>`
        : nothing}
      <div class="actions"><button type="button" class="danger" @click=${this.#rotate} ?disabled=${this.busy}>Rotate keys…</button></div>
      <label
        >Shopify client secret <span class="hint">${s.integrations.shopify ? 'set: type a new one to replace it' : 'not set'}</span
        ><input name="shopifySecret" type="password" autocomplete="off" minlength="8"
      /></label>
      <label
        >WooCommerce webhook secret <span class="hint">${s.integrations.woocommerce ? 'set: type a new one to replace it' : 'not set'}</span
        ><input name="woocommerceSecret" type="password" autocomplete="off" minlength="8"
      /></label>
      <div class="actions"><button class="primary" ?disabled=${this.busy}>Save secrets</button></div>
    </form>`;
  }
}

define('verity-admin-settings', AdminSettings);

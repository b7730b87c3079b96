import { html, nothing } from 'lit';
import { answer, ApiFailure, ask, questions, storeConfig, voteAnswer, type Question } from '../../api';
import { VerityElement } from '../../base/verity-element';
import { errorMessage, loadActionMessages } from '../../errors';
import { emit } from '../../events';
import { serverHtml } from '../../server-html';
import type { Challenge } from '../../turnstile';
import { styles } from './verity-questions.styles';

/**
 * A product's questions with answers labelled by who wrote them (the store, a
 * verified owner, a shopper), search, an ask form, answer forms, helpful votes
 * and "show more". When the store asks for Cloudflare Turnstile, each open
 * form shows the challenge (in the light DOM, through its slot) and its button
 * waits for the token.
 *
 * @summary A product's questions and answers, with search, asking, answering and votes.
 * @fires verity-loaded - The first page of questions arrived; `detail: { product }`.
 * @fires verity-question-submitted - The API accepted a question; `detail: { id, status, product }`.
 * @csspart base - The whole element.
 * @csspart body - A question's or an answer's text.
 * @csspart form - The ask and answer forms.
 * @csspart button - The forms' submit buttons.
 * @slot turnstile-ask - The ask form's Turnstile challenge; put there by the element itself (`turnstile-<question id>` for an answer form).
 */
export class VerityQuestions extends VerityElement {
  static override properties = {
    ...VerityElement.properties,
    items: { state: true },
    cursor: { state: true },
    query: { state: true },
    loaded: { state: true },
    asking: { state: true },
    answering: { state: true },
    notice: { state: true },
    failure: { state: true },
    voted: { state: true },
  };

  static override styles = styles;

  declare items: Question[];
  declare cursor: string | null;
  declare query: string;
  declare loaded: boolean;
  declare asking: boolean;
  declare answering: string;
  declare notice: string;
  /** What went wrong, and where to say it: 'ask', 'list', or the id of the question or answer concerned. */
  declare failure: { where: string; text: string } | undefined;
  declare voted: Record<string, boolean>;
  #timer = 0;
  /** Each open form's Turnstile challenge, by where the form is: 'ask' or a question's id. */
  #challenges: Record<string, Challenge> = {};

  constructor() {
    super();
    this.items = [];
    this.cursor = null;
    this.query = '';
    this.loaded = false;
    this.asking = false;
    this.answering = '';
    this.notice = '';
    this.voted = {};
  }

  /** A form that opens starts its challenge; turnstile.ts comes only then, not with the product page. */
  protected override updated(): void {
    for (const where of [this.asking && 'ask', this.answering]) {
      if (where && !this.#challenges[where]) {
        this.#challenges[where] = { reset() {} };
        const sources = { config: storeConfig, waiting: () => loadActionMessages().then(() => this.t('turnstileWaiting')) };
        void import('../../turnstile').then((m) => (this.#challenges[where] = m.challenge(this, `turnstile-${where}`, this.base, this.store, this.theme, () => this.requestUpdate(), sources)));
      }
    }
  }

  protected override refresh(): void {
    this.items = [];
    this.loaded = false;
    this.answering = '';
    void this.load(true);
  }

  /** Bumped by every load, so a slower, older response never overwrites a newer one. */
  #generation = 0;

  async load(reset: boolean): Promise<void> {
    if (!this.store || !this.product) return;
    const generation = ++this.#generation;
    try {
      const page = await questions(this.base, this.store, this.product, { sort: 'recent', q: this.query.trim() || undefined, limit: this.pageSize, cursor: reset ? null : this.cursor });
      if (generation !== this.#generation) return;
      this.items = reset ? page.questions : [...this.items, ...page.questions];
      this.cursor = page.nextCursor;
      if (!this.loaded) emit(this, 'verity-loaded', { product: this.product });
      this.loaded = true;
      if (this.failure?.where === 'list') this.failure = undefined;
    } catch (err) {
      const text = await errorMessage(err);
      if (generation === this.#generation) this.failure = { where: 'list', text };
    }
  }

  private fields(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    return { body: String(data.get('body') ?? '').trim(), name: String(data.get('name') ?? '').trim(), email: String(data.get('email') ?? '').trim() };
  }

  /** The API's refusal, as a sentence next to what the shopper did. */
  private async fail(where: string, err: unknown) {
    this.failure = { where, text: await errorMessage(err, '_QUESTIONS') };
  }

  private async ask(e: SubmitEvent) {
    const f = this.fields(e);
    this.failure = undefined;
    try {
      const created = await ask(this.base, this.store, this.product, f.body, { name: f.name, email: f.email }, this.#challenges.ask?.token);
      this.asking = false;
      this.notice = this.t('thanksQuestion');
      emit(this, 'verity-question-submitted', { id: created.id, status: created.status, product: this.product });
      await this.load(true);
    } catch (err) {
      await this.fail('ask', err);
    }
    this.#challenges.ask?.reset();
  }

  private async answer(e: SubmitEvent, q: Question) {
    const f = this.fields(e);
    this.failure = undefined;
    try {
      await answer(this.base, this.store, q.id, f.body, { name: f.name, email: f.email }, this.#challenges[q.id]?.token);
      this.answering = '';
      this.notice = this.t('thanksAnswer');
      await this.load(true);
    } catch (err) {
      await this.fail(q.id, err);
    }
    this.#challenges[q.id]?.reset();
  }

  private async vote(id: string) {
    this.failure = undefined;
    try {
      const { helpfulCount } = await voteAnswer(this.base, this.store, id);
      this.items = this.items.map((q) => ({ ...q, answers: q.answers.map((a) => (a.id === id ? { ...a, helpfulCount } : a)) }));
    } catch (err) {
      // Already voted (another tab, or before a reload): the button closes as after a vote.
      if (!(err instanceof ApiFailure && err.error.code === 'ALREADY_VOTED')) return this.fail(id, err);
    }
    this.voted = { ...this.voted, [id]: true };
  }

  private alert(where: string) {
    return this.failure?.where === where ? html`<p class="error" role="alert">${this.failure.text}</p>` : nothing;
  }

  private form(submit: (e: SubmitEvent) => void, label: string, where: string) {
    const t = this.t;
    return html`<form part="form" @submit=${submit}>
      <label>${label}<textarea name="body" required maxlength="2000"></textarea></label>
      <label>${t('publicName')}<input name="name" required maxlength="80" autocomplete="name" /></label>
      <label>${t('email')}<input name="email" type="email" required maxlength="254" autocomplete="email" /></label>
      ${this.alert(where)}
      <slot name="turnstile-${where}"></slot>
      <button class="primary" part="button" type="submit" ?disabled=${Boolean(this.#challenges[where]?.wait)}>${this.#challenges[where]?.wait ?? t('post')}</button>
    </form>`;
  }

  protected override render() {
    const t = this.t;
    return html`<section part="base" aria-labelledby="verity-questions-title">
      <h2 id="verity-questions-title">${t('questions')}</h2>
      <div class="bar">
        <label class="search"><span class="sr-only">${t('searchQuestions')}</span
          ><input type="search" placeholder=${t('searchQuestions')} .value=${this.query} @input=${(e: Event) => {
            this.query = (e.target as HTMLInputElement).value;
            clearTimeout(this.#timer);
            this.#timer = window.setTimeout(() => void this.load(true), 250);
          }}
        /></label>
        <button class="link-button" aria-expanded=${this.asking ? 'true' : 'false'} @click=${() => (this.asking = !this.asking)}>${t('ask')}</button>
      </div>
      ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}
      ${this.alert('list')}
      ${this.asking ? this.form((e) => this.ask(e), t('yourQuestion'), 'ask') : nothing}
      ${this.loaded ? nothing : html`<div class="skeleton" aria-hidden="true"></div>`}
      ${this.loaded && this.items.length === 0 ? html`<p class="empty">${t('noQuestions')}</p>` : nothing}
      <ul>
        ${this.items.map(
          (q) => html`<li class="question">
            <div class="q body" part="body">${serverHtml(this, q.bodyHtml, q.body)}</div>
            <div class="meta"><span>${q.author.name}</span><time datetime=${q.createdAt}>${this.formatDate(q.createdAt)}</time><span>${t('answers', { count: q.answerCount })}</span></div>
            ${q.answers.map(
              (a) => html`<div class="answer ${a.kind}">
                <div class="meta"><span class="label">${t(a.kind)}</span><span>${a.author.name}</span>${a.accepted ? html`<span class="label">✓ ${t('accepted')}</span>` : nothing}</div>
                <div class="body" part="body">${serverHtml(this, a.bodyHtml, a.body)}</div>
                <button class="link-button" ?disabled=${Boolean(this.voted[a.id])} @click=${() => this.vote(a.id)}>${t('helpful', { n: a.helpfulCount })}</button>
                ${this.alert(a.id)}
              </div>`,
            )}
            ${this.answering === q.id
              ? this.form((e) => this.answer(e, q), t('yourAnswer'), q.id)
              : html`<button class="link-button" @click=${() => (this.answering = q.id)}>${t('answerThis')}</button>`}
          </li>`,
        )}
      </ul>
      ${this.cursor ? html`<button class="link-button" @click=${() => this.load(false)}>${t('loadMore')}</button>` : nothing}
    </section>`;
  }
}

VerityQuestions.define('verity-questions');

declare global {
  interface HTMLElementTagNameMap {
    'verity-questions': VerityQuestions;
  }
}

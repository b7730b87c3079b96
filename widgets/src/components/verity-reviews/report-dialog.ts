/**
 * The report dialog of <verity-reviews>: an inline radio group of reasons
 * with Send and Cancel (Escape cancels too). Its words arrive when a shopper
 * first presses "Report" (locales/actions/), and so does this module: the
 * product page does not carry it before.
 */
import { html } from 'lit';
import type { ReportReason } from '../../api';
import type { Translate } from '../../i18n';
// Keeps the product page's shared chunk one file (see shared-chunk.ts).
import '../../shared-chunk';

/** The reasons a shopper picks from (the API takes a few more, for merchants' tools), in the order shown. */
const reasons: Array<[ReportReason, Parameters<Translate>[0]]> = [
  ['spam', 'reasonSpam'],
  ['offensive', 'reasonOffensive'],
  ['off_topic', 'reasonOffTopic'],
  ['other', 'reasonOther'],
];

export function reportDialog(t: Translate, sending: boolean, send: (reason: ReportReason) => void, cancel: () => void) {
  return html`<form
    class="report"
    @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      send(new FormData(e.target as HTMLFormElement).get('reason') as ReportReason);
    }}
    @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && cancel()}
  >
    <fieldset>
      <legend>${t('reportWhy')}</legend>
      ${reasons.map(([reason, label]) => html`<label class="check"><input type="radio" name="reason" value=${reason} required /> ${t(label)}</label>`)}
    </fieldset>
    <div class="actions">
      <button class="primary" type="submit" ?disabled=${sending}>${t('sendReport')}</button>
      <button class="link-button" type="button" @click=${cancel}>${t('cancel')}</button>
    </div>
  </form>`;
}

/**
 * `<verity-admin-import store member-role>`: bring reviews or Q&A in from
 * another tool's export (Judge.me, Yotpo, Okendo, Stamped, or Verity's own),
 * and the votes of Verity's own, and take everything out again. An import runs on the server; this page
 * polls its job for the progress bar, then lists the rows it could not take.
 */
import { css, html, nothing } from 'lit';
import { api, type ImportJob } from '../api';
import { AdminPage, define } from '../base';
import { pageStyles } from '../styles';

declare global {
  interface HTMLElementTagNameMap {
    'verity-admin-import': AdminImport;
  }
}

const vendors = [
  { value: 'auto', label: 'Detect from the file' },
  { value: 'judgeme', label: 'Judge.me' },
  { value: 'yotpo', label: 'Yotpo' },
  { value: 'okendo', label: 'Okendo' },
  { value: 'stamped', label: 'Stamped' },
  { value: 'verity', label: 'Verity' },
];

const exportsList = ['reviews.csv', 'reviews.json', 'questions.csv', 'questions.json', 'votes.csv', 'votes.json'];

/** How often a running job is asked for its counters. */
const POLL_MS = 500;

export class AdminImport extends AdminPage {
  static override properties = { ...AdminPage.properties, job: { state: true } };

  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: 0.75rem;
        max-width: 32rem;
      }
      progress {
        width: 100%;
        height: 1rem;
      }
      .failure {
        color: var(--verity-admin-danger);
      }
      section.card {
        padding: 0.75rem 1rem;
      }
      section + section {
        margin-top: 1.5rem;
      }
      ul.exports {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        padding: 0;
        list-style: none;
      }
    `,
  ];

  declare job: ImportJob | null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.job = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  async #start(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) {
      this.notify('error', 'Choose the file to import first');
      return;
    }
    const started = await this.attempt(() =>
      api.startImport(this.store, file, { kind: String(data.get('kind')), vendor: String(data.get('vendor')), dryRun: data.get('dryRun') === 'on' }),
    );
    if (started) {
      this.job = started.job;
      this.#poll();
    }
  }

  #poll() {
    clearTimeout(this.#timer);
    if (!this.job || this.job.status !== 'running') return;
    this.#timer = setTimeout(async () => {
      const r = await this.attempt(() => api.importJob(this.store, this.job!.id));
      if (!r) return;
      this.job = r.job;
      if (r.job.status === 'done') this.notify('done', r.job.dryRun ? 'Dry run finished: nothing was written' : `Import finished: ${r.job.imported} imported`);
      this.#poll();
    }, POLL_MS);
  }

  #job(j: ImportJob) {
    const running = j.status === 'running';
    const counts = `${j.processed} rows read: ${j.imported} ${j.dryRun ? 'would be imported' : 'imported'}, ${j.skipped} already here, ${j.failed} not imported`;
    return html`<section class="card" aria-live="polite">
      <h2>${j.dryRun ? 'Dry run' : 'Import'} ${running ? 'running' : j.status === 'done' ? 'finished' : 'stopped'}${j.vendor !== 'auto' ? html` (${vendors.find((v) => v.value === j.vendor)?.label ?? j.vendor})` : nothing}</h2>
      <!-- Without a value the bar says "working" (the row count is known only at the end of a streamed file). -->
      ${running ? html`<progress aria-label="Import progress"></progress>` : html`<progress aria-label="Import progress" value="1" max="1"></progress>`}
      <p>${counts}</p>
      ${j.failure ? html`<p class="failure">${j.failure}</p>` : nothing}
      ${j.errors.length
        ? html`<div class="table-wrap">
            <table>
              <caption>
                Rows not imported${j.failed > j.errors.length ? ` (the first ${j.errors.length} of ${j.failed})` : ''}
              </caption>
              <thead>
                <tr><th scope="col">Row</th><th scope="col">Column</th><th scope="col">Problem</th></tr>
              </thead>
              <tbody>
                ${j.errors.map((e) => html`<tr><td>${e.row}</td><td>${e.column ?? '—'}</td><td>${e.message}</td></tr>`)}
              </tbody>
            </table>
          </div>`
        : nothing}
    </section>`;
  }

  override render() {
    return html`<div class="page-head"><h1>Import &amp; export</h1></div>
      <section class="card">
        <h2>Import</h2>
        <form @submit=${this.#start}>
          <label>File (CSV or JSON) <input type="file" name="file" accept=".csv,.json,text/csv,application/json" required /></label>
          <label
            >Exported from
            <select name="vendor">
              ${vendors.map((v) => html`<option value=${v.value}>${v.label}</option>`)}
            </select></label
          >
          <label
            >Contains
            <select name="kind">
              <option value="reviews">Reviews</option>
              <option value="questions">Questions and answers</option>
              <option value="votes">Votes (Verity's votes file, after its reviews and questions)</option>
            </select></label
          >
          <label><input type="checkbox" name="dryRun" /> Dry run: check every row, write nothing</label>
          <div><button class="primary" type="submit" ?disabled=${this.busy || this.job?.status === 'running'}>Start import</button></div>
        </form>
        <p class="muted">Importing the same file again adds nothing. Reviews keep their dates, replies and photos' addresses, and say where they came from.</p>
      </section>
      ${this.job ? this.#job(this.job) : nothing}
      <section class="card">
        <h2>Export</h2>
        <ul class="exports">
          ${exportsList.map((f) => html`<li><a href=${api.exportUrl(this.store, f)} download>${f}</a></li>`)}
        </ul>
        <p class="muted">The reviews, questions and votes files import into another Verity store without loss: reviews and questions first, then votes.</p>
      </section>`;
  }
}

define('verity-admin-import', AdminImport);

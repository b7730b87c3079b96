/**
 * The review form's photos and video: pick or drop files, see each one's
 * preview and upload progress, remove any. Each file is prepared in the
 * browser (media-encode.ts) and uploaded as soon as it is added, so by the
 * time the shopper has written their review the files are usually there;
 * the review then names them by upload id. A file the store cannot take
 * (type, size, length, count) is refused here, with the reason beside it,
 * before any bytes leave; the server's own refusals show in the same place.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { ApiFailure, storeConfig } from '../../api';
import { defaultLimits, upload, type MediaLimits, type Upload } from '../../api-media';
import { errorMessage } from '../../errors';
import { t } from '../../i18n';
import { inspectVideo, reencodeImage } from './media-encode';

interface Item {
  key: number;
  kind: 'image' | 'video';
  name: string;
  /** What is sent (the re-encoded photo, the video's poster) as a data: URL: pages' CSPs allow those for images far more often than blob:. */
  preview: string;
  /** 0…1 while uploading. */
  progress: number;
  upload?: Upload;
  error?: string;
  /** Settles when the upload has succeeded or failed. */
  done: Promise<void>;
  abort: AbortController;
}

const MB = 1024 * 1024;

const dataUrl = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });

export class MediaPicker implements ReactiveController {
  items: Item[] = [];
  limits: MediaLimits = defaultLimits;
  /** A refusal that belongs to no item (one file too many, a second video). */
  notice = '';
  #key = 0;

  /** `where`: the API's origin and the store, read when needed (the element's attributes may change). */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly where: () => { api: string; store: string },
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  #limits: Promise<MediaLimits> | undefined;

  /**
   * The store's own limits, read when the first file is added (a form that
   * never gets one adds no request to the page); if they cannot be read, the
   * API's defaults hold and the server still checks.
   */
  #readLimits(): Promise<MediaLimits> {
    const { api, store } = this.where();
    return (this.#limits ??= storeConfig(api, store).then(
      (c) => (this.limits = { ...defaultLimits, ...(c as { media?: Partial<MediaLimits> }).media }),
      () => this.limits,
    ));
  }

  #update(item: Item, change: Partial<Item>) {
    Object.assign(item, change);
    this.items = [...this.items];
    this.host.requestUpdate();
  }

  /** Adds files the shopper picked or dropped, within the store's limits. */
  async add(picked: Iterable<File>): Promise<void> {
    // Copied first: the input is emptied right after (so the same file can be picked again).
    const files = [...picked];
    const l = await this.#readLimits();
    this.notice = '';
    for (const file of files) {
      const kind = l.acceptImages.includes(file.type) ? 'image' : l.acceptVideo.includes(file.type) ? 'video' : undefined;
      const count = this.items.filter((i) => i.kind === kind).length;
      if (!kind) this.notice = t('mediaType', { name: file.name });
      else if (kind === 'image' && count >= l.maxPhotos) this.notice = t('mediaTooMany', { max: l.maxPhotos });
      else if (kind === 'video' && count >= 1) this.notice = t('mediaOneVideo');
      // A photo's size is the re-encoded one's (checked after); a video is sent as it is.
      else if (kind === 'video' && file.size > l.maxVideoBytes) this.notice = t('mediaTooLarge', { name: file.name, mb: Math.floor(l.maxVideoBytes / MB) });
      else this.#start(file, kind);
    }
    this.host.requestUpdate();
  }

  #start(file: File, kind: Item['kind']) {
    const item: Item = { key: ++this.#key, kind, name: file.name, preview: '', progress: 0, done: Promise.resolve(), abort: new AbortController() };
    this.items = [...this.items, item];
    item.done = this.#send(item, file).catch(async (err: unknown) => {
      if (!this.items.includes(item)) return;
      this.#update(item, { error: err instanceof ApiFailure ? await this.#refusal(err, file) : String((err as Error).message) });
    });
  }

  async #send(item: Item, file: File) {
    const l = this.limits;
    const { api, store } = this.where();
    const options = { signal: item.abort.signal, progress: (p: number) => this.#update(item, { progress: p }) };
    if (item.kind === 'image') {
      const image = await reencodeImage(file, l.maxImagePixels).catch(() => Promise.reject(new Error(t('mediaUnreadable', { name: file.name }))));
      if (image.size > l.maxImageBytes) throw new Error(t('mediaTooLarge', { name: file.name, mb: Math.floor(l.maxImageBytes / MB) }));
      this.#update(item, { preview: await dataUrl(image) });
      this.#update(item, { upload: await upload(api, store, image, options) });
      return;
    }
    const { seconds, poster } = await inspectVideo(file, l.maxImagePixels).catch(() => Promise.reject(new Error(t('mediaUnreadable', { name: file.name }))));
    if (seconds > l.maxVideoSeconds) throw new Error(t('mediaTooLong', { name: file.name, seconds: l.maxVideoSeconds }));
    this.#update(item, { preview: await dataUrl(poster) });
    const frame = await upload(api, store, poster, { signal: item.abort.signal });
    this.#update(item, { upload: await upload(api, store, file, { ...options, poster: frame.id }) });
  }

  /** The server's refusal of one file, in words about that file. */
  async #refusal(err: ApiFailure, file: File): Promise<string> {
    const l = this.limits;
    if (err.error.code === 'PAYLOAD_TOO_LARGE') return t('mediaTooLarge', { name: file.name, mb: Math.floor((file.type.startsWith('video/') ? l.maxVideoBytes : l.maxImageBytes) / MB) });
    if (err.error.code === 'UNSUPPORTED_MEDIA_TYPE') return t('mediaType', { name: file.name });
    return `${file.name}: ${await errorMessage(err)}`;
  }

  remove(item: Item): void {
    item.abort.abort();
    this.items = this.items.filter((i) => i !== item);
    this.notice = '';
    this.host.requestUpdate();
  }

  /**
   * The upload ids for the review, once every upload has finished; undefined
   * while a file is refused (the shopper removes it, or the review goes
   * without its photos by their choice, not by surprise).
   */
  async ids(): Promise<string[] | undefined> {
    await Promise.all(this.items.map((i) => i.done));
    if (this.items.some((i) => !i.upload)) return undefined;
    return this.items.map((i) => i.upload!.id);
  }

  /** The field: a drop zone around a file input, then each file's preview, progress or refusal, and a Remove button. */
  render(error: string | undefined) {
    const l = this.limits;
    const label = (item: Item) => (item.kind === 'video' ? t('mediaVideo') : t('mediaPhoto', { n: this.items.filter((i) => i.kind === 'image').indexOf(item) + 1 }));
    const accept = [...l.acceptImages, ...l.acceptVideo].join(',');
    return html`<div
        class="drop"
        @dragover=${(e: DragEvent) => e.preventDefault()}
        @drop=${(e: DragEvent) => {
          e.preventDefault();
          void this.add(e.dataTransfer?.files ?? []);
        }}
      >
        <label
          >${t('mediaLabel')}<input
            type="file"
            name="media"
            multiple
            accept=${accept}
            aria-describedby=${['media-hint', error ? 'error-media' : ''].filter(Boolean).join(' ')}
            @change=${(e: Event) => {
              const input = e.target as HTMLInputElement;
              void this.add(input.files ?? []);
              // The same file can be picked again after its removal.
              input.value = '';
            }}
        /></label>
        <p class="hint" id="media-hint">${t('mediaHint', { max: l.maxPhotos, seconds: l.maxVideoSeconds })}</p>
      </div>
      ${this.notice ? html`<p class="error" role="alert">${this.notice}</p>` : nothing}
      ${this.items.length
        ? html`<ul class="media">
            ${this.items.map(
              (item) => html`<li>
                ${item.preview ? html`<img src=${item.preview} alt=${label(item)} />` : html`<span class="placeholder" aria-hidden="true"></span>`}
                <div class="media-state">
                  ${item.error
                    ? html`<p class="error" role="alert">${item.error}</p>`
                    : item.upload
                      ? html`<span class="hint">${t('mediaUploaded', { what: label(item) })}</span>`
                      : html`<progress max="1" .value=${item.progress} aria-label=${t('mediaUploading', { what: label(item) })}></progress>`}
                  <button type="button" class="link-button" @click=${() => this.remove(item)}>${t('mediaRemove', { what: label(item) })}</button>
                </div>
              </li>`,
            )}
          </ul>`
        : nothing}
      ${error ? html`<p class="error" id="error-media">${error}</p>` : nothing}`;
  }
}

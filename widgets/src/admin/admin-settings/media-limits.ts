/**
 * The Settings page's "Photos and video" section: the review media limits the
 * storefront form and the server enforce. Sizes are typed in MB and sent in
 * bytes; the bounds are the API's (worker/schemas/admin.ts), so the browser
 * refuses what the server would.
 */
import { html, type TemplateResult } from 'lit';
import type { StoreSettings } from '../api';

const MB = 1024 * 1024;
const inMb = (bytes: number) => String(Math.round((bytes / MB) * 100) / 100);

/** The PATCH body of the section's form. */
export function mediaLimitsChange(f: Record<string, FormDataEntryValue>): Record<string, unknown> {
  return {
    media: {
      maxPhotos: Number(f.maxPhotos),
      maxImageBytes: Math.round(Number(f.maxImageMb) * MB),
      maxImagePixels: Number(f.maxImagePixels),
      maxVideoBytes: Math.round(Number(f.maxVideoMb) * MB),
      maxVideoSeconds: Number(f.maxVideoSeconds),
    },
  };
}

export function mediaLimitsFields(s: StoreSettings, readOnly: boolean): TemplateResult {
  const m = s.media;
  return html`<h2>Photos and video</h2>
    <p class="hint">What shoppers may add to a review. Photos are resized in their browser before they upload; the server checks every limit again.</p>
    <fieldset ?disabled=${readOnly}>
      <div class="pair">
        <label>Photos per review <span class="hint">1 to 10, plus one video</span><input name="maxPhotos" type="number" min="1" max="10" step="1" required .value=${String(m.maxPhotos)} /></label>
        <label
          >Photo size <span class="hint">MB each, 0.1 to 20</span><input name="maxImageMb" type="number" min="0.1" max="20" step="0.01" required .value=${inMb(m.maxImageBytes)}
        /></label>
      </div>
      <label
        >Photo longest side <span class="hint">pixels the form resizes to, 320 to 4096</span
        ><input name="maxImagePixels" type="number" min="320" max="4096" step="1" required .value=${String(m.maxImagePixels)}
      /></label>
      <div class="pair">
        <label
          >Video size <span class="hint">MB, 1 to 100</span><input name="maxVideoMb" type="number" min="1" max="100" step="0.01" required .value=${inMb(m.maxVideoBytes)}
        /></label>
        <label
          >Video length <span class="hint">seconds, 1 to 600</span
          ><input name="maxVideoSeconds" type="number" min="1" max="600" step="1" required .value=${String(m.maxVideoSeconds)}
        /></label>
      </div>
    </fieldset>
`;
}

/**
 * A review's photos and video in the inbox: each as a thumbnail (hidden ones
 * too, dimmed and marked, read through the dashboard's own file route (the
 * inbox's URLs; the session's cookie is the key); a
 * video by its poster, and it plays in a tab of its own: the dashboard's CSP
 * lets no media play inside it) with a Hide or Show button. Hiding one photo keeps the review and its other media
 * as they are.
 */
import { css, html, nothing } from 'lit';
import type { InboxItem } from '../api';

/** A review's media as the inbox sends it: every item, hidden ones too, with URLs behind the session. */
export type AdminMedia = NonNullable<InboxItem['media']>[number];

export const inboxMediaOf = (item: InboxItem): AdminMedia[] => item.media ?? [];

/** `toggle`: hide (true) or show (false) one item; the caller patches the list with the answer. */
export function inboxMedia(item: InboxItem, busy: boolean, toggle: (media: AdminMedia, hidden: boolean) => void) {
  const media = inboxMediaOf(item);
  if (!media.length) return nothing;
  return html`<ul class="media-list" aria-label="Photos and video">
    ${media.map((m, i) => {
      const name = `${m.kind === 'video' ? 'video' : `photo ${i + 1}`} of ${item.author.name}’s review`;
      return html`<li class=${m.hidden ? 'hidden-media' : ''}>
        <a href=${m.url} target="_blank" rel="noopener">
          ${m.kind === 'video' && !m.posterUrl
            ? html`<span class="video-link">▶ ${name}</span>`
            : html`<img src=${m.thumbnailUrl} alt=${name} width=${m.width} height=${m.height} loading="lazy" />`}
        </a>
        ${m.hidden ? html`<span class="badge">hidden</span>` : nothing}
        <button ?disabled=${busy} @click=${() => toggle(m, !m.hidden)}>${m.hidden ? 'Show' : 'Hide'} ${name}</button>
      </li>`;
    })}
  </ul>`;
}

export const inboxMediaStyles = css`
  .media-list {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin: 0 0 1rem;
    padding: 0;
    list-style: none;
  }
  .media-list li {
    display: grid;
    gap: 0.25rem;
    justify-items: start;
    width: 8rem;
  }
  .media-list :is(img, .video-link) {
    display: block;
    width: 8rem;
    height: 8rem;
    object-fit: cover;
    border-radius: 6px;
    border: 1px solid var(--verity-admin-border, #d1d5db);
  }
  .media-list .hidden-media :is(img, .video-link) {
    opacity: 0.4;
  }
  /* The label names the photo and the author, longer than the 8rem thumbnail: it wraps under it instead of running over the next one. */
  .media-list button {
    font-size: 0.8125rem;
    white-space: normal;
    text-align: start;
    max-width: 100%;
  }
`;

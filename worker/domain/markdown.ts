/**
 * Markdown from strangers (reviews, replies, questions, answers) to HTML that
 * is safe to embed. marked sanitises nothing by itself, and DOMPurify cannot
 * run on Workers (it needs a real DOM), so safety is decided here, in the
 * renderer: raw HTML is shown as text, only http(s)/mailto links and https
 * images survive, and input that would make marked overflow its stack or run
 * superlinearly is refused before it is parsed. Widgets still pass the result
 * through DOMPurify in the browser, as defence in depth.
 */
import { Marked, type Tokens } from 'marked';
import { ApiError } from '../errors';
import { escapeHtml } from '../lib/html';

/** Longest Markdown body accepted, in characters (reviews, replies, answers). */
export const MAX_MARKDOWN_LENGTH = 5_000;
/** Deepest blockquote or list nesting accepted; marked recurses once per level. */
export const MAX_NESTING = 16;
/** Most emphasis delimiters (`*`, `_`, `~`) accepted; marked's delimiter matching is superlinear in them. */
export const MAX_EMPHASIS_MARKERS = 500;

export interface RenderOptions {
  /** The field name used in error messages, e.g. `body`. */
  field?: string;
  maxLength?: number;
  /** Render images (https only); false shows their alt text instead. */
  images?: boolean;
}


/** The URL if it is absolute and of an allowed scheme, else null. Relative URLs have no meaning inside a widget. */
function allowedUrl(href: string, schemes: readonly string[]): string | null {
  try {
    const url = new URL(href);
    return schemes.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const LINK_SCHEMES = ['http:', 'https:', 'mailto:'] as const;
const IMAGE_SCHEMES = ['https:'] as const;

function createRenderer(images: boolean): Marked {
  return new Marked({
    async: false,
    gfm: true,
    breaks: true,
    renderer: {
      // Raw HTML, block or inline, is text.
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(text);
      },
      link({ href, title, tokens }: Tokens.Link) {
        const label = this.parser.parseInline(tokens);
        const url = allowedUrl(href, LINK_SCHEMES);
        if (!url) return label;
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
        return `<a href="${escapeHtml(url)}"${titleAttr} rel="nofollow ugc noopener">${label}</a>`;
      },
      image({ href, title, text }: Tokens.Image) {
        const url = images ? allowedUrl(href, IMAGE_SCHEMES) : null;
        if (!url) return escapeHtml(text);
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
        return `<img src="${escapeHtml(url)}" alt="${escapeHtml(text)}"${titleAttr} loading="lazy">`;
      },
      // A review's "# Great!" must not become an <h1> that breaks the host page's outline.
      heading({ tokens }: Tokens.Heading) {
        return `<p><strong>${this.parser.parseInline(tokens)}</strong></p>\n`;
      },
      // Task-list checkboxes would be form controls in someone else's page: show them as text.
      checkbox({ checked }: Tokens.Checkbox) {
        return checked ? '[x] ' : '[ ] ';
      },
    },
  });
}

const renderers = { true: createRenderer(true), false: createRenderer(false) };

/** Nesting depth of blockquotes and lists, measured on line prefixes in one pass. */
function nestingDepth(source: string): number {
  let deepest = 0;
  for (const line of source.split('\n')) {
    let quotes = 0;
    let i = 0;
    for (; i < line.length; i++) {
      const ch = line[i];
      if (ch === '>') quotes++;
      else if (ch !== ' ' && ch !== '\t') break;
    }
    const indent = /^[ \t]*/.exec(line.slice(0, i))?.[0].replace(/\t/g, '    ').length ?? 0;
    deepest = Math.max(deepest, quotes, Math.floor(indent / 2));
  }
  return deepest;
}

/**
 * Renders Markdown to safe HTML.
 *
 * @throws ApiError VALIDATION_FAILED for NUL or invalid Unicode, PAYLOAD_TOO_LARGE
 *   over the length cap, MARKDOWN_REJECTED for input marked cannot render safely.
 * @example
 * renderMarkdown('**Great** tee') // '<p><strong>Great</strong> tee</p>\n'
 */
export function renderMarkdown(source: string, opts: RenderOptions = {}): string {
  const field = opts.field ?? 'text';
  const max = opts.maxLength ?? MAX_MARKDOWN_LENGTH;
  if (source.includes('\u0000') || !source.isWellFormed()) {
    throw new ApiError('VALIDATION_FAILED', `${field} contains a NUL character or invalid Unicode`, {
      issues: [{ path: field, message: 'invalid characters' }],
    });
  }
  if (source.length > max) {
    throw new ApiError('PAYLOAD_TOO_LARGE', `${field} must be at most ${max} characters`, { field, max, length: source.length });
  }
  if (nestingDepth(source) > MAX_NESTING) {
    throw new ApiError('MARKDOWN_REJECTED', `${field} nests quotes or lists more than ${MAX_NESTING} levels deep; flatten it`, { field });
  }
  const markers = source.match(/[*_~]/g)?.length ?? 0;
  if (markers > MAX_EMPHASIS_MARKERS) {
    throw new ApiError('MARKDOWN_REJECTED', `${field} has more than ${MAX_EMPHASIS_MARKERS} emphasis characters (*, _ or ~); use fewer`, { field });
  }
  try {
    return renderers[String(opts.images ?? true) as 'true' | 'false'].parse(source) as string;
  } catch {
    // e.g. RangeError: Maximum call stack size exceeded on a shape the guards did not foresee.
    throw new ApiError('MARKDOWN_REJECTED', `${field} could not be rendered; simplify its Markdown`, { field });
  }
}

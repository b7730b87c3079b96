import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../worker/errors';
import { MAX_MARKDOWN_LENGTH, renderMarkdown } from '../../../worker/domain/markdown';

const rejected = (source: string) => {
  try {
    renderMarkdown(source, { field: 'body' });
  } catch (err) {
    return err instanceof ApiError ? err.code : 'OTHER';
  }
  return 'ACCEPTED';
};

describe('renderMarkdown', () => {
  it('renders ordinary Markdown exactly', () => {
    expect(renderMarkdown('Really **good** and *soft*')).toBe('<p>Really <strong>good</strong> and <em>soft</em></p>\n');
    expect(renderMarkdown('- one\n- two')).toBe('<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n');
    expect(renderMarkdown('~~old~~ new\nline')).toBe('<p><del>old</del> new<br>line</p>\n');
    expect(renderMarkdown('`<b>` and\n\n```\n<script>x</script>\n```')).toBe('<p><code>&lt;b&gt;</code> and</p>\n<pre><code>&lt;script&gt;x&lt;/script&gt;\n</code></pre>\n');
    expect(renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |')).toContain('<td>1</td>');
  });

  it('keeps safe links with rel="nofollow ugc noopener" and https images', () => {
    expect(renderMarkdown('[shop](https://shop.example/a?b=1&c=2 "Shop")')).toBe(
      '<p><a href="https://shop.example/a?b=1&amp;c=2" title="Shop" rel="nofollow ugc noopener">shop</a></p>\n',
    );
    expect(renderMarkdown('<https://auto.example> mail@example.com')).toContain('href="https://auto.example/"');
    expect(renderMarkdown('[me](mailto:me@example.com)')).toContain('href="mailto:me@example.com"');
    expect(renderMarkdown('![photo](https://img.example/a.jpg)')).toBe('<p><img src="https://img.example/a.jpg" alt="photo" loading="lazy"></p>\n');
    expect(renderMarkdown('![photo](https://img.example/a.jpg)', { images: false })).toBe('<p>photo</p>\n');
  });

  it.each([
    ['script tag', '<script>alert(1)</script>'],
    ['event handler', '<img src=x onerror=alert(1)>'],
    ['iframe', '<iframe src="https://evil.example"></iframe>'],
    ['svg', '<svg onload=alert(1)><circle/></svg>'],
    ['html link', '<a href="javascript:alert(1)">x</a>'],
    ['comment', '<!-- <img src=x onerror=alert(1)> -->'],
    ['mXSS noscript', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
    ['mXSS svg style', '<svg><style><img src=x onerror=alert(1)></style></svg>'],
  ])('shows raw HTML as text: %s', (_name, source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<(script|img|iframe|svg|a|noscript|style)\b/i);
    expect(html).toContain('&lt;');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    '&#106;avascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    '//evil.example/x',
    '/relative/path',
  ])('drops the link but keeps its text for %s', (href) => {
    const html = renderMarkdown(`[click](${href}) ![img](${href})`);
    expect(html).not.toMatch(/<a |<img /);
    expect(html).toContain('click');
  });

  it('turns headings into bold paragraphs and task boxes into text', () => {
    expect(renderMarkdown('# Big')).toBe('<p><strong>Big</strong></p>\n');
    expect(renderMarkdown('- [x] done')).toBe('<ul>\n<li>[x] done</li>\n</ul>\n');
  });

  it('refuses what it cannot render safely, with the right code', () => {
    expect(rejected('a'.repeat(MAX_MARKDOWN_LENGTH + 1))).toBe('PAYLOAD_TOO_LARGE');
    expect(rejected('a\u0000b')).toBe('VALIDATION_FAILED');
    expect(rejected('a\ud800b')).toBe('VALIDATION_FAILED');
    expect(rejected('>'.repeat(1800))).toBe('MARKDOWN_REJECTED');
    expect(rejected('> '.repeat(2000))).toBe('MARKDOWN_REJECTED');
    expect(rejected('*a'.repeat(2000))).toBe('MARKDOWN_REJECTED');
    expect(rejected(Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'))).toBe('MARKDOWN_REJECTED');
    expect(() => renderMarkdown('>'.repeat(100_000), { maxLength: 200_000 })).toThrow(/nests quotes or lists/);
  });
});

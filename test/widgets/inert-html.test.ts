/**
 * The check that lets a body skip DOMPurify: it must accept only strings whose
 * whole parse is text and attribute-free elements from the allow-list, and
 * turn away everything else, however it is disguised.
 */
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../worker/domain/markdown';
import { isInert } from '../../widgets/src/inert-html';

describe('isInert', () => {
  it('accepts what the server renders for text, emphasis, line breaks and lists', () => {
    for (const source of [
      'Hello world',
      'Line one\nline two',
      'Para one\n\nPara two & "quotes", it’s <b>x</b> <script>alert(1)</script>',
      'I **love** it, *really*, ~~not~~ `code`',
      '# A heading\n\n- navy\n- sage\n\n1. one\n2. two\n\n> quoted',
      'é ü 日本 😀 5 > 3 < 7 &copy; &#169; &#xA9;',
    ]) {
      expect(isInert(renderMarkdown(source)), source).toBe(true);
    }
  });

  it('turns away links, images, attributes, other tags and stray markup characters', () => {
    for (const html of [
      '<p><a href="https://example.com/">a link</a></p>',
      '<p><img src="https://example.com/a.png" alt=""></p>',
      '<p><a href="javascript:alert(1)">x</a></p>',
      '<p onclick="alert(1)">x</p>',
      '<p class="x">x</p>',
      '<strong style="color:red">x</strong>',
      '<em\tonmouseover=alert(1)>x</em>',
      '<p/onclick=alert(1)>x</p>',
      '<br onload=alert(1)>',
      '<br/>',
      '<P >x</P >',
      '<script>alert(1)</script>',
      '<svg><p>x</p></svg>',
      '<style>p{}</style>',
      '<textarea><p>x</p></textarea>',
      '<pre><code class="language-js">x</code></pre>',
      '<ol start="3"><li>x</li></ol>',
      '<table><tr><td>x</td></tr></table>',
      '<!-- <p> -->',
      '<![CDATA[x]]>',
      '<p>a < b</p>',
      '<p>a > b</p>',
      '<p>AT&T</p>',
      '<p>&#x3c;script&gt</p>',
      '<p>&</p>',
      '<<p>script>alert(1)<</p>/script>',
      '<p>x</p><',
    ]) {
      expect(isInert(html), html).toBe(false);
    }
  });

  it('answers at once for the longest body, accepted or not (no backtracking blow-up)', () => {
    const long = '<p>' + 'word &amp; <strong>bold</strong> '.repeat(5_000) + '</p>';
    expect(isInert(long)).toBe(true);
    expect(isInert(long + '<')).toBe(false);
    expect(isInert('a'.repeat(100_000) + '<')).toBe(false);
  });
});

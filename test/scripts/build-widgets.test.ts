/** The widgets build: what it does to the CSS of Lit's css`` templates. */
import { describe, expect, it } from 'vitest';
import { minifyCss } from '../../scripts/build-widgets';

describe('minifyCss', () => {
  it('keeps the space of a descendant combinator before a pseudo-class, which changes what a selector matches', () => {
    // `.media-list:is(img)` matches a .media-list that is an img: the dashboard's photos lost their size.
    expect(minifyCss('.media-list :is(img, .video-link) {\n  width: 8rem;\n}')).toBe('.media-list :is(img,.video-link){width:8rem}');
    expect(minifyCss('.body :is(p, ul, ol) { margin: 0.35rem 0; }')).toBe('.body :is(p,ul,ol){margin:.35rem 0}');
    expect(minifyCss('li :focus-visible { outline: 2px solid; }')).toBe('li :focus-visible{outline:2px solid}');
  });

  it('drops comments and whitespace and keeps what Lit styles need', () => {
    const css = `
      /* the element itself */
      :host {
        display: block;
      }
      :host([hidden]) { display: none; }
      .summary > :first-child { flex: 0 0 auto; }
      ::slotted(*) { margin: 0; }
      @media (max-width: 40rem) {
        .row { gap: 0.5rem; }
      }
    `;
    expect(minifyCss(css)).toBe(':host{display:block}:host([hidden]){display:none}.summary>:first-child{flex:0 0 auto}::slotted(*){margin:0}@media(max-width:40rem){.row{gap:.5rem}}');
  });
});

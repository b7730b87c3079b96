/** How the four elements register: each once, by its own `define`, and known to TypeScript by its tag. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { elementSource, widgetsOut, type WidgetManifest } from '../../scripts/build-widgets';
import type { VerityQuestions } from '../../widgets/src/components/verity-questions/verity-questions';
import type { VerityReviewForm } from '../../widgets/src/components/verity-review-form/verity-review-form';
import type { VerityReviews } from '../../widgets/src/components/verity-reviews/verity-reviews';
import type { VerityStars } from '../../widgets/src/components/verity-stars/verity-stars';
import { demoStorefront, openPage } from '../helpers/browser';

const demo = demoStorefront();
const tags = ['verity-stars', 'verity-reviews', 'verity-review-form', 'verity-questions'] as const;

describe('element registration', () => {
  it('gives each tag its class in HTMLElementTagNameMap (checked by tsc), so querySelector and createElement are typed', () => {
    expectTypeOf<HTMLElementTagNameMap['verity-stars']>().toEqualTypeOf<VerityStars>();
    expectTypeOf<HTMLElementTagNameMap['verity-reviews']>().toEqualTypeOf<VerityReviews>();
    expectTypeOf<HTMLElementTagNameMap['verity-review-form']>().toEqualTypeOf<VerityReviewForm>();
    expectTypeOf<HTMLElementTagNameMap['verity-questions']>().toEqualTypeOf<VerityQuestions>();
  });

  it('keeps the first definition, without an error, when a second copy of an element’s code runs (two builds of verity.js on one page)', async () => {
    const manifest = JSON.parse(readFileSync(join(widgetsOut, 'manifest.json'), 'utf8')) as WidgetManifest;
    const { page, errors, close } = await openPage(demo.browser, `${demo.server.url}/demo`);
    for (const tag of tags) {
      const file = Object.entries(manifest.files).find(([, f]) => f.sources.includes(elementSource(tag)))?.[0];
      expect(file, tag).toBeDefined();
      const url = JSON.stringify(`${demo.server.url}/widgets/${file}`);
      // A string, so vitest leaves its import() alone; a query string makes the browser run the module
      // again: a second copy of the class, trying to register the same tag.
      const outcome = await page.evaluate(`(async () => {
        await import(${url});
        const first = customElements.get('${tag}');
        try { await import(${url} + '?copy'); } catch (err) { return 'threw: ' + err; }
        return customElements.get('${tag}') === first ? 'kept' : 'replaced';
      })()`);
      expect(outcome, tag).toBe('kept');
    }
    expect(errors).toEqual([]);
    await close();
  });
});

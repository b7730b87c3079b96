/** The words of the review form, on the hosted page and in the widget: two fields never share one label. */
import { describe, expect, it } from 'vitest';
import { buyerLocales } from '../../../db/schema';
import { messages } from '../../../worker/i18n';
import * as de from '../../../widgets/src/locales/form/de';
import { enForm } from '../../../widgets/src/locales/form/en';
import * as es from '../../../widgets/src/locales/form/es';
import * as fr from '../../../widgets/src/locales/form/fr';
import * as ja from '../../../widgets/src/locales/form/ja';

// German says "Bewertung" for both a rating and a review: the form read "Ihre Bewertung" above the stars and the text box.
describe('review form labels', () => {
  it.each(buyerLocales)('the hosted /r/ page in %s names the rating and the text differently', (locale) => {
    const t = messages(locale).pages.review;
    expect(t.ratingLegend.startsWith(t.bodyLabel), `${t.ratingLegend} / ${t.bodyLabel}`).toBe(false);
  });

  it.each(Object.entries({ de, en: { templates: enForm }, es, fr, ja }))('<verity-review-form> in %s names the rating and the text differently', (_, words) => {
    expect(words.templates.yourRating).not.toBe(words.templates.body);
  });
});

/** The slice of @marbec/web-auto-extractor (plain JavaScript, no types of its own) the tests use: JSON-LD by @type. */
declare module '@marbec/web-auto-extractor' {
  export default class WebAutoExtractor {
    constructor(options?: { addLocation?: boolean; embedSource?: boolean });
    parse(html: string): { jsonld: Record<string, object[]> };
  }
}

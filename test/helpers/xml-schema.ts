/**
 * Offline XML Schema validation with libxml2's xmllint (compiled to
 * WebAssembly by xmllint-wasm): the same checks `xmllint --schema` makes,
 * with no network and no system package.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

const googleReviewsXsd = readFileSync(fileURLToPath(new URL('../fixtures/google-product-reviews-2.4.xsd', import.meta.url)), 'utf8');

/** The schema errors of a Google product reviews feed (2.4); empty when it is valid. */
export async function googleFeedErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'feed.xml', contents: xml }],
    schema: [{ fileName: 'google-product-reviews-2.4.xsd', contents: googleReviewsXsd }],
    // A 5,000-character body times many reviews outgrows the default 16 MiB.
    maxMemoryPages: 4096,
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

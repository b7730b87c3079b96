/** Sitemaps (sitemaps.org 0.9): a store's URLs, and the index of a store's sitemaps. */
import { urls } from '../domain/urls';
import { escapeHtml } from '../lib/html';

const esc = escapeHtml;
const iso = (ms: number) => new Date(ms).toISOString();

/** A sitemap of at most 50,000 URLs, each with the time its page last changed. */
export function sitemapXml(entries: Array<{ loc: string; lastmod: number }>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${entries.map((e) => `<url><loc>${esc(e.loc)}</loc><lastmod>${iso(e.lastmod)}</lastmod></url>`).join('\n')}
</urlset>
`;
}

/** A sitemap index: the sitemaps of one store, which robots.txt points crawlers at. */
export function sitemapIndexXml(sitemaps: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${sitemaps.map((loc) => `<sitemap><loc>${esc(loc)}</loc></sitemap>`).join('\n')}
</sitemapindex>
`;
}

/**
 * robots.txt for Verity's own origin: crawl the question pages and the public
 * API the elements call (a crawler that renders JavaScript needs it), never
 * the one-person link pages or the merchant API; each store's sitemap index.
 */
export function robotsTxt(baseUrl: string, storeIds: string[], opts: { demo: boolean }): string {
  return [
    'User-agent: *',
    'Allow: /q/',
    'Allow: /v1/stores/',
    ...(opts.demo ? ['Allow: /demo'] : []),
    // Links from emails: each is one buyer's, and the pages say noindex too.
    'Disallow: /r/',
    'Disallow: /a/',
    'Disallow: /accept/',
    'Disallow: /u/',
    'Disallow: /v1/admin/',
    '',
    ...storeIds.map((id) => `Sitemap: ${urls.storeSitemapIndex(baseUrl, id)}`),
    '',
  ].join('\n');
}

/**
 * The modules every Lit element's chunk shares, for a lazily imported chunk
 * that needs only some of them (the media code, <verity-gallery>). esbuild
 * puts the modules reached by the same set of chunks into one shared chunk;
 * a chunk that reached Lit but not these would split the product page's
 * shared chunk in two, which costs the page 500 B gzip (measured). Importing
 * them keeps it one file and costs nothing: the page has them already.
 */
import './base/verity-element';
import './base/verity-element.styles';
import './errors';
import './events';
import './server-html';

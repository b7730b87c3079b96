/**
 * The dashboard bundle (/widgets/admin.js), loaded only by the /admin shell
 * page: storefronts never request it. One file, no lazy chunks: it is built
 * on its own so it shares nothing with, and changes nothing of, verity.js.
 */
import './verity-admin-app/verity-admin-app';

/**
 * The dashboard's one HTML page: an empty shell the Lit app (widgets/src/admin,
 * built to /widgets/admin.js) fills in. Every /admin URL answers it, so deep
 * links (/admin/reset/<token>, /admin/invite/<token>) work on reload.
 * Nothing inline: the page's CSP allows scripts and styles from this origin only.
 */
export const ADMIN_SCRIPT = '/widgets/admin.js';

export const adminPage = () => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>Verity dashboard</title>
<script type="module" src="${ADMIN_SCRIPT}"></script>
</head>
<body>
<verity-admin-app></verity-admin-app>
<noscript>The Verity dashboard needs JavaScript. The merchant API (/docs) works without it.</noscript>
</body>
</html>
`;

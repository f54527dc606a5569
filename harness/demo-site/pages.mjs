// @ts-check
// HTML for the demo site's pages and the embedded third-party frame.
import { DEMO_PORTAL_ID, EMBED_HOST, HUBSPOT_HOSTS, PARTNER_SITE_DOMAIN, PARTNER_SITE_HOSTS, SITE_HOSTS } from './hosts.mjs';

/** @typedef {{ title: string, heading: string, body: string }} PageContent */

/** @type {Readonly<Record<string, PageContent>>} */
const PAGES = {
  '/': {
    title: 'Hub Demo Coffee — fresh beans, weekly',
    heading: 'Fresh beans, delivered weekly',
    body: '<p>We roast small batches every Monday and ship them the same day. Pick a plan, pause any time.</p>'
      + '<p><a class="cta" href="/pricing">See the plans</a></p>',
  },
  '/pricing': {
    title: 'Pricing — Hub Demo Coffee',
    heading: 'Plans',
    body: '<table><thead><tr><th>Plan</th><th>Beans</th><th>Per month</th></tr></thead><tbody>'
      + '<tr><td>Taster</td><td>250 g</td><td>€12</td></tr>'
      + '<tr><td>Regular</td><td>500 g</td><td>€21</td></tr>'
      + '<tr><td>Office</td><td>2 kg</td><td>€69</td></tr></tbody></table>',
  },
  '/blog/': {
    title: 'Blog — Hub Demo Coffee',
    heading: 'From the roastery',
    body: '<article><h2>Why we roast on Mondays</h2><p>Beans rest for a few days after roasting, so a Monday roast tastes its best by the weekend.</p></article>'
      + '<article><h2>Grinding at home</h2><p>A burr grinder gives an even grind; set it coarser for a French press than for espresso.</p></article>',
  },
};

/** @param {string} path */
export function isPagePath(path) {
  return Object.hasOwn(PAGES, path);
}

/**
 * @param {string} text
 * @returns {string}
 */
function escapeHtml(text) {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/**
 * @param {{ path: string, host: string, port: number, embed: boolean, tracker: boolean }} request
 * @returns {string}
 */
export function renderPage({ path, host, port, embed, tracker }) {
  const page = PAGES[path] ?? PAGES['/'];
  if (page === undefined) throw new Error('the page table is empty');
  const otherBlogHost = host === 'blog.hubdemo.test' ? 'www.hubdemo.test' : 'blog.hubdemo.test';
  // A link to the portal's other domain: the tracker decorates it with the visitor's identity.
  const onPartner = host === PARTNER_SITE_DOMAIN || host.endsWith(`.${PARTNER_SITE_DOMAIN}`);
  const portalLink = onPartner
    ? `<a id="portal-link" href="https://${SITE_HOSTS[0]}:${port}/pricing">Hub Demo Coffee</a>`
    : `<a id="portal-link" href="https://${PARTNER_SITE_HOSTS[0]}:${port}/">Our partner shop</a>`;
  const loader = tracker
    ? `<script type="text/javascript" id="hs-script-loader" async defer src="https://${HUBSPOT_HOSTS.loader}:${port}/${DEMO_PORTAL_ID}.js"></script>`
    : '';
  const frame = embed
    ? `<aside><h2>Chat with us</h2><iframe id="embed-frame" title="Chat" width="320" height="120" src="https://${EMBED_HOST}:${port}/frame"></iframe></aside>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d1d1f; }
header, main, footer { max-width: 720px; margin: 0 auto; padding: 12px 20px; }
nav a { margin-right: 16px; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 4px 10px; }
.cta { background: #6b3e26; color: #fff; padding: 6px 14px; border-radius: 4px; text-decoration: none; }
</style>
</head>
<body>
<header><strong>Hub Demo Coffee</strong>
<nav><a href="/">Home</a><a href="/pricing">Pricing</a><a href="/blog/">Blog</a><a href="https://${otherBlogHost}:${port}/blog/">Blog on ${otherBlogHost}</a>${portalLink}</nav>
</header>
<main>
<h1>${escapeHtml(page.heading)}</h1>
${page.body}
${frame}
</main>
<footer><small>A demo site for testing Cookie Lens. Its tracker is a stand-in, not HubSpot's code.</small></footer>
${loader}
</body>
</html>
`;
}

/** The embedded frame: a chat-like widget from another site. */
export function renderFrame() {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Chat widget</title></head>
<body style="font: 14px system-ui, sans-serif; margin: 8px;">
<p>Hi! Questions about our beans? <button type="button">Start chat</button></p>
<script src="/frame.js"></script>
</body>
</html>
`;
}

/**
 * The privacy-signals page (`/__demo/privacy-signals`): the Sec-GPC header the server received
 * with the page, and (filled in by privacy-signals.js) `navigator.globalPrivacyControl` as the
 * page's scripts see it.
 * @param {string | null} secGpc the request's Sec-GPC header, or null when it had none
 * @returns {string}
 */
export function renderPrivacySignalsPage(secGpc) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Privacy signals</title></head>
<body>
<h1>Privacy signals this site received</h1>
<p>Sec-GPC header with this page: <output id="server-gpc">${escapeHtml(secGpc ?? 'none')}</output></p>
<p>navigator.globalPrivacyControl in this page: <output id="page-gpc">not read yet</output></p>
<script src="/__demo/privacy-signals.js"></script>
</body>
</html>
`;
}

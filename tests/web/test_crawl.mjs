// test_crawl.mjs: never link what the reader may not open. For every demo role, log in through
// the real server and follow every same-site link of every page reachable from the start page
// (breadth first, up to 400 pages per role; logout and forms are not followed), and require each
// to answer 200 (a redirect counts when where it leads answers 200). A link that answers 403 or
// 404 to the reader who was shown it fails the test with the page that carried it.

import { assert, run, tempDir, demoDb, startServer, setupRoles, ROLE_LOGINS } from './lib.mjs';

const MAX_PAGES = 400;

// The same-site links of an HTML page, as paths with their queries (fragments dropped).
function links(html) {
    const out = [];
    for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)) {
        const href = m[1].replace(/&amp;/g, '&').replace(/#.*$/, '');
        if (!href.startsWith('/') || href.startsWith('//'))
            continue;
        out.push(href);
    }
    return out;
}

async function crawl(role, client) {
    const seen = new Set(['/']);
    const queue = [{ path: '/', from: '(start)' }];
    let pages = 0, links_checked = 0;
    while (queue.length && pages < MAX_PAGES) {
        const { path, from } = queue.shift();
        let res = await client.req(path);
        let hops = 0;
        while (res.status >= 300 && res.status < 400 && res.location && hops++ < 3) {
            assert.ok(res.location.startsWith('/'), `${role}: ${path} redirects off-site to ${res.location}`);
            res = await client.req(res.location.replace(/#.*$/, ''));
        }
        links_checked++;
        assert.equal(res.status, 200, `${role}: ${path} (linked from ${from}) answers ${res.status}`);
        if (!(res.headers.get('content-type') || '').startsWith('text/html'))
            continue;
        pages++;
        for (const href of links(res.text)) {
            if (seen.has(href))
                continue;
            seen.add(href);
            queue.push({ path: href, from: path });
        }
    }
    return { pages, links: links_checked, left: queue.length };
}

async function main() {
    const dir = tempDir('crawl');
    const db = demoDb(dir);
    const server = await startServer(db);
    const clients = await setupRoles(server);
    for (const role of Object.keys(ROLE_LOGINS)) {
        const { pages, links, left } = await crawl(role, clients[role]);
        console.log(`${role}: ${pages} pages, ${links} links answered 200${left ? `, ${left} not visited (limit)` : ''}`);
        assert.ok(pages >= 2, `${role}: only ${pages} pages reached`);
    }
}

run(main);

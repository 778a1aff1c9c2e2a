// ProxiPro's service worker: the app opens and computes journeys with no network after a first visit.
//
// - App shell (index.html, Trunk's hashed .js/.wasm/.css, Leaflet under /vendor/, the manifest and
//   icons): precached at install from the links of index.html. Hashed files are served cache-first
//   (their names change with their content), /vendor/ from the cache while a fresh copy is fetched for
//   next time, other same-origin files network-first.
// - Navigations (/, /formation/…, /selection…): network-first, falling back to the cached index.html
//   when offline or on a server error. A fresh index.html replaces the cached one only once the
//   build files it links are cached too, and only if it is this app's page (not a portal's).
// - Data under /data/: network-first (5 s for an answer when a copy is kept), falling back to the
//   cached copy. Each copy is stored with an `X-ProxiPro-Cache-Date` header (ISO date of storage),
//   so a response carrying it came from the cache; the app shows its age.
// - Everything else (map tiles, the geocoder, other origins, test stand-ins under /__test__/) is not
//   intercepted: offline the base map is missing but markers and isochrones are still drawn.
// Error responses (and HTML where data was expected) are never cached; only GET requests are intercepted.

const VERSION = "v1";
const SHELL_CACHE = `proxipro-shell-${VERSION}`;
const DATA_CACHE = `proxipro-data-${VERSION}`;
const CACHE_DATE = "X-ProxiPro-Cache-Date";
/// How long a data request waits for the network when a cached copy could answer instead.
const DATA_PATIENCE_MS = 5000;
/// Files of the shell that index.html does not link.
const SHELL_EXTRAS = ["/register-sw.js", "/manifest.webmanifest", "/icons/icon-192.png", "/icons/icon-512.png",
    "/icons/maskable-512.png", "/icons/apple-touch-icon.png"];
/// Trunk's content-hashed file names, e.g. /proxipro-5513286d2dd24a9_bg.wasm.
const HASHED = /-[0-9a-f]{8,}(_bg)?\.(js|wasm|css)$/;
/// Next to a region's dataset: what the sources page reads, kept with it.
const COMPANIONS = { "dataset.json": ["provenance.json"] };

self.addEventListener("install", (event) => {
    event.waitUntil(precacheShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
    event.waitUntil((async () => {
        const keep = [SHELL_CACHE, DATA_CACHE];
        for (const name of await caches.keys()) {
            if (name.startsWith("proxipro-") && !keep.includes(name)) await caches.delete(name);
        }
        await self.clients.claim();
    })());
});

// The page lists the data it loaded before this worker controlled it (see register-sw.js).
self.addEventListener("message", (event) => {
    const message = event.data || {};
    if (message.type !== "cache-data" || !Array.isArray(message.urls)) return;
    event.waitUntil(Promise.all(message.urls.map(async (url) => {
        const path = sameOriginPath(url);
        if (!path || !path.startsWith("/data/")) return;
        const cache = await caches.open(DATA_CACHE);
        if (await cache.match(path)) return;
        try {
            await storeData(cache, path, await fetch(path, { cache: "no-store" }));
        } catch (_) { /* offline again: next time */ }
    })));
});

self.addEventListener("fetch", (event) => {
    const request = event.request;
    if (request.method !== "GET") return;
    const path = sameOriginPath(request.url);
    if (!path || path.startsWith("/__test__/") || path === "/sw.js") return;
    if (request.mode === "navigate") {
        event.respondWith(navigation(event));
    } else if (path.startsWith("/data/")) {
        event.respondWith(data(event, path));
    } else if (HASHED.test(path)) {
        event.respondWith(cacheFirst(request, path));
    } else if (path.startsWith("/vendor/")) {
        event.respondWith(staleWhileRevalidate(event, path));
    } else {
        event.respondWith(networkFirst(request, path));
    }
});

function sameOriginPath(url) {
    const parsed = new URL(url, self.location.href);
    return parsed.origin === self.location.origin ? parsed.pathname : null;
}

/// The files index.html links (stylesheets, scripts, the wasm module, the manifest…), same-origin only.
/// Links to the app's pages (/selection, the copied list's /formation/…) are not files: any
/// navigation is answered with the cached "/".
function shellLinks(html) {
    const found = new Set(["/", ...SHELL_EXTRAS]);
    for (const match of html.matchAll(/(?:href|src)="([^"]+)"|'(\/[^']+\.(?:js|wasm))'/g)) {
        // In-page links (#…) would resolve against this worker's own address.
        if ((match[1] || "").startsWith("#")) continue;
        const path = sameOriginPath(match[1] || match[2]);
        if (path && !path.startsWith("/data/") && /\.[a-z0-9]+$/i.test(path)) found.add(path);
    }
    return [...found];
}

async function precacheShell() {
    const cache = await caches.open(SHELL_CACHE);
    const page = await fetch("/", { cache: "no-store" });
    if (!page.ok) throw new Error(`index.html: ${page.status}`);
    const html = await page.clone().text();
    await cache.put("/", await servable(page));
    const links = shellLinks(html).filter((path) => path !== "/");
    // Leaflet's images (layer control, default marker) come from its stylesheet.
    for (const image of ["layers.png", "layers-2x.png", "marker-icon.png", "marker-icon-2x.png", "marker-shadow.png"]) {
        links.push(`/vendor/leaflet/images/${image}`);
    }
    await Promise.all(links.map(async (path) => {
        try {
            // The page has just loaded these very files (the worker registers once the app has
            // started): take them from the browser's cache instead of downloading them again.
            const response = await fetch(path, { cache: "force-cache" });
            if (response.ok) await cache.put(path, response);
        } catch (_) { /* optional file: the shell works without it */ }
    }));
}

/// A fresh index.html becomes the offline page only once the build files it links (hashed .js,
/// .wasm, .css) are all cached: a network lost halfway keeps the previous, complete shell.
/// Then the hashed files of older builds go.
async function adoptShell(html, page) {
    const cache = await caches.open(SHELL_CACHE);
    const links = shellLinks(html).filter((path) => path !== "/");
    const kept = await Promise.all(links.map(async (path) => {
        if (await cache.match(path)) return true;
        try {
            const response = await fetch(path, { cache: "no-store" });
            if (response.ok) {
                await cache.put(path, response);
                return true;
            }
        } catch (_) { /* fetched again on use */ }
        return false;
    }));
    if (links.some((path, i) => HASHED.test(path) && !kept[i])) return;
    await cache.put("/", page);
    for (const request of await cache.keys()) {
        const path = new URL(request.url).pathname;
        if (HASHED.test(path) && !links.includes(path)) await cache.delete(request);
    }
}

/// This app's page, from this site: not a captive portal's login page nor a host's error page.
function isAppPage(response, html) {
    return response.ok && new URL(response.url).origin === self.location.origin
        && (response.headers.get("Content-Type") || "").includes("text/html") && html.includes('id="coquille"');
}

/// A copy that may answer a navigation: Chrome refuses a response marked as redirected.
async function servable(response) {
    if (!response.redirected) return response;
    return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers });
}

async function navigation(event) {
    // Every app route is the same page: the router reads the address.
    const cachedShell = () => caches.match("/", { cacheName: SHELL_CACHE });
    let response;
    try {
        response = await fetch(event.request);
    } catch (error) {
        const cached = await cachedShell();
        if (cached) return cached;
        throw error;
    }
    if (response.ok) {
        const html = await response.clone().text();
        if (isAppPage(response, html)) {
            const page = await servable(response.clone());
            event.waitUntil(adoptShell(html, page).catch(() => {}));
        }
    } else if (response.status >= 500) {
        // The server is failing (502 from a proxy…): the kept app works better than its error page.
        const cached = await cachedShell();
        if (cached) return cached;
    }
    return response;
}

async function cacheFirst(request, path) {
    const cache = await caches.open(SHELL_CACHE);
    const cached = await cache.match(path);
    if (cached) return cached;
    const response = await fetch(request);
    if (response.ok) await cache.put(path, response.clone());
    return response;
}

/// Leaflet keeps its file names across versions: the stored copy answers, a fresh one is kept for next time.
async function staleWhileRevalidate(event, path) {
    const cache = await caches.open(SHELL_CACHE);
    const cached = await cache.match(path);
    const update = fetch(event.request).then(async (response) => {
        if (response.ok) await cache.put(path, response.clone());
        return response;
    });
    if (!cached) return update;
    event.waitUntil(update.catch(() => {}));
    return cached;
}

async function networkFirst(request, path) {
    const cache = await caches.open(SHELL_CACHE);
    try {
        const response = await fetch(request);
        if (response.ok) await cache.put(path, response.clone());
        return response;
    } catch (error) {
        const cached = await cache.match(path);
        if (cached) return cached;
        throw error;
    }
}

/// Keeps an ok response under `path` with the date it was stored; returns nothing.
async function storeData(cache, path, response) {
    if (!response.ok || response.status !== 200) return;
    // A host that answers unknown paths with its HTML page must not leave that page as the data.
    if ((response.headers.get("Content-Type") || "").includes("text/html")) return;
    const headers = new Headers(response.headers);
    headers.set(CACHE_DATE, new Date().toISOString());
    const body = await response.blob();
    await cache.put(path, new Response(body, { status: 200, statusText: "OK", headers }));
    const name = path.slice(path.lastIndexOf("/") + 1);
    const folder = path.slice(0, path.lastIndexOf("/") + 1);
    for (const companion of COMPANIONS[name] || []) {
        if (await cache.match(folder + companion)) continue;
        try {
            const extra = await fetch(folder + companion, { cache: "no-store" });
            if (extra.ok) await storeData(cache, folder + companion, extra);
        } catch (_) { /* fetched on use */ }
    }
}

async function data(event, path) {
    const cache = await caches.open(DATA_CACHE);
    const cached = await cache.match(path);
    const network = fetch(event.request).then((response) => {
        // The page gets the network's answer at once; the copy is stored alongside.
        if (response.ok) event.waitUntil(storeData(cache, path, response.clone()).catch(() => {}));
        return response;
    });
    if (!cached) return network;
    network.catch(() => {});
    const patience = new Promise((resolve) => setTimeout(() => resolve(null), DATA_PATIENCE_MS));
    try {
        const response = await Promise.race([network, patience]);
        // Server errors fall back to the kept copy too: the user is never left without data.
        if (response && response.status < 500) return response;
    } catch (_) { /* offline */ }
    return cached;
}

// Registers ProxiPro's service worker (public/sw.js) so the app works offline after a first visit.
// A file rather than an inline script: the page's CSP allows inline scripts only by hash.
(function () {
    if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
    var container = navigator.serviceWorker;
    // Installing the worker fetches the app's files into its cache: on a first visit over a slow
    // network that would share the line with the app's own download. So wait until the page has
    // loaded and the app has started (Trunk's loader dispatches the event).
    var loaded = document.readyState === "complete", started = false;
    function register() {
        if (!loaded || !started) return;
        container.register("/sw.js", { scope: "/" }).catch(function () { /* works online without it */ });
    }
    addEventListener("load", function () { loaded = true; register(); }, { once: true });
    addEventListener("TrunkApplicationStarted", function () { started = true; register(); }, { once: true });

    // Data this page loaded before the worker controlled it (the first visit) is handed to the
    // worker to keep, so the next visit works offline even if it is the first one with no network.
    if (!("PerformanceObserver" in window)) return;
    var sent = {};
    function keep(entries) {
        var urls = [];
        entries.forEach(function (entry) {
            var url = new URL(entry.name, location.href);
            var ok = entry.responseStatus === undefined || entry.responseStatus === 200;
            if (url.origin === location.origin && url.pathname.indexOf("/data/") === 0 && ok && !sent[url.pathname]) {
                sent[url.pathname] = true;
                urls.push(url.pathname);
            }
        });
        if (urls.length === 0) return;
        container.ready.then(function (registration) {
            if (registration.active) registration.active.postMessage({ type: "cache-data", urls: urls });
        });
    }
    try {
        new PerformanceObserver(function (list) { keep(list.getEntries()); })
            .observe({ type: "resource", buffered: true });
    } catch (_) { /* older browsers: data is kept from the next visit on */ }
})();

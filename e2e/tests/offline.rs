//! Offline: after a first visit the service worker (public/sw.js) has kept the app and its data;
//! with the network cut the app still opens, filters and draws an isochrone, and says that its
//! data is the stored copy and from when.
//!
//! The network is cut twice, so nothing can slip through: the page is put offline through the
//! driver (DevTools' network emulation, which also turns `navigator.onLine` false), and the server
//! itself is stopped, because that emulation does not reach the service worker's own requests.

use std::time::Duration;

use fantoccini::Locator;
use proxipro_e2e::{dataset, dist_dir, repo_root, Browser, ServerOptions, StaticServer, Viewport};

const PAGE: usize = 50;

/// Polls `js` (a script returning a boolean) until it holds.
async fn until(browser: &Browser, what: &str, js: &str) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while browser.script_async(js).await != serde_json::json!(true) {
        assert!(tokio::time::Instant::now() < deadline, "still waiting for {what}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// A first visit that lets the service worker take the page over and keep the shell and the data.
async fn first_visit(browser: &Browser, url: &str) {
    browser.open(url).await;
    browser.wait_for(".offer-item").await;
    until(browser, "the service worker to control the page", "done(!!navigator.serviceWorker.controller)").await;
    let network_file = dataset().network.expect("the region has a network").file;
    let kept = format!(
        "Promise.all(['/', '/data/ille-et-vilaine/dataset.json', '/data/ille-et-vilaine/{network_file}'].map(u => caches.match(u)))          .then(found => done(found.every(Boolean)), () => done(false))"
    );
    until(browser, "the data in the cache", &kept).await;
}

/// `le 23/11/2026 à 9 h 41`: a French date and time.
fn has_french_date(text: &str) -> bool {
    // WebDriver reads no-break spaces as spaces.
    let shape: String = text.chars().map(|c| if c.is_ascii_digit() { '9' } else if c == '\u{a0}' { ' ' } else { c }).collect();
    shape.contains("le 99/99/9999 à 9 h 99") || shape.contains("le 99/99/9999 à 99 h 99")
}

#[tokio::test]
async fn after_a_first_visit_the_app_opens_filters_and_draws_an_isochrone_without_network() {
    let server = StaticServer::start(dist_dir(), ServerOptions::default()).await;
    let port = server.port;
    let explorer = server.url("/?tiles=/__test__/tile.png&mode=tc&budget=45");
    let about = server.url("/a-propos?tiles=/__test__/tile.png");
    let browser = Browser::launch(Viewport::Desktop).await;
    let dataset = dataset();
    let network_file = dataset.network.as_ref().expect("the region has a network").file.clone();

    // First visit, online: no notice; the worker installs, takes the page over and keeps the
    // shell and the data this page loaded before it was in control.
    browser.open(&explorer).await;
    browser.wait_for_count(".offer-list .offer-item", PAGE).await;
    browser.wait_for(".origin-line.hint").await;
    assert!(browser.all(".cache-notice p").await.is_empty(), "online, with fresh data, nothing to say");
    until(&browser, "the service worker to control the page", "done(!!navigator.serviceWorker.controller)").await;
    let kept = format!(
        "Promise.all(['/', '/data/ille-et-vilaine/dataset.json', '/data/ille-et-vilaine/{network_file}', \
         '/data/ille-et-vilaine/provenance.json', '/vendor/leaflet/leaflet.js', \
         ...[...document.querySelectorAll('link[rel=modulepreload], link[rel=preload], link[rel=stylesheet]')].map(l => new URL(l.href).pathname)] \
         .map(u => caches.match(u))).then(found => done(found.every(Boolean)), () => done(false))"
    );
    until(&browser, "the shell and the data in the cache", &kept).await;
    let manifest = browser.script("return document.querySelector('link[rel=manifest]').href").await;
    assert!(manifest.as_str().is_some_and(|href| href.ends_with("/manifest.webmanifest")), "installable: {manifest}");

    // No network: the page is offline, and the server is gone.
    browser.emulate_offline(true).await;
    drop(server);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err(), "the server is stopped");
    assert_eq!(browser.script("return navigator.onLine").await, serde_json::json!(false));

    // The app opens from the cache.
    browser.reload().await;
    browser.wait_for_count(".leaflet-marker-icon.school-marker", dataset.schools.len()).await;
    browser.wait_for_count(".offer-list .offer-item", PAGE).await;
    let total = format!("{} formations en Ille-et-Vilaine", dataset.offers.len());
    assert_eq!(browser.text(".list-count").await, total);
    let notice = browser.text(".cache-notice[role=status]").await;
    assert!(notice.starts_with("Hors ligne : données enregistrées le "), "the notice says the data is the stored copy: {notice}");
    assert!(has_french_date(&notice), "with its date: {notice}");
    assert!(notice.contains("(à l'instant)") || notice.contains("min)"), "and its age: {notice}");
    browser.screenshot("offline-explorer").await;

    // A filter changes the count.
    let checkbox = "//label[contains(@class, 'check')][span[starts-with(., 'Bac pro')]]/input";
    let found = browser.client.find(Locator::XPath(checkbox)).await;
    found.unwrap_or_else(|e| panic!("the Bac pro filter: {e}")).click().await.expect("tick Bac pro");
    browser.wait_for(".active-filters .chip").await;
    let filtered = browser.text(".list-count").await;
    assert_ne!(filtered, total, "the filter narrows the list offline");
    let shown: usize = filtered.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("a count: {filtered}"));
    assert!(0 < shown && shown < dataset.offers.len(), "{filtered}");

    // An origin from a click on the map: the isochrone is computed and drawn without network.
    browser.wait_for(".origin-line.hint").await;
    browser
        .script(
            "const m = document.querySelector('.school-map'); const r = m.getBoundingClientRect(); \
             m.dispatchEvent(new MouseEvent('click', {bubbles: true, clientX: r.left + r.width * 0.52, clientY: r.top + r.height * 0.55})); return true",
        )
        .await;
    browser.wait_for("path.isochrone").await;
    browser.wait_for(".origin-marker").await;
    browser.screenshot("offline-isochrone").await;
    let reachable = browser.text(".list-count").await;
    assert_ne!(reachable, filtered, "the origin narrows the list to what it reaches");
    let trip = browser.text(".offer-item .offer-trip").await;
    assert!(trip.starts_with("≈ "), "offers show their travel time: {trip}");
    assert_eq!(browser.all(".leaflet-marker-icon.school-marker").await.len(), dataset.schools.len(), "markers stay on the bare map");

    // Another route opened directly: the stored page, and the sources page's own file.
    browser.open(&about).await;
    browser.wait_for_count(".source-item", proxipro_e2e::provenance().sources.len()).await;
    assert!(browser.text(".cache-notice").await.starts_with("Hors ligne"));
    browser.screenshot("offline-about").await;
    browser.close().await;
}

#[tokio::test]
async fn on_a_phone_the_offline_notice_is_readable_and_accessible() {
    let server = StaticServer::start(dist_dir(), ServerOptions::default()).await;
    let url = server.url("/?tiles=/__test__/tile.png");
    let browser = Browser::launch(Viewport::Phone).await;
    first_visit(&browser, &url).await;

    browser.emulate_offline(true).await;
    drop(server);
    tokio::time::sleep(Duration::from_millis(300)).await;
    browser.reload().await;
    browser.wait_for(".offer-item").await;
    let notice = browser.text(".cache-notice[role=status]").await;
    assert!(notice.starts_with("Hors ligne : données enregistrées le ") && has_french_date(&notice), "{notice}");
    let width = browser.script("return document.documentElement.scrollWidth").await;
    assert_eq!(width, serde_json::json!(390), "the notice fits the phone's width");
    browser.screenshot("offline-phone-390x844").await;

    // axe-core (from npm) on the notice (the map view's own findings belong to accessibility.rs).
    let axe = std::fs::read_to_string(repo_root().join("node_modules/axe-core/axe.min.js")).expect("axe-core from npm");
    browser.script(&format!("{axe}; return true")).await;
    let result = browser
        .script_async(
            "axe.run('.cache-notice', { resultTypes: ['violations'] }).then(r => done({ passes: r.passes.length, \
               violations: r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(' | ')) }), \
               e => done({ passes: 0, violations: ['axe failed: ' + e] }))",
        )
        .await;
    assert!(result["passes"].as_u64().unwrap_or(0) > 2, "axe checked the notice: {result}");
    assert_eq!(result["violations"], serde_json::json!([]), "{result}");
    browser.close().await;
}

#[tokio::test]
async fn cut_off_before_the_timetables_came_the_notice_promises_only_the_formations() {
    // A first visit: the formations are in, the network never came (its server failed).
    let mut options = ServerOptions::default();
    options.failures.insert("/data/ille-et-vilaine/network.bin".into(), usize::MAX);
    let server = StaticServer::start(dist_dir(), options).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&server.url("/?tiles=/__test__/tile.png")).await;
    browser.wait_for(".offer-item").await;
    browser.emulate_offline(true).await;
    drop(server);
    let notice = browser.text(".cache-notice").await;
    assert_eq!(notice, "Hors ligne : la carte de fond peut manquer, les formations restent disponibles.");
    browser.close().await;
}

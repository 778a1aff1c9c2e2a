//! The explorer's first screen painted before the app has loaded: a copy of the app's own
//! screen in index.html (see `proxipro_e2e::prerender`), then the app taking its place.

use proxipro_e2e::prerender::{explorer_first_screen, fragment_path};
use proxipro_e2e::{dataset, dist_dir, Browser, ServerOptions, StaticServer, Viewport, TEST_GEOCODER};
use serde_json::json;

async fn server() -> StaticServer {
    StaticServer::start(dist_dir(), ServerOptions::default()).await
}

#[tokio::test]
async fn the_copy_in_the_page_is_the_apps_own_first_screen() {
    let server = server().await;
    let browser = Browser::launch(Viewport::Desktop).await;
    let fresh = explorer_first_screen(&browser, &server).await;
    browser.close().await;
    let committed = std::fs::read_to_string(fragment_path()).expect("public/prerendered/explorer.html is committed");
    if fresh != committed {
        let new = proxipro_e2e::repo_root().join("target/prerendered-explorer.html");
        std::fs::write(&new, &fresh).expect("write the fresh copy");
        panic!(
            "the explorer's first screen has changed: public/prerendered/explorer.html no longer matches the app \
             (fresh copy in {}). Write it anew with `PROXIPRO_DIST=dist cargo run -p proxipro-e2e --bin prerender`, \
             then rebuild.",
            new.display()
        );
    }
    let page = std::fs::read_to_string(dist_dir().join("index.html")).expect("the built index.html");
    assert!(page.contains(committed.trim()), "the build put the copy in index.html (tools/post_build.py)");
}

/// What the copy shows, seen from the page before the app.
const COPY: &str = "const copy = document.querySelector('#coquille .coquille-explorateur');
    const shown = e => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
    return {
        rows: [...copy.querySelectorAll('.offer-item')].filter(shown).length,
        count: copy.querySelector('.list-count').textContent,
        depart: shown(copy.querySelector('input[type=text]')),
        controls: [...copy.querySelectorAll('main input, main select, main button')].every(e => e.disabled === (e.id !== 'coquille-depart')),
        frame: shown(document.querySelector('#coquille .coquille-generique main')),
        status: copy.querySelector('.load-state').textContent.trim(),
    };";

/// A slow network: the page arrives, the app's code (1.3 MB uncompressed here) takes seconds.
async fn slow_network(browser: &Browser, slow: bool) {
    browser.devtools("Network.enable", json!({})).await;
    let bytes_per_second = if slow { 150_000 } else { -1 };
    let conditions = json!({"offline": false, "latency": 40, "downloadThroughput": bytes_per_second, "uploadThroughput": -1});
    browser.devtools("Network.emulateNetworkConditions", conditions).await;
}

#[tokio::test]
async fn on_a_phone_the_formations_show_before_the_app_then_the_app_takes_their_place_unmoved() {
    let server = server().await;
    let browser = Browser::launch(Viewport::Phone).await;
    let offers = dataset().offers.len();
    slow_network(&browser, true).await;
    browser.open_before_app(&server.url(&format!("/?geocodeur={TEST_GEOCODER}"))).await;
    browser.wait_for("#coquille .offer-item").await;
    let seen = browser.script(COPY).await;
    assert_eq!(
        seen,
        json!({"rows": 50, "count": format!("{offers} formations en Ille-et-Vilaine"), "depart": true, "controls": true,
               "frame": false, "status": "Chargement de l'application…"}),
        "the copy shows the journey form, the count and the first 50 formations, its controls disabled but the \
         starting point's field, the generic frame hidden"
    );
    // A starting point can be typed already; the mode buttons do nothing yet.
    browser.click("#coquille-depart").await;
    browser.client.active_element().await.expect("the copy's field").send_keys("vitré").await.expect("type");
    let focused = browser.script("document.querySelector('#coquille .mode-button').focus(); return document.activeElement.id").await;
    assert_eq!(focused, json!("coquille-depart"), "a disabled button takes no focus");
    browser.screenshot("first-screen-before-the-app-phone-390x844").await;

    // While the app downloads, a keyboard user goes down to the third formation's link (the list
    // scrolls to it). When the app takes over, the list never blinks out, stays where it was,
    // and the focus stays on that formation.
    let third = browser.script("const a = document.querySelectorAll('#coquille a.offer-item')[2]; a.focus(); return a.getAttribute('href')").await;
    let scrolled = browser.script("return document.querySelector('#coquille .coquille-explorateur .explorer-panel').scrollTop").await;
    assert!(scrolled.as_f64().is_some_and(|top| top > 0.0), "the copy's list is scrolled: {scrolled}");
    browser
        .script(
            "window.handover = null;
             new MutationObserver((_, observer) => {
                 if (document.getElementById('coquille')) return;
                 const panel = document.getElementById('vue-liste');
                 window.handover = {rows: panel ? panel.querySelectorAll('.offer-item').length : 0, scrolled: panel ? panel.scrollTop : -1,
                                    focus: panel && panel.contains(document.activeElement) ? document.activeElement.pathname : null};
                 observer.disconnect();
             }).observe(document.body, {childList: true});",
        )
        .await;
    slow_network(&browser, false).await;
    let handover = browser
        .script_async("const check = () => window.handover ? done(window.handover) : setTimeout(check, 20); check();")
        .await;
    assert_eq!(handover["rows"], json!(50), "the app's list was drawn when the copy went: {handover}");
    assert_eq!(handover["scrolled"], scrolled, "the app's list is scrolled as the copy was: {handover}");
    assert_eq!(handover["focus"], third, "the focus moved to the app's same link (whose address also carries the settings): {handover}");
    let after = browser
        .script(
            "return {classes: document.documentElement.className, copies: document.querySelectorAll('[id^=coquille]').length,
                     enabled: !document.querySelector('#depart').disabled, typed: document.querySelector('#depart').value,
                     suggestions: document.querySelectorAll('.suggestion').length}",
        )
        .await;
    assert_eq!(
        after,
        json!({"classes": "", "copies": 0, "enabled": true, "typed": "vitré", "suggestions": 0}),
        "nothing of the copy is left but what was typed, and the user left that field: no suggestions open"
    );
    browser.screenshot("first-screen-app-took-over-phone-390x844").await;
    browser.close().await;
}

#[tokio::test]
async fn the_copy_is_painted_only_where_it_is_true_and_says_so_when_the_app_cannot_start() {
    let server = server().await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.devtools("Network.enable", json!({})).await;
    browser.devtools("Network.setBlockedURLs", json!({"urls": ["*.wasm"]})).await;
    let copy_shown = "return [document.querySelector('#coquille .coquille-explorateur main')?.getClientRects().length > 0,
                              document.querySelector('#coquille .coquille-generique main')?.getClientRects().length > 0]";
    // The home, with test tiles (a setting that does not change what it shows): the copy.
    browser.open_before_app(&server.url("/?tiles=/__test__/tile.png")).await;
    browser.wait_for("#coquille .offer-item").await;
    assert_eq!(browser.script(copy_shown).await, json!([true, false]), "the home shows the copy");
    // The app cannot start: the copy's status says so, with a way to try again.
    let status = browser.wait_for("#coquille .coquille-explorateur .load-error[role=alert]").await;
    assert!(status.text().await.expect("status").contains("L'application n'a pas pu démarrer"));
    assert!(browser.is_displayed("#coquille .coquille-explorateur .load-error button").await, "a reload button");
    browser.screenshot("first-screen-app-cannot-load-desktop").await;

    // Addresses the copy would misrepresent: a chosen mode, another region's data, another page.
    for path in ["/?mode=velo", "/?region=morbihan", "/selection", "/formation/x"] {
        browser.open_before_app(&server.url(path)).await;
        browser.wait_for("#coquille .coquille-generique h1").await;
        assert_eq!(browser.script(copy_shown).await, json!([false, true]), "{path}: the generic frame, not the copy");
    }
    browser.close().await;
}

/// Typing the starting point before the app has started: when it takes over, the text, the
/// focus and the caret are in the app's field, and its suggestions follow what was typed.
#[tokio::test]
async fn a_starting_point_typed_before_the_app_is_carried_over_to_it() {
    let server = server().await;
    let browser = Browser::launch(Viewport::Phone).await;
    slow_network(&browser, true).await;
    browser.open_before_app(&server.url(&format!("/?geocodeur={TEST_GEOCODER}"))).await;
    browser.click("#coquille-depart").await;
    browser.client.active_element().await.expect("the copy's field").send_keys("vitr").await.expect("type");
    assert_eq!(browser.script("return document.getElementById('coquille') !== null").await, json!(true), "typed before the app");
    slow_network(&browser, false).await;
    browser.wait_for_count("#coquille", 0).await;
    let field = browser
        .script(
            "const f = document.activeElement;
             return {id: f.id, value: f.value, caret: f.selectionStart}",
        )
        .await;
    assert_eq!(field, json!({"id": "depart", "value": "vitr", "caret": 4}));
    // The user goes on typing in the app's field, and picks the commune with the keyboard.
    browser.client.active_element().await.expect("the app's field").send_keys("é").await.expect("type");
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while !browser.text(".suggestions").await.contains("Vitré") {
        assert!(tokio::time::Instant::now() < deadline, "the app suggests from what was typed");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    browser.client.active_element().await.expect("the app's field").send_keys("\u{E007}").await.expect("Enter");
    browser.wait_for_url("the commune is the start", |url| url.query().is_some_and(|q| q.contains("depart=48.1"))).await;
    browser.close().await;
}

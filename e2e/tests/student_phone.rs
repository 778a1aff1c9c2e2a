//! A student on a 390×844 phone: her position from the device (set through the
//! driver), by bike within 20 minutes, an offer's card in the bottom sheet, the
//! link copied; that link opened in a fresh browser shows the same view. And a
//! refused position, said in French, keeps the origin she had.

use std::collections::HashMap;
use std::time::Duration;

use fantoccini::key::Key;
use proxipro_e2e::{dist_dir, open_app, Browser, ServerOptions, StaticServer, Viewport};
use serde_json::Value;

/// Place de la République, Rennes.
const RENNES: (f64, f64) = (48.1101, -1.6796);
const EXPLORER: &str = "/?tiles=/__test__/tile.png";

/// `http://127.0.0.1:port`, to grant permissions to.
fn site(server: &StaticServer) -> String {
    server.url("")
}

async fn query(browser: &Browser) -> HashMap<String, String> {
    pairs(&browser.client.current_url().await.expect("current url"))
}

fn pairs(url: &url::Url) -> HashMap<String, String> {
    url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

async fn wait_for_query(browser: &Browser, what: &str, check: impl Fn(&HashMap<String, String>) -> bool) -> HashMap<String, String> {
    pairs(&browser.wait_for_url(what, |url| check(&pairs(url))).await)
}

async fn no_horizontal_scroll(browser: &Browser, step: &str) {
    let sizes = browser.script("return [document.documentElement.scrollWidth, window.innerWidth]").await;
    let (scroll, inner) = (sizes[0].as_f64().unwrap(), sizes[1].as_f64().unwrap());
    assert!(scroll <= inner, "{step}: the page scrolls sideways ({scroll} > {inner})");
}

async fn press(browser: &Browser, key: Key) {
    let active = browser.client.active_element().await.expect("a focused element");
    active.send_keys(&key.to_string()).await.expect("key press");
}

/// The text of the focused element's `data-offer`, or its id, or its tag.
async fn focused(browser: &Browser) -> String {
    let value = browser
        .script("const e = document.activeElement; return e.dataset.offer || e.id || e.tagName")
        .await;
    value.as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn by_bike_from_her_position_she_opens_a_card_and_shares_the_same_view() {
    let server = StaticServer::start(dist_dir(), ServerOptions::default()).await;
    let browser = Browser::launch(Viewport::Phone).await;
    browser.grant_permissions(&site(&server), &["geolocation", "clipboardReadWrite", "clipboardSanitizedWrite"]).await;
    browser.set_geolocation(Some(RENNES)).await;
    browser.open(&server.url(EXPLORER)).await;
    browser.wait_for(".school-marker").await;
    browser.wait_for(".origin-line.hint").await; // the network is ready
    no_horizontal_scroll(&browser, "first screen").await;
    // The phone opens on the journey form, where « Ma position » is.
    assert!(browser.is_displayed("#vue-liste .locate").await, "the journey form shows first");
    browser.screenshot("student-phone-1-first-screen").await;

    // « Ma position »: the device's position becomes the origin.
    browser.click(".locate").await;
    let located = wait_for_query(&browser, "the position is the origin", |q| q.contains_key("depart")).await;
    assert_eq!(located["depart"], "48.11010,-1.67960");
    browser.wait_for_text(".origin-line", "48,1101").await;
    browser.screenshot("student-phone-2-located").await;
    // The map's status (« Calcul des trajets… ») is read out on the phone's map view, where the
    // panel saying the same is hidden, and only there.
    browser.click(".phone-toggle-button[aria-controls=\"vue-carte\"]").await;
    browser.wait_until("the map's status heard on the map view", "document.querySelector('.map-status').getAttribute('aria-hidden') === 'false'").await;
    browser.click(".phone-toggle-button[aria-controls=\"vue-liste\"]").await;
    browser.wait_until("and not under the list", "document.querySelector('.map-status').getAttribute('aria-hidden') === 'true'").await;

    // By bike, 20 minutes (the slider, with the arrow keys: 45 → 20 in steps of 5).
    browser.click(".mode-button[data-mode=\"velo\"]").await;
    browser.wait_for(".mode-button[data-mode=\"velo\"][aria-checked=\"true\"]").await;
    browser.script("document.querySelector('.budget input').focus(); return true").await;
    for _ in 0..5 {
        press(&browser, Key::Left).await;
    }
    browser.wait_for_text(".budget strong", "20 min").await;
    let view = wait_for_query(&browser, "bike, 20 min", |q| q.get("mode").is_some_and(|m| m == "velo") && q.get("budget").is_some_and(|b| b == "20")).await;
    assert_eq!(view["depart"], "48.11010,-1.67960", "the origin stays");
    browser.wait_for_text(".offer-item .offer-trip", "min").await;
    no_horizontal_scroll(&browser, "list").await;
    browser.screenshot("student-phone-3-bike-20min").await;

    // A card opens in the bottom sheet, over the explorer: no page change.
    let first = browser.wait_for(".offer-item").await;
    let offer = first.attr("data-offer").await.expect("attr").expect("the link names its offer");
    let title = browser.text(".offer-item .offer-title").await;
    browser.tap(".offer-item").await;
    browser.wait_for("dialog.card-sheet[open] #titre-fiche").await;
    let with_card = wait_for_query(&browser, "the open card", |q| q.contains_key("fiche")).await;
    assert_eq!(with_card["fiche"], offer);
    let url = browser.client.current_url().await.expect("url");
    assert_eq!(url.path(), "/", "the explorer stays underneath");
    assert_eq!(browser.text(".card-sheet #titre-fiche").await, title);
    assert_eq!(focused(&browser).await, "titre-fiche", "the focus goes into the sheet");
    let modal = browser.script("return document.querySelector('dialog.card-sheet').matches(':modal')").await;
    assert_eq!(modal, Value::Bool(true), "a modal dialog");
    let page_title = browser.script("return document.title").await;
    assert!(page_title.as_str().is_some_and(|t| t.starts_with(&format!("Fiche : {title} – ")) && t.ends_with(" – ProxiPro")), "{page_title}");
    let full = browser.wait_for(".sheet-actions a").await;
    assert_eq!(full.text().await.expect("text"), "Voir la fiche complète");
    let href = full.attr("href").await.expect("attr").unwrap_or_default();
    assert!(href.starts_with(&format!("/formation/{offer}?")) && !href.contains("fiche="), "{href}");

    // The card says how long the trip from the student's position takes, by bike.
    browser.wait_for_text(".card-sheet .trip-time", "min · à vélo").await;
    // Where that time comes from is among the card's sources.
    browser.wait_for_text(".card-sheet .card-sources", "Rues nommées de Rennes (OpenStreetMap)").await;
    browser.script("document.querySelector('.card-sheet #trajet').scrollIntoView({block: 'center'})").await;
    browser.screenshot("student-phone-4-sheet-trip").await;
    browser.script("document.querySelector('.sheet-body').scrollTop = 0").await;

    // Touch targets of 44 px at least; the content scrolls inside the sheet; no sideways scroll.
    let targets = browser
        .script(
            "return [...document.querySelectorAll('.card-sheet button, .card-sheet .sheet-actions a')] \
               .filter(e => e.getClientRects().length > 0) \
               .map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim(), r.width, r.height]; })",
        )
        .await;
    let targets = targets.as_array().expect("a list");
    assert!(targets.len() >= 5, "close, full card, copy and the three ambitions: {targets:?}");
    for target in targets {
        let (w, h) = (target[1].as_f64().unwrap(), target[2].as_f64().unwrap());
        assert!(w >= 44.0 && h >= 44.0, "touch target too small: {target}");
    }
    let close_button = browser.text(".sheet-close").await;
    assert!(close_button.contains("Fermer"), "a visible close button: {close_button}");
    // Once the sheet has slid up.
    browser
        .client
        .execute_async("const done = arguments[arguments.length - 1]; Promise.all(document.getAnimations().map(a => a.finished)).then(() => done(true));", vec![])
        .await
        .expect("animations end");
    let scrolls = browser
        .script(
            "const b = document.querySelector('.sheet-body'); const s = getComputedStyle(b).overflowY; \
             b.scrollTop = 300; const moved = b.scrollTop > 0; b.scrollTop = 0; \
             const d = document.querySelector('.card-sheet'); const r = d.getBoundingClientRect(); \
             return [s, moved, r.bottom, window.innerHeight, r.top, d.scrollHeight - d.clientHeight]",
        )
        .await;
    assert_eq!(scrolls[5], 0, "only the card scrolls, not the whole sheet: {scrolls}");
    assert_eq!(scrolls[0], "auto");
    assert_eq!(scrolls[1], Value::Bool(true), "the card scrolls inside the sheet: {scrolls}");
    assert!((scrolls[2].as_f64().unwrap() - scrolls[3].as_f64().unwrap()).abs() < 1.0, "the sheet sits at the bottom: {scrolls}");
    assert!(scrolls[4].as_f64().unwrap() > 0.0, "the explorer shows above the sheet: {scrolls}");
    no_horizontal_scroll(&browser, "sheet").await;
    browser.screenshot("student-phone-4-sheet").await;

    // « Copier le lien »: what goes to the clipboard is the address of this view. Headless
    // Chromium may not read its clipboard back, so the test stands in for it, and sees what the app writes.
    browser.script("window.copied = null; navigator.clipboard.writeText = text => { window.copied = text; return Promise.resolve(); }").await;
    browser.click(".copy-link").await;
    browser.wait_for_text(".copy-status", "Lien copié").await;
    let shown_link = browser.script("return document.querySelector('.card-sheet .share-link').value").await;
    let link = browser.script("return window.copied").await.as_str().expect("the app wrote to the clipboard").to_string();
    assert_eq!(Value::String(link.clone()), shown_link, "the field shows what was copied");
    assert_eq!(link, browser.client.current_url().await.expect("url").to_string());
    assert!(link.contains(&format!("fiche={offer}")) && link.contains("mode=velo") && link.contains("budget=20"), "{link}");
    no_horizontal_scroll(&browser, "link copied").await;
    browser.screenshot("student-phone-5-link-copied").await;

    // Escape closes the sheet; the focus returns to the card's link in the list.
    press(&browser, Key::Escape).await;
    browser.wait_for("dialog.card-sheet:not([open])").await;
    wait_for_query(&browser, "the card closed", |q| !q.contains_key("fiche")).await;
    assert_eq!(focused(&browser).await, offer, "the focus is back on the link that opened the card");
    browser.screenshot("student-phone-6-closed").await;

    // The phone's Back button closes a card opened from the list, and leaves the rest of the view.
    browser.click(&format!(".offer-item[data-offer=\"{offer}\"]")).await;
    browser.wait_for("dialog.card-sheet[open] #titre-fiche").await;
    wait_for_query(&browser, "the card open again", |q| q.contains_key("fiche")).await;
    browser.client.back().await.expect("back");
    browser.wait_for("dialog.card-sheet:not([open])").await;
    let after_back = wait_for_query(&browser, "Back closed the card", |q| !q.contains_key("fiche")).await;
    assert_eq!((after_back["mode"].as_str(), after_back["budget"].as_str()), ("velo", "20"));
    let url = browser.client.current_url().await.expect("url");
    assert_eq!(url.path(), "/", "Back did not leave the explorer");
    assert_eq!(focused(&browser).await, offer, "the focus is back on the card's link");
    browser.close().await;

    // The link in a fresh browser (new profile, same phone): the same view, card open.
    let browser = Browser::launch(Viewport::Phone).await;
    browser.open(&link).await;
    browser.wait_for("dialog.card-sheet[open] #titre-fiche").await;
    assert_eq!(browser.text(".card-sheet #titre-fiche").await, title);
    let restored = query(&browser).await;
    assert_eq!(restored["depart"], "48.11010,-1.67960");
    assert_eq!(restored["mode"], "velo");
    assert_eq!(restored["budget"], "20");
    assert_eq!(restored["fiche"], offer);
    browser.wait_for(".mode-button[data-mode=\"velo\"][aria-checked=\"true\"]").await;
    browser.wait_for_text(".budget strong", "20 min").await;
    browser.wait_for_text(".origin-line", "48,1101").await;
    browser.wait_for_text(".offer-item .offer-trip", "min").await;
    no_horizontal_scroll(&browser, "reopened").await;
    browser.screenshot("student-phone-7-link-reopened").await;

    // Its close button (opened by a link, the card closes in place) hands the focus to the list.
    browser.click(".sheet-close").await;
    browser.wait_for("dialog.card-sheet:not([open])").await;
    wait_for_query(&browser, "the card closed", |q| !q.contains_key("fiche") && q.get("mode").is_some_and(|m| m == "velo")).await;
    assert_eq!(focused(&browser).await, offer, "the focus is on the card's link in the list");
    assert!(browser.is_displayed("#vue-liste").await, "the list is underneath");
    browser.screenshot("student-phone-8-list-after-close").await;
    browser.close().await;
}

#[tokio::test]
async fn a_tapped_row_is_not_left_highlighted_once_its_card_is_closed() {
    let (_server, browser) = open_app(Viewport::Phone, EXPLORER).await;
    browser.tap(".phone-toggle-button[aria-controls=\"vue-liste\"]").await;
    let row = browser.wait_for(".offer-item").await;
    let offer = row.attr("data-offer").await.expect("attr").expect("the link names its offer");
    // A tap also fires `mouseover`, and the focus comes back to the row when the sheet closes:
    // neither is a hover or a keyboard focus, so the school's rows and marker stay plain.
    browser.tap(".offer-item").await;
    browser.wait_for("dialog.card-sheet[open] #titre-fiche").await;
    // Once the sheet has slid up, where the finger sees its button.
    browser.script_async("Promise.all(document.getAnimations().map(a => a.finished)).then(() => done(true))").await;
    browser.tap(".sheet-close").await;
    browser.wait_for("dialog.card-sheet:not([open])").await;
    assert_eq!(focused(&browser).await, offer, "the focus is back on the row");
    let highlighted = browser.script("return [...document.querySelectorAll('.is-highlighted')].map(e => e.className)").await;
    assert_eq!(highlighted, Value::Array(vec![]), "highlights left by the taps");
    browser.screenshot("student-phone-tap-closed").await;
    browser.close().await;
}

#[tokio::test]
async fn a_position_that_comes_after_another_choice_does_not_replace_it() {
    let (_server, browser) = open_app(Viewport::Desktop, EXPLORER).await;
    browser.wait_for(".offer-item").await;
    // A phone slow to get a fix: the position comes when the test says so.
    browser.script("navigator.geolocation.getCurrentPosition = (found) => { window.giveFix = found; }; return true").await;
    browser.click(".locate").await;
    browser.wait_for_text(".origin-picker [role=status]", "Recherche de votre position").await;
    // Meanwhile she types her commune and takes it.
    let field = browser.wait_for("#depart").await;
    field.send_keys("Vitré").await.expect("typing");
    browser.wait_for("#depart-suggestions li").await;
    press(&browser, Key::Enter).await;
    let chosen = wait_for_query(&browser, "the commune as the start", |q| q.contains_key("depart")).await;
    let note = "return document.querySelector('.origin-picker [role=status]').textContent";
    assert_eq!(browser.script(note).await, "", "the position search is no longer announced");
    browser
        .script(&format!(
            "window.giveFix({{coords: {{latitude: {}, longitude: {}, accuracy: 20}}, timestamp: Date.now()}}); return true",
            RENNES.0, RENNES.1
        ))
        .await;
    // The address would follow the view within 120 ms.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(query(&browser).await.get("depart"), chosen.get("depart"), "the late position did not replace the commune");
    assert_eq!(browser.script(note).await, "", "nor a late refusal or answer");
    browser.close().await;
}

#[tokio::test]
async fn a_refused_or_unavailable_position_is_said_and_the_origin_stays() {
    let server = StaticServer::start(dist_dir(), ServerOptions::default()).await;
    let browser = Browser::launch(Viewport::Phone).await;
    // Nothing granted: the position is refused without a prompt.
    browser.grant_permissions(&site(&server), &[]).await;
    browser.open(&server.url(&format!("{EXPLORER}&depart=48.11730,-1.70000&mode=velo&budget=20"))).await;
    browser.click(".phone-toggle-button[aria-controls=\"vue-liste\"]").await;
    browser.wait_for_text(".origin-line", "48,1173").await;
    browser.click(".locate").await;
    let message = browser.wait_for_text(".origin-picker .hint", "Position refusée ou indisponible").await;
    assert!(message.contains("saisissez une adresse"), "the message says what to do instead: {message}");
    assert_eq!(query(&browser).await["depart"], "48.11730,-1.70000", "the previous origin stays");
    browser.wait_for_text(".origin-line", "48,1173").await;
    no_horizontal_scroll(&browser, "refused").await;
    browser.screenshot("student-phone-position-refused").await;

    // Allowed, but the device cannot tell where it is.
    browser.grant_permissions(&site(&server), &["geolocation"]).await;
    browser.set_geolocation(None).await;
    // The message is the same as before: record what the hint says, to see it searched again.
    browser
        .script(
            "window.hints = []; const picker = document.querySelector('.origin-picker'); \
             new MutationObserver(() => { const h = picker.querySelector('.hint'); if (h) window.hints.push(h.textContent); }) \
               .observe(picker, { subtree: true, childList: true, characterData: true }); return true",
        )
        .await;
    browser.click(".locate").await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let hints = browser.script("return window.hints").await;
        let hints: Vec<String> = serde_json::from_value(hints).expect("texts");
        let searched = hints.iter().position(|h| h.contains("Recherche de votre position"));
        let failed = hints.iter().rposition(|h| h.contains("Position refusée ou indisponible"));
        if matches!((searched, failed), (Some(s), Some(f)) if f > s) {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "no new message for an unavailable position: {hints:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(query(&browser).await["depart"], "48.11730,-1.70000", "the previous origin stays");
    browser.screenshot("student-phone-position-unavailable").await;
    browser.close().await;
}

#[tokio::test]
async fn on_a_desktop_a_shared_card_opens_beside_the_list_and_list_links_keep_their_page() {
    let server = StaticServer::start(dist_dir(), ServerOptions::default()).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    let offer = "0350005R-23820022106-st";
    browser.open(&server.url(&format!("{EXPLORER}&depart=48.11010,-1.67960&mode=velo&budget=20&fiche={offer}"))).await;
    browser.wait_for("dialog.card-sheet[open] #titre-fiche").await;
    assert_eq!(browser.text(".card-sheet #titre-fiche").await, "Bac pro Cuisine (entrée en 1re)");
    // The card came after the data: its title has the focus.
    browser.wait_for_focus("#titre-fiche", "the card came after the data").await;
    let panel = browser.script("const r = document.querySelector('.card-sheet').getBoundingClientRect(); return [r.left, r.right, window.innerWidth]").await;
    assert!(panel[0].as_f64().unwrap() > 600.0 && panel[1] == panel[2], "a panel on the right: {panel}");
    browser.screenshot("student-desktop-card-panel").await;

    press(&browser, Key::Escape).await;
    browser.wait_for("dialog.card-sheet:not([open])").await;
    wait_for_query(&browser, "the card closed", |q| !q.contains_key("fiche") && q.contains_key("depart")).await;

    // On a desktop the list's links still lead to the card's page.
    browser.click(".offer-item").await;
    browser.wait_for(".page.offer-card h1").await;
    let url = browser.client.current_url().await.expect("url");
    assert!(url.path().starts_with("/formation/"), "{url}");
    browser.close().await;
}

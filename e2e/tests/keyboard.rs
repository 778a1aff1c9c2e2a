//! The whole journey with the keyboard alone, and the origin picker's offline fallback.

use fantoccini::key::Key;
use proxipro_e2e::{dist_dir, open_app, Browser, ServerOptions, StaticServer, Viewport, TEST_GEOCODER};

async fn keys(browser: &Browser, text: &str) {
    let active = browser.client.active_element().await.expect("a focused element");
    active.send_keys(text).await.expect("type");
}

/// Presses Tab until the focused element matches `css` (at most `limit` times).
async fn tab_to(browser: &Browser, css: &str, limit: usize) {
    for _ in 0..limit {
        let matches = browser.script(&format!("return document.activeElement.matches({css:?})")).await;
        if matches.as_bool() == Some(true) {
            return;
        }
        keys(browser, &Key::Tab.to_string()).await;
    }
    panic!("`{css}` never got the focus with Tab");
}

#[tokio::test]
async fn origin_mode_card_and_wish_with_the_keyboard_alone() {
    let (_server, browser) = open_app(Viewport::Desktop, &format!("/?tiles=/__test__/tile.png&geocodeur={TEST_GEOCODER}")).await;
    browser.wait_for(".offer-item").await;
    browser.wait_for(".origin-line.hint").await; // the network is ready
    let active = browser.script("return document.activeElement.tagName").await;
    assert_eq!(active, serde_json::json!("BODY"), "the first load leaves the focus alone");

    // A skip link first, then the origin field: a collège, chosen with the arrows.
    tab_to(&browser, ".skip-link", 3).await;
    tab_to(&browser, "#depart", 20).await;
    keys(&browser, "collège anne de bre").await;
    browser.wait_for(".suggestion").await;
    keys(&browser, &Key::Down.to_string()).await;
    browser.wait_for(".suggestion[aria-selected=\"true\"]").await;
    keys(&browser, &Key::Enter.to_string()).await;
    browser.wait_for("path.isochrone").await;
    browser.wait_for_url("the origin is in the address", |url| url.query().is_some_and(|q| q.contains("depart="))).await;

    // Walking, with the keyboard.
    // One tab stop for the modes (the chosen one); the arrows choose, wrapping from the last to the first.
    tab_to(&browser, ".mode-button[aria-checked=\"true\"]", 10).await;
    assert_eq!(browser.all(".mode-button[tabindex=\"0\"]").await.len(), 1, "a single tab stop in the radio group");
    keys(&browser, &Key::Right.to_string()).await;
    browser.wait_for(".mode-button[data-mode=\"pied\"][aria-checked=\"true\"]").await;
    let focused = browser.script("return document.activeElement.dataset.mode").await;
    assert_eq!(focused, serde_json::json!("pied"), "the focus follows the chosen mode");

    // The first offer's card, then a wish.
    tab_to(&browser, ".offer-item", 80).await;
    keys(&browser, &Key::Enter.to_string()).await;
    browser.wait_for(".offer-card h1").await;
    // The new page takes the focus on its title, and names itself in the tab's title.
    browser.wait_for_focus("#titre-fiche", "the card's title after the navigation").await;
    let title = browser.script("return document.title").await;
    let heading = browser.text(".offer-card h1").await;
    assert!(title.as_str().is_some_and(|t| t.starts_with(&format!("Fiche : {heading} – ")) && t.ends_with(" – ProxiPro")), "{title}");
    tab_to(&browser, ".ambition-button[data-ambition=\"realiste\"]", 80).await;
    keys(&browser, &Key::Enter.to_string()).await;
    assert!(browser.text(".wish-status").await.starts_with("Dans votre sélection : Réaliste"));
    browser.screenshot("keyboard-card-with-wish").await;
    browser.close().await;
}

#[tokio::test]
async fn addresses_come_from_the_geocoder_and_communes_stay_offline_when_it_fails() {
    let (_server, browser) = open_app(Viewport::Phone, &format!("/?tiles=/__test__/tile.png&geocodeur={TEST_GEOCODER}")).await;
    browser.click(".phone-toggle-button[aria-controls=\"vue-liste\"]").await;
    browser.click("#depart").await;
    keys(&browser, "12 rue de Paris").await;
    browser.wait_for(".suggestion .suggestion-kind").await;
    browser.wait_for_text(".suggestions", "12 Rue de Paris 35000 Rennes").await;
    // The keyboard closed to look under it (the field loses the focus), then back in the field:
    // the suggestions come back without typing again.
    browser.script("document.querySelector('#depart').blur()").await;
    assert!(browser.all(".suggestion").await.is_empty(), "leaving the field closes the suggestions");
    browser.click("#depart").await;
    browser.wait_for_text(".suggestions", "12 Rue de Paris 35000 Rennes").await;
    browser.close().await;

    // The geocoder answers 503: communes and collèges are still offered, and the page says why.
    let mut options = ServerOptions::default();
    options.failures.insert(TEST_GEOCODER.into(), 100);
    let server = StaticServer::start(dist_dir(), options).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&server.url(&format!("/?tiles=/__test__/tile.png&geocodeur={TEST_GEOCODER}"))).await;
    browser.click("#depart").await;
    keys(&browser, "vitré").await;
    browser.wait_for(".suggestion").await;
    assert!(browser.text(".suggestions").await.contains("Vitré"), "the commune is found offline");
    assert!(browser.text(".origin-picker .hint").await.contains("Service d'adresses injoignable"));
    // The typed text is kept.
    let value = browser.script("return document.querySelector('#depart').value").await;
    assert_eq!(value, serde_json::json!("vitré"));
    browser.screenshot("origin-offline-fallback").await;
    // « rennes » offers the commune first, not its collèges (which come before it in the data).
    browser.script("const field = document.querySelector('#depart'); field.value = ''; field.dispatchEvent(new Event('input', {bubbles: true}))").await;
    keys(&browser, "rennes").await;
    browser
        .wait_until("the commune Rennes first", "document.querySelector('.suggestion:first-child')?.textContent.startsWith('Rennes (')")
        .await;
    assert_eq!(browser.text(".suggestion:first-child .suggestion-kind").await.to_lowercase(), "commune");
    browser.close().await;
}


#[tokio::test]
async fn map_popups_a_cleared_start_and_a_cleared_time_keep_the_keyboard_on_track() {
    let (_server, browser) = open_app(Viewport::Desktop, &format!("/?tiles=/__test__/tile.png&geocodeur={TEST_GEOCODER}")).await;
    browser.wait_for(".offer-item").await;

    // Enter on a school opens its popup with the focus on its link; Escape gives it back.
    browser.wait_for(".school-marker[tabindex=\"0\"]").await;
    browser.script("document.querySelector('.school-marker[tabindex=\"0\"]').focus()").await;
    keys(&browser, &Key::Enter.to_string()).await;
    browser.wait_for_focus(".leaflet-popup .map-popup-link", "the popup opened with Enter").await;
    browser.screenshot("keyboard-map-popup").await;
    keys(&browser, &Key::Escape.to_string()).await;
    browser.wait_for_focus(".school-marker", "Escape in the popup").await;
    // Leaflet fades the popup out for 200 ms before removing it.
    browser.wait_until("Escape closed the popup", "!document.querySelector('.leaflet-popup')").await;

    // « Effacer » goes with the start: the focus goes to the field to type a new one.
    browser.click("#depart").await;
    keys(&browser, "vitré").await;
    browser.wait_for(".suggestion").await;
    keys(&browser, &Key::Enter.to_string()).await;
    browser.wait_for_url("the start is in the address", |url| url.query().is_some_and(|q| q.contains("depart="))).await;
    tab_to(&browser, ".origin-line .link-button", 10).await;
    let name = browser.script("return document.activeElement.getAttribute('aria-label')").await;
    assert_eq!(name, serde_json::json!("Effacer le point de départ"));
    keys(&browser, &Key::Enter.to_string()).await;
    browser.wait_for_focus("#depart", "« Effacer »").await;
    browser.wait_for_url("the start left the address", |url| !url.query().is_some_and(|q| q.contains("depart="))).await;

    // A time field emptied (the picker's « clear ») shows the time still used.
    let before = browser.script("return document.querySelector('.time-choice input').value").await;
    assert!(before.as_str().is_some_and(|t| t.len() == 5), "a time is shown: {before}");
    browser.script("const t = document.querySelector('.time-choice input'); t.value = ''; t.dispatchEvent(new Event('change', {bubbles: true}))").await;
    let after = browser.script("return document.querySelector('.time-choice input').value").await;
    assert_eq!(after, before, "the field shows the time the trips are computed for");
    browser.close().await;
}

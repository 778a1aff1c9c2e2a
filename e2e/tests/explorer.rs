//! The explorer in real Chromium: markers from the dataset, popups, the offer list,
//! the phone toggle, and what happens when the data cannot be loaded.

use proxipro_e2e::{dataset, dist_dir, Browser, Canned, ServerOptions, StaticServer, Viewport};

const EXPLORER: &str = "/?tiles=/__test__/tile.png";
/// Offers the list shows before « Afficher … de plus ».
const PAGE: usize = 50;

async fn server() -> StaticServer {
    StaticServer::start(dist_dir(), ServerOptions::default()).await
}

#[tokio::test]
async fn the_map_shows_every_school_and_the_list_every_offer() {
    let server = server().await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&server.url(EXPLORER)).await;

    let dataset = dataset();
    assert!(!dataset.schools.is_empty() && !dataset.offers.is_empty(), "the committed dataset has schools and offers");
    browser.wait_for_count(".leaflet-marker-icon.school-marker", dataset.schools.len()).await;
    let count = browser.text(".list-count").await;
    assert_eq!(count, format!("{} formations en Ille-et-Vilaine", dataset.offers.len()));
    // The list comes in pages of 50.
    browser.wait_for_count(".offer-list .offer-item", PAGE).await;
    browser.click(".more").await;
    browser.wait_for_count(".offer-list .offer-item", 2 * PAGE).await;

    let titles = browser
        .script("return [...document.querySelectorAll('.school-marker')].map(m => m.getAttribute('title')).sort()")
        .await;
    let mut names: Vec<String> = dataset.schools.iter().map(|s| s.name.clone()).collect();
    names.sort();
    assert_eq!(titles, serde_json::json!(names), "each marker is titled with its school's name");

    // A row under the pointer highlights its school's marker, and a marker its school's rows.
    let first = browser.script("const a = document.querySelector('.offer-item'); a.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); return a.dataset.uai").await;
    let first = first.as_str().expect("a UAI").to_string();
    let name = &dataset.school(&first).expect("school").name;
    browser.wait_for(&format!(".school-marker.is-highlighted[title={name:?}]")).await;
    browser.script(&format!("document.querySelector('.school-marker[title={name:?}]').dispatchEvent(new MouseEvent('mouseout', {{bubbles: true}})); \
        document.querySelector('.offer-item').dispatchEvent(new MouseEvent('mouseout', {{bubbles: true}})); return true")).await;
    let other = browser.script(&format!("return [...document.querySelectorAll('.offer-item')].map(a => a.dataset.uai).find(u => u !== {first:?})")).await;
    let other = dataset.school(other.as_str().expect("a row of another school")).expect("school");
    browser.script(&format!("document.querySelector('.school-marker[title={:?}]').dispatchEvent(new MouseEvent('mouseover', {{bubbles: true}})); return true", other.name)).await;
    browser.wait_for(&format!(".offer-item.is-highlighted[data-uai=\"{}\"]", other.uai)).await;
    let uais = browser.script("return [...document.querySelectorAll('.offer-item.is-highlighted')].map(a => a.dataset.uai)").await;
    assert!(uais.as_array().is_some_and(|u| u.iter().all(|u| u.as_str() == Some(other.uai.as_str()))), "only that school's rows: {uais}");

    // The attribution names the base map, as its licence asks.
    assert!(browser.text(".leaflet-control-attribution").await.contains("Fond de carte"));
    browser.screenshot("explorer-desktop-1280x800").await;
    browser.close().await;
}

#[tokio::test]
async fn a_marker_opens_a_popup_whose_link_lists_the_schools_formations_and_survives_reload() {
    let server = server().await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&server.url(EXPLORER)).await;

    let dataset = dataset();
    // Bain-de-Bretagne has a single lycée: no neighbouring marker can take the click.
    let school = dataset.schools.iter().find(|s| s.uai == "0351943X").expect("Lycée Saint-Yves is in the dataset");
    let offers = dataset.offers_at(&school.uai).count();
    assert!(offers > 1);
    browser.wait_for_count(".school-marker", dataset.schools.len()).await;
    browser.click(&format!(".school-marker[title=\"{}\"]", school.name)).await;

    assert_eq!(browser.text(".leaflet-popup .map-popup-name").await, school.name);
    let address = browser.text(".leaflet-popup .map-popup-address").await;
    assert!(address.contains(&school.address.commune), "popup address `{address}` names the commune");
    browser.screenshot("explorer-desktop-popup").await;

    browser.click(".leaflet-popup .map-popup-link").await;
    browser.wait_for_count(".offer-list .offer-item", offers).await;
    assert_eq!(browser.text(".list-count").await, format!("{offers} formations à {}", school.name));
    browser
        .wait_for_url("the school in the address", |url| url.query().is_some_and(|q| q.contains("ecole=0351943X") && q.contains("tiles=")))
        .await;

    // The choice lives in the URL: a reload shows the same list.
    browser.reload().await;
    browser.wait_for_count(".offer-list .offer-item", offers).await;
    browser.click(".list-header .chip").await;
    browser.wait_for_count(".offer-list .offer-item", PAGE).await;
    assert_eq!(browser.text(".list-count").await, format!("{} formations en Ille-et-Vilaine", dataset.offers.len()));
    browser.close().await;
}

#[tokio::test]
async fn on_a_phone_the_list_and_the_map_take_turns() {
    let server = server().await;
    let browser = Browser::launch(Viewport::Phone).await;
    browser.open(&server.url(EXPLORER)).await;

    // The first step is where from: the phone opens on the list's panel, which holds the journey form.
    let dataset = dataset();
    browser.wait_for_count(".offer-item", PAGE).await;
    assert!(browser.is_displayed("#vue-liste #depart").await, "the journey form shows first on a phone");
    assert!(!browser.is_displayed("#vue-carte").await, "the map waits behind the toggle");
    let width = browser.script("return document.documentElement.scrollWidth").await;
    assert_eq!(width, serde_json::json!(390), "no horizontal scroll on a 390 px phone");
    browser.screenshot("explorer-phone-390x844-list").await;

    browser.click(".phone-toggle-button[aria-controls=\"vue-carte\"]").await;
    assert!(browser.is_displayed("#vue-carte").await);
    assert!(!browser.is_displayed("#vue-liste").await);
    browser.wait_for_count(".school-marker", dataset.schools.len()).await;
    let width = browser.script("return document.documentElement.scrollWidth").await;
    assert_eq!(width, serde_json::json!(390), "no horizontal scroll on the map either");
    browser.screenshot("explorer-phone-390x844-map").await;

    // On the map, a tap on a school and its popup link turn to that school's list.
    browser.click(".school-marker[title=\"Lycée professionnel Saint-Yves\"]").await;
    browser.screenshot("explorer-phone-390x844-popup").await;
    browser.click(".leaflet-popup .map-popup-link").await;
    assert!(browser.is_displayed("#vue-liste").await, "the list shows the school's formations");
    browser.wait_for_count(".offer-item", dataset.offers_at("0351943X").count()).await;

    // A shared link with a start opens on the map of what it reaches.
    browser.open(&server.url(&format!("{EXPLORER}&depart=48.11010,-1.67960&mode=velo&budget=20"))).await;
    browser.wait_for("path.isochrone").await;
    assert!(browser.is_displayed("#vue-carte").await, "a link with a start opens on its map");
    assert!(!browser.is_displayed("#vue-liste").await);
    browser.close().await;
}

#[tokio::test]
async fn when_the_data_fails_to_load_a_french_message_offers_to_retry() {
    // The first try and its two automatic retries fail; the user's retry succeeds.
    let mut options = ServerOptions::default();
    options.failures.insert("/data/ille-et-vilaine/dataset.json".into(), 3);
    let server = StaticServer::start(dist_dir(), options).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&server.url(EXPLORER)).await;

    let message = browser.text(".load-error").await;
    assert!(message.contains("Impossible de charger les formations"), "{message}");
    assert!(message.contains("momentanément indisponible"), "the message says what went wrong: {message}");
    assert!(!message.contains("503") && !message.contains("/data/"), "no codes or addresses in the sentence: {message}");
    // The code and address are folded away, for whoever reports the problem.
    browser.click(".load-error summary").await;
    let details = browser.text(".load-error .technical-details").await;
    assert!(details.contains("dataset.json : erreur 503"), "{details}");
    browser.screenshot("explorer-desktop-load-error").await;

    // The user's retry is slow to answer: the button says it is under way.
    server.add_canned(Canned::new("dataset.json", 503, "").delay_ms(1_500).times(1));
    browser.click(".load-error button").await;
    assert_eq!(browser.text(".load-error button[aria-disabled=true]").await, "Nouvelle tentative…");
    browser.wait_for_count(".offer-item", PAGE).await;
    assert!(browser.all(".load-error").await.is_empty(), "the error is gone after a successful retry");
    browser.close().await;
}

#[tokio::test]
async fn a_passing_server_error_is_retried_without_bothering_the_user() {
    let mut options = ServerOptions::default();
    options.failures.insert("/data/ille-et-vilaine/dataset.json".into(), 1);
    let server = StaticServer::start(dist_dir(), options).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&server.url(EXPLORER)).await;
    browser.wait_for_count(".offer-item", PAGE).await;
    assert!(browser.all(".load-error").await.is_empty(), "one 503 is retried by itself");
    browser.close().await;
}

#[tokio::test]
async fn without_the_map_library_the_list_still_works_and_the_map_says_why() {
    let mut options = ServerOptions::default();
    options.failures.insert("/vendor/leaflet/leaflet.js".into(), usize::MAX);
    let server = StaticServer::start(dist_dir(), options).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&server.url(EXPLORER)).await;
    let message = browser.text(".school-map .load-error").await;
    assert!(message.starts_with("Carte indisponible"), "{message}");
    browser.wait_for_count(".offer-list .offer-item", PAGE).await;
    let count = browser.text(".list-count").await;
    assert_eq!(count, format!("{} formations en Ille-et-Vilaine", dataset().offers.len()));
    browser.screenshot("explorer-without-leaflet").await;
    browser.close().await;
}

#[tokio::test]
async fn before_the_app_has_loaded_the_page_already_says_what_it_is_then_gives_way() {
    let server = server().await;
    let browser = Browser::launch(Viewport::Phone).await;
    // The app's code never arrives: the static page says what the site is, then why it stops there.
    browser.devtools("Network.enable", serde_json::json!({})).await;
    browser.devtools("Network.setBlockedURLs", serde_json::json!({"urls": ["*.wasm"]})).await;
    // Not the explorer's home (where the page paints a copy of its first screen, see first_screen.rs):
    // a shared view, which the generic frame stands for.
    let shared = format!("{EXPLORER}&mode=velo");
    browser.open_before_app(&server.url(&shared)).await;
    assert_eq!(browser.text("#coquille .coquille-generique h1").await, "Formations professionnelles");
    // The download failed: the page says so instead of spinning forever.
    let status = browser.wait_for("#coquille .coquille-generique .load-error[role=alert]").await;
    assert!(status.text().await.expect("status").contains("L'application n'a pas pu démarrer"));
    assert!(browser.is_displayed("#coquille .coquille-generique .load-error button").await, "a reload button");
    browser.screenshot("shell-when-the-app-cannot-load-phone-390x844").await;
    // index.html copies the app's header so it paints before the app: the two must not drift apart.
    const HEADER: &str = "const h = document.querySelector('#coquille .coquille-generique header, body > header.site-header'); \
        return {texts: [...h.querySelectorAll('span, nav a')].map(e => e.textContent.trim()), links: [...h.querySelectorAll('a')].map(a => new URL(a.href).pathname), \
                heading: document.querySelector('#coquille .coquille-generique h1, body > main h1').textContent}";
    let static_header = browser.script(HEADER).await;

    // With the app: its own page replaces the static one, with a single heading.
    browser.devtools("Network.setBlockedURLs", serde_json::json!({"urls": []})).await;
    browser.open(&server.url(&shared)).await;
    browser.wait_for(".offer-item").await;
    let left = browser.script("return [document.querySelectorAll('#coquille').length, document.querySelectorAll('h1').length]").await;
    assert_eq!(left, serde_json::json!([0, 1]), "the static page is gone and one h1 remains");
    assert_eq!(browser.script(HEADER).await, static_header, "the static page's header and heading are the app's");
    browser.close().await;
}

#[tokio::test]
async fn back_undoes_a_new_starting_point_and_a_filter_change_does_not_add_to_history() {
    let server = server().await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&server.url(&format!("{EXPLORER}&depart=48.11010,-1.67960&mode=velo"))).await;
    browser.wait_for(".origin-line").await;
    let depart = |url: &url::Url| url.query_pairs().find(|(k, _)| k == "depart").map(|(_, v)| v.into_owned());

    // A filter replaces the entry; clearing the starting point adds one.
    let entries = || async { browser.script("return history.length").await.as_u64().expect("a length") };
    let on_arrival = entries().await;
    browser.click(".filters input[type=checkbox]").await;
    browser.wait_for_url("the filter in the address", |url| url.query_pairs().any(|(k, _)| k == "diplome")).await;
    assert_eq!(entries().await, on_arrival, "a filter replaces the entry");
    browser.click(".origin-line button").await;
    browser.wait_for_url("no starting point", |url| depart(url).is_none()).await;
    assert_eq!(entries().await, on_arrival + 1, "a new starting point (here, none) gets its own entry");

    browser.client.back().await.expect("Back");
    let back = browser.wait_for_url("the starting point again", |url| depart(url).is_some()).await;
    assert_eq!(depart(&back).as_deref(), Some("48.11010,-1.67960"));
    assert!(back.query_pairs().any(|(k, _)| k == "diplome"), "the filter chosen before stays: {back}");
    browser.wait_for(".origin-line button").await;
    browser.close().await;
}

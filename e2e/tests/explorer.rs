//! The explorer in real Chromium: markers from the dataset, popups, the list,
//! the phone toggle, and what happens when the data cannot be loaded.

use proxipro_e2e::{dataset, dist_dir, Browser, ServerOptions, StaticServer, Viewport};

const EXPLORER: &str = "/?tiles=/__test__/tile.png";

async fn server() -> StaticServer {
    StaticServer::start(dist_dir(), ServerOptions::default()).await
}

#[tokio::test]
async fn the_map_shows_one_marker_per_school_of_the_dataset() {
    let server = server().await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&server.url(EXPLORER)).await;

    let schools = dataset().schools;
    assert!(!schools.is_empty(), "the committed dataset has schools");
    browser.wait_for_count(".leaflet-marker-icon.school-marker", schools.len()).await;
    browser.wait_for_count(".school-list .school-item", schools.len()).await;
    let count = browser.text(".list-count").await;
    assert_eq!(count, format!("{} établissements en Ille-et-Vilaine", schools.len()));

    let titles = browser.script(
        "return [...document.querySelectorAll('.school-marker')].map(m => m.getAttribute('title')).sort()",
    )
    .await;
    let mut names: Vec<String> = schools.iter().map(|s| s.name.clone()).collect();
    names.sort();
    assert_eq!(titles, serde_json::json!(names), "each marker is titled with its school's name");

    // The attribution names the base map, as its licence asks.
    assert!(browser.text(".leaflet-control-attribution").await.contains("Fond de carte"));
    browser.screenshot("explorer-desktop-1280x800").await;
    browser.close().await;
}

#[tokio::test]
async fn clicking_a_marker_opens_a_popup_naming_the_school() {
    let server = server().await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&server.url(EXPLORER)).await;

    let dataset = dataset();
    // Bain-de-Bretagne has a single lycée: no neighbouring marker can take the click.
    let school = dataset.schools.iter().find(|s| s.uai == "0351943X").expect("Lycée Saint-Yves is in the dataset");
    browser.wait_for_count(".school-marker", dataset.schools.len()).await;
    browser.click(&format!(".school-marker[title=\"{}\"]", school.name)).await;

    assert_eq!(browser.text(".leaflet-popup .map-popup-name").await, school.name);
    let address = browser.text(".leaflet-popup .map-popup-address").await;
    assert!(address.contains(&school.address.commune), "popup address `{address}` names the commune");
    browser.screenshot("explorer-desktop-popup").await;
    browser.close().await;
}

#[tokio::test]
async fn picking_a_school_in_the_list_opens_its_popup_on_the_map() {
    let server = server().await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&server.url(EXPLORER)).await;

    let item = browser.wait_for(".school-item[data-uai=\"0350059Z\"]").await;
    item.click().await.expect("click the list item");
    assert_eq!(browser.text(".leaflet-popup .map-popup-name").await, "Lycée professionnel Bréquigny");
    assert_eq!(item.attr("aria-pressed").await.unwrap().as_deref(), Some("true"));
    browser.close().await;
}

#[tokio::test]
async fn on_a_phone_the_list_and_the_map_take_turns() {
    let server = server().await;
    let browser = Browser::launch(Viewport::Phone).await;
    browser.open(&server.url(EXPLORER)).await;

    let schools = dataset().schools;
    browser.wait_for_count(".school-marker", schools.len()).await;
    assert!(browser.is_displayed(".school-map").await, "the map shows first on a phone");
    assert!(!browser.is_displayed("#vue-liste").await, "the list waits behind the toggle");
    let width = browser.script("return document.documentElement.scrollWidth").await;
    assert_eq!(width, serde_json::json!(390), "no horizontal scroll on a 390 px phone");
    browser.screenshot("explorer-phone-390x844-map").await;

    browser.click(".phone-toggle-button[aria-controls=\"vue-liste\"]").await;
    assert!(browser.is_displayed("#vue-liste").await);
    assert!(!browser.is_displayed("#vue-carte").await);
    browser.wait_for_count(".school-item", schools.len()).await;
    browser.screenshot("explorer-phone-390x844-list").await;

    // Picking a school brings the map back with its popup open.
    browser.click(".school-item[data-uai=\"0350031U\"]").await;
    assert!(browser.is_displayed("#vue-carte").await);
    assert_eq!(browser.text(".leaflet-popup .map-popup-name").await, "Lycée professionnel Jean Jaurès");
    browser.screenshot("explorer-phone-390x844-popup").await;
    browser.close().await;
}

#[tokio::test]
async fn when_the_data_fails_to_load_a_french_message_offers_to_retry() {
    let mut options = ServerOptions::default();
    options.failures.insert("/data/ille-et-vilaine/dataset.json".into(), 1);
    let server = StaticServer::start(dist_dir(), options).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&server.url(EXPLORER)).await;

    let message = browser.text(".load-error").await;
    assert!(message.contains("Impossible de charger les établissements"), "{message}");
    assert!(message.contains("erreur 503"), "the message says what went wrong: {message}");
    browser.screenshot("explorer-desktop-load-error").await;

    browser.click(".load-error button").await;
    browser.wait_for_count(".school-item", dataset().schools.len()).await;
    assert!(browser.all(".load-error").await.is_empty(), "the error is gone after a successful retry");
    browser.close().await;
}

//! Formations from a Futur Pro API (`?api=`), against a fixture server on
//! 127.0.0.1 answering in Futur Pro's shape (`crates/futurpro/tests/fixtures`,
//! real rows of our dataset), and every way such an API can let the user down.

use std::time::Duration;

use proxipro_e2e::{dataset, dist_dir, futurpro_fixtures, Browser, Canned, ServerOptions, StaticServer, Viewport, TEST_GEOCODER};

/// Offers and schools in the fixtures: three pages (5, 5, 2), four lycées of Rennes.
const OFFERS: usize = 12;
const SCHOOLS: usize = 4;

async fn api_server(canned: Vec<Canned>) -> StaticServer {
    let options = ServerOptions { futurpro_fixtures: Some(futurpro_fixtures()), canned, ..ServerOptions::default() };
    StaticServer::start(dist_dir(), options).await
}

/// The explorer reading the API served by `server` itself; `extra` adds to the query.
/// The API's page 2 of the fixtures, whole.
fn page_2() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(futurpro_fixtures().join("formations-page-2.json")).unwrap()).unwrap()
}

/// Page 2 answered once with only its first 2 formations of 5 (a cut transfer); whole after that.
fn page_2_cut_once() -> Canned {
    let mut partial = page_2();
    partial["formations"].as_array_mut().unwrap().truncate(2);
    Canned::new("page=2&", 200, &partial.to_string()).times(1)
}

fn explorer(server: &StaticServer, extra: &str) -> String {
    server.url(&format!("/?tiles=/__test__/tile.png&api={}{extra}", server.url("")))
}


#[tokio::test]
async fn formations_come_from_the_api_with_their_figures_and_the_sources_page_says_so() {
    let server = api_server(Vec::new()).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&explorer(&server, "")).await;

    browser.wait_for_text(".list-count", &format!("{OFFERS} formations")).await;
    browser.wait_for_count(".leaflet-marker-icon.school-marker", SCHOOLS).await;
    assert!(browser.all(".data-notices:not(.is-empty)").await.is_empty(), "a complete answer needs no notice");
    browser.screenshot("remote-api-explorer").await;

    // A card shows the detail's figures: the same as ours, since the fixtures are our rows.
    let ours = dataset();
    let first = browser.script("return document.querySelector('.offer-item').dataset.offer").await;
    let id = first.as_str().expect("an offer id").to_string();
    let offer = ours.offer(&id).expect("the API's offer is one of ours");
    browser.open(&server.url(&format!("/formation/{id}?tiles=/__test__/tile.png&api={}", server.url("")))).await;
    browser.wait_for(".figure-row").await;
    let places = browser.card_row("Places").await;
    let expected = offer.access.capacity.get().expect("places").to_string();
    assert!(places.starts_with(&format!("{expected}2022 · ")), "{places}");
    assert!(!browser.all(".card-sources a[href$='#source-futurpro-affelnet']").await.is_empty(), "the API's Affelnet figures are credited to it");
    assert!(browser.card_row("Affectés sur leur vœu 1").await.starts_with("Non disponible : non fourni par Futur Pro"));
    browser.screenshot("remote-api-card").await;

    // The header's links keep the data source: the sources page, then a reload, still say the API.
    browser.click(".site-header nav a[href^='/a-propos']").await;
    let origin = browser.wait_for_text(".data-origin", "API Futur Pro").await;
    assert!(origin.contains(&server.url("")), "{origin}");
    browser.reload().await;
    browser.wait_for_text(".source-list", "via l'API Futur Pro").await;
    browser.close().await;
}

#[tokio::test]
async fn a_partial_list_is_said_a_failed_retry_keeps_it_and_a_good_retry_completes_it() {
    // Page 2 stops after 2 of its 5 formations, once.
    let server = api_server(vec![page_2_cut_once()]).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&explorer(&server, "&diplome=cap")).await;

    let notice = browser.wait_for_text(".data-notices", "Liste incomplète").await;
    assert!(notice.contains("seules les 5 premières formations") && notice.contains("page 2 incomplète : 2 formations reçues sur les 5"), "{notice}");
    let before = browser.text(".list-count").await;
    browser.screenshot("remote-api-partial").await;

    // The retry meets a server error on every try: the list on screen stays, and the page says why.
    server.add_canned(Canned::new("page=1&", 500, r#"{"statusCode":500,"error":"Internal Server Error"}"#).times(3));
    browser.click(".data-notices button").await;
    let error = browser.wait_for_text(".data-notices-error", "Actualisation impossible").await;
    assert!(error.contains("momentanément indisponible"), "{error}");
    browser.click(".data-notices summary").await;
    assert!(browser.text(".data-notices .technical-details").await.contains("erreur 500"));
    assert_eq!(browser.text(".list-count").await, before, "the previous list stays");
    let filter = browser.script("return new URLSearchParams(location.search).get('diplome')").await;
    assert_eq!(filter, serde_json::json!("cap"), "the user's filter is kept");
    browser.screenshot("remote-api-retry-failed").await;

    // The next retry gets everything; a start being typed meanwhile is kept.
    browser.script("const i = document.querySelector('#depart'); i.value = 'rue de'; i.dispatchEvent(new Event('input', {bubbles: true}));").await;
    browser.click(".data-notices button").await;
    browser.wait_until("the notice goes once the list is whole", "!document.querySelector('.data-notices:not(.is-empty)')").await;
    let after = browser.text(".list-count").await;
    let whole = browser.script("return document.querySelectorAll('.offer-item').length").await;
    assert_ne!(after, before, "the whole list has more CAP offers than the partial one");
    assert!(after.starts_with(&format!("{whole} ")), "{after}: every CAP offer of the fixtures is listed ({whole} rows)");
    let typed = browser.script("return document.querySelector('#depart').value").await;
    assert_eq!(typed, serde_json::json!("rue de"), "the reload keeps what is being typed");
    browser.close().await;
}

#[tokio::test]
async fn a_missing_detail_is_said_on_the_list_and_on_its_card() {
    let server = api_server(vec![Canned::new("/api/formation/50022141--0350032V-scolaire", 500, "{}")]).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&explorer(&server, "")).await;
    let notice = browser.wait_for_text(".data-notices", "Fiche détaillée non reçue").await;
    assert!(notice.contains(&format!("pour 1 formation sur {OFFERS}")), "{notice}");
    browser.wait_for_text(".list-count", &format!("{OFFERS} formations")).await;

    let id = dataset().offers.iter().find(|o| o.cfd == "50022141" && o.uai == "0350032V").expect("fixture offer").id.clone();
    browser.open(&server.url(&format!("/formation/{id}?tiles=/__test__/tile.png&api={}", server.url("")))).await;
    browser.wait_for(".figure-row").await;
    let places = browser.card_row("Places").await;
    assert!(places.contains("fiche détaillée non reçue de Futur Pro (erreur 500)"), "{places}");
    browser.screenshot("remote-api-missing-detail").await;
    browser.close().await;
}

#[tokio::test]
async fn client_errors_malformed_and_empty_answers_are_said_in_french_with_a_retry() {
    let empty = r#"{"pagination":{"total":0,"page":1,"items_par_page":100,"nombre_de_page":0},"formations":[]}"#;
    let cases = [
        (Canned::new("/api/formations", 404, r#"{"statusCode":404,"error":"Not Found"}"#), "introuvables"),
        (Canned::new("/api/formations", 200, "<html><body>502 Bad Gateway</body></html>"), "illisibles"),
        (Canned::new("/api/formations", 200, empty), "Aucune formation"),
    ];
    let browser = Browser::launch(Viewport::Desktop).await;
    for (canned, expected) in cases {
        let server = api_server(vec![canned]).await;
        browser.open(&explorer(&server, "&mode=velo&budget=20")).await;
        let message = browser.wait_for_text(".load-error", expected).await;
        assert!(message.contains("Réessayer"), "{message}");
        let query = browser.script("return location.search").await;
        let query = query.as_str().unwrap_or_default();
        assert!(query.contains("mode=velo") && query.contains("budget=20"), "the user's choices stay: {query}");
        browser.screenshot(&format!("remote-api-error-{}", expected.to_lowercase().replace(' ', "-"))).await;
    }
    browser.close().await;
}

#[tokio::test]
async fn an_answer_later_than_eight_seconds_is_given_up_and_asked_again() {
    // The first list request hangs past the 8 s limit; the second is answered at once.
    let server = api_server(vec![Canned::new("page=1&", 200, "{}").delay_ms(9_500).times(1)]).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&explorer(&server, "")).await;
    browser.wait_for_text(".list-count", &format!("{OFFERS} formations")).await;
    assert!(browser.all(".load-error").await.is_empty());
    browser.close().await;
}

#[tokio::test]
async fn only_the_latest_address_search_is_shown() {
    let feature = |label: &str, lon: f64, lat: f64| {
        format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","geometry":{{"type":"Point","coordinates":[{lon},{lat}]}},"properties":{{"label":"{label}","score":0.9,"type":"street"}}}}]}}"#
        )
    };
    // The first search answers late; the second, typed after, answers at once.
    let server = api_server(vec![
        Canned::new("q=rue%20de%20Brest&", 200, &feature("Rue de Brest 35000 Rennes", -1.6935, 48.1124)).delay_ms(2_500),
        Canned::new("q=rue%20de%20Brest%20Vitr", 200, &feature("Rue de Brest 35500 Vitré", -1.2066, 48.1240)),
    ])
    .await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&server.url(&format!("/?tiles=/__test__/tile.png&geocodeur={TEST_GEOCODER}"))).await;
    browser.click("#depart").await;
    browser.script("const i = document.querySelector('#depart'); i.value = 'rue de Brest'; i.dispatchEvent(new Event('input', {bubbles: true}));").await;
    tokio::time::sleep(Duration::from_millis(900)).await; // the first request is sent, and hangs
    browser.script("const i = document.querySelector('#depart'); i.value = 'rue de Brest Vitr'; i.dispatchEvent(new Event('input', {bubbles: true}));").await;
    browser.wait_for_text(".suggestions", "35500 Vitré").await;
    tokio::time::sleep(Duration::from_millis(3_000)).await; // the late answer has come by now
    let suggestions = browser.text(".suggestions").await;
    assert!(!suggestions.contains("35000 Rennes"), "the stale answer is dropped: {suggestions}");
    browser.screenshot("geocoder-latest-answer-only").await;
    browser.close().await;
}

#[tokio::test]
async fn a_card_missing_from_a_partial_list_says_it_did_not_come_rather_than_that_it_is_gone() {
    // Page 2 stops after 2 of its 5 formations: the last one did not come.
    let page_2 = page_2();
    let last = &page_2["formations"][4];
    let uai = last["formationEtablissement"]["id"].as_str().and_then(|id| id.split('-').nth(1)).expect("the school in the id");
    let missing = format!("{uai}-{}-st", last["formation"]["mef11"].as_str().expect("a MEF"));
    let server = api_server(vec![page_2_cut_once()]).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&server.url(&format!("/formation/{missing}?tiles=/__test__/tile.png&api={}", server.url("")))).await;
    browser.wait_for_text(".data-notices", "Liste incomplète").await;
    assert_eq!(browser.text("h1").await, "Formation absente de la liste incomplète reçue");
    assert!(browser.text("main").await.contains("elle apparaîtra avec la liste complète"));
    assert_eq!(browser.client.title().await.expect("title"), "Formation absente de la liste incomplète reçue – ProxiPro");
    browser.close().await;
}

#[tokio::test]
async fn after_a_reload_brings_more_schools_their_trips_come_without_fetching_the_network_again() {
    // Page 2 stops after 2 of its 5 formations, once: a school of the whole list is missing.
    let server = api_server(vec![page_2_cut_once()]).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&explorer(&server, "&depart=48.11010,-1.67960&mode=velo&budget=90")).await;
    browser.wait_for_text(".data-notices", "Liste incomplète").await;
    browser.wait_for("path.isochrone").await;
    let partial_count = browser.script("return document.querySelectorAll('.offer-item').length").await;

    browser.click(".data-notices button").await;
    browser.wait_for(".data-notices.is-empty").await;
    // Every offer of the whole list, those of the new schools too, has its trip from the start.
    let trips = browser.script("return [...document.querySelectorAll('.offer-item')].map(a => a.querySelector('.offer-trip')?.textContent || '')").await;
    let count = browser.text(".list-count").await;
    assert!(count.starts_with(&format!("{} formation", trips.as_array().map_or(0, Vec::len))), "every row counted is shown: {count}");
    let trips = trips.as_array().expect("rows");
    assert!(trips.len() > partial_count.as_u64().unwrap() as usize, "more rows than the partial list: {trips:?}");
    assert!(trips.iter().all(|t| t.as_str().is_some_and(|t| t.starts_with("≈ "))), "{trips:?}");
    // The school only the whole list has (its formations are on pages 2 and 3).
    let new_school = browser.script("return document.querySelectorAll('.offer-item[data-uai=\"0350059Z\"] .offer-trip').length").await;
    assert!(new_school.as_u64().unwrap_or(0) > 0, "the new school's rows have their trip");
    let fetched = browser.script("return performance.getEntriesByType('resource').filter(e => e.name.endsWith('network.bin')).length").await;
    assert_eq!(fetched, 1, "the network is fetched once");
    browser.close().await;
}

#[tokio::test]
async fn an_address_found_nowhere_says_so_and_the_geocoder_keeps_its_own_parameters() {
    // A self-hosted geocoder with a key in its address; it knows no « zzxq ».
    let server = api_server(vec![Canned::new("cle=K&q=zzxq", 200, r#"{"type":"FeatureCollection","features":[]}"#)]).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    let geocoder = format!("{TEST_GEOCODER}%3Fcle%3DK");
    browser.open(&server.url(&format!("/?tiles=/__test__/tile.png&geocodeur={geocoder}"))).await;
    browser.click("#depart").await;
    browser.script("const i = document.querySelector('#depart'); i.value = 'zzxq'; i.dispatchEvent(new Event('input', {bubbles: true}));").await;
    // Only the key's address is answered « nothing »: the note says the request carried the key.
    browser.wait_for_text(".origin-picker .hint", "Rien trouvé pour « zzxq »").await;
    assert_eq!(browser.script("return document.querySelector('#depart').value").await, serde_json::json!("zzxq"), "the text stays");
    browser.screenshot("origin-nothing-found").await;
    // Typing on: once the new text has its suggestions, the old « nothing found » is gone.
    browser.script("const i = document.querySelector('#depart'); i.value = 'rennes'; i.dispatchEvent(new Event('input', {bubbles: true}));").await;
    browser.wait_for_text(".suggestions", "12 Rue de Paris 35000 Rennes").await;
    let note = browser.script("return document.querySelector('.origin-picker .hint').textContent").await;
    assert_eq!(note, serde_json::json!(""), "nothing is said of the previous text");
    browser.close().await;
}

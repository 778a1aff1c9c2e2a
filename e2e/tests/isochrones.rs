//! Live isochrones: an origin in Rennes, three modes, a budget; the list and
//! the polygon change together (a school inside the polygon is listed, one far
//! outside is not).

use proxipro_e2e::{dataset, dist_dir, open_app, Browser, Canned, ServerOptions, StaticServer, Viewport, TEST_GEOCODER};

/// République, the centre of the network (métro a, most bus lines).
const REPUBLIQUE: &str = "48.11010,-1.67960";

/// Every school with an offer shown: the markers not greyed out (the list shows 50 rows at a time).
async fn reached_schools(browser: &Browser) -> Vec<String> {
    let value = browser.script("return [...document.querySelectorAll('.school-marker:not(.is-muted)')].map(m => m.getAttribute('title'))").await;
    let names: Vec<String> = serde_json::from_value(value).expect("marker titles");
    let dataset = dataset();
    let mut uais: Vec<String> =
        names.iter().map(|name| dataset.schools.iter().find(|s| &s.name == name).expect("a school of the dataset").uai.clone()).collect();
    uais.sort();
    uais
}

/// Marks the polygons drawn now, so that `redrawn` can wait for the next ones.
async fn mark_polygons(browser: &Browser) {
    browser.script("document.querySelectorAll('path.isochrone').forEach(p => p.dataset.before = '1')").await;
}

/// Waits until new polygons have replaced those marked (the list and markers change first, in the same task or the one before).
async fn redrawn(browser: &Browser, what: &str) {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while browser.all("path.isochrone:not([data-before])").await.is_empty() {
        assert!(tokio::time::Instant::now() < deadline, "new polygons are drawn for {what}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Whether the widest drawn isochrone contains the school's marker (a point-in-polygon test in the page).
async fn inside_polygon(browser: &Browser, uai: &str) -> bool {
    let dataset = dataset();
    let school = dataset.school(uai).expect("school in dataset");
    let script = format!(
        "const outer = document.querySelector('path.isochrone'); if (!outer) return null; \
         const marker = [...document.querySelectorAll('.school-marker')].find(m => m.getAttribute('title') === {name:?}); \
         const r = marker.getBoundingClientRect(); \
         const p = new DOMPoint(r.left + r.width / 2, r.top + r.height / 2).matrixTransform(outer.getScreenCTM().inverse()); \
         return outer.isPointInFill(p);",
        name = school.name
    );
    browser.script(&script).await.as_bool().expect("a polygon is drawn")
}

async fn set_budget(browser: &Browser, minutes: u32) {
    mark_polygons(browser).await;
    browser.script(&format!("const r = document.querySelector('.budget input'); r.value = '{minutes}'; r.dispatchEvent(new Event('change', {{bubbles: true}}))")).await;
    redrawn(browser, &format!("{minutes} min")).await;
}

async fn choose_mode(browser: &Browser, mode: &str) {
    mark_polygons(browser).await;
    browser.click(&format!(".mode-button[data-mode=\"{mode}\"]")).await;
    redrawn(browser, mode).await;
}

#[tokio::test]
async fn three_modes_and_a_budget_change_the_list_and_the_polygon_together() {
    let (_server, browser) = open_app(Viewport::Desktop, &format!("/?tiles=/__test__/tile.png&depart={REPUBLIQUE}&mode=tc&budget=30&arrivee=0&heure=07:30&tri=temps")).await;

    browser.wait_for("path.isochrone").await;
    let trip = browser.text(".offer-item .offer-trip").await;
    assert!(trip.starts_with("≈ "), "the first offer shows its travel time: {trip}");
    assert!(browser.text(".timetable-day").await.contains("mardi 15 novembre 2011"), "the page says which day the timetable is from");
    let transit = reached_schools(&browser).await;
    let all = dataset().schools.len();
    assert!(!transit.is_empty() && transit.len() < all, "30 min of bus reaches some schools, not all: {}", transit.len());
    // Lycée Jean Jaurès (Rennes) is reachable from République in 30 min by bus; Saint-Malo is not.
    assert!(transit.contains(&"0350031U".to_string()), "{transit:?}");
    assert!(!transit.contains(&"0350062C".to_string()), "Saint-Malo is 70 km away");
    for uai in &transit {
        assert!(inside_polygon(&browser, uai).await, "{uai}, reached by bus, lies inside the polygon");
    }
    assert!(!inside_polygon(&browser, "0350062C").await, "Saint-Malo lies outside it");
    browser.screenshot("isochrone-transit-30min").await;

    choose_mode(&browser, "pied").await;
    let walking = reached_schools(&browser).await;
    assert!(!walking.is_empty(), "30 min on foot from République reaches the city-centre lycées");
    assert!(walking.len() < transit.len(), "walking reaches fewer schools than the bus ({} ≥ {})", walking.len(), transit.len());
    for uai in &walking {
        assert!(inside_polygon(&browser, uai).await, "{uai} listed on foot lies inside the walking polygon");
    }
    browser.screenshot("isochrone-walk-30min").await;

    choose_mode(&browser, "velo").await;
    let cycling = reached_schools(&browser).await;
    assert!(cycling.len() > walking.len(), "a bike goes further than walking ({} ≤ {})", cycling.len(), walking.len());
    assert!(walking.iter().all(|uai| cycling.contains(uai)), "what is reached on foot is reached by bike");
    browser.screenshot("isochrone-bike-30min").await;

    // The order in which polygons and the grid ahead are computed, from now on.
    browser
        .script(
            "const t = window.proxiproTimings; window.timingLog = []; \
             for (const key of ['bands', 'bandsAhead']) { let v = t[key]; \
               Object.defineProperty(t, key, {configurable: true, get() { return v; }, set(x) { v = x; window.timingLog.push(key); }}); }",
        )
        .await;
    // A smaller budget reaches fewer schools, all among the previous ones.
    set_budget(&browser, 10).await;
    let short = reached_schools(&browser).await;
    assert!(short.len() < cycling.len() && short.iter().all(|uai| cycling.contains(uai)), "{short:?} within {cycling:?}");
    browser.wait_for_url("bike, 10 min", |url| url.query().is_some_and(|q| q.contains("budget=10") && q.contains("mode=velo"))).await;

    // Raised again once the map has been still: the polygon comes from the grid computed ahead
    // (for twice the budget) and still holds every school the list now reaches.
    browser
        .wait_until(
            "the grid ahead, computed once the map is still after the 10 min polygons",
            "window.timingLog.lastIndexOf('bandsAhead') > window.timingLog.lastIndexOf('bands')",
        )
        .await;
    set_budget(&browser, 20).await;
    let raised = reached_schools(&browser).await;
    assert!(raised.len() > short.len(), "20 min by bike reaches more than 10 ({} ≤ {})", raised.len(), short.len());
    for uai in &raised {
        assert!(inside_polygon(&browser, uai).await, "{uai} listed at 20 min by bike lies inside the polygon");
    }
    browser.close().await;
}

#[tokio::test]
async fn while_the_timetables_load_nothing_says_the_region_has_none() {
    // The network's first answer never comes: the app gives up after its own time limit (8 s)
    // and asks again. Until then, the screens wait.
    let mut options = ServerOptions::default();
    options.canned.push(Canned::new("network.bin", 503, "").delay_ms(60_000).times(1));
    let server = StaticServer::start(dist_dir(), options).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&server.url(&format!("/?tiles=/__test__/tile.png&depart={REPUBLIQUE}&mode=tc&budget=45"))).await;
    browser.wait_for(".offer-item").await;
    let line = browser.text(".journey").await;
    assert!(line.contains("Chargement du réseau de transport"), "the journey panel says the timetables are loading: {line}");
    // Every school looks in reach until the times are in: the list and the map say they are coming.
    let count = browser.text(".list-count").await;
    assert!(count.contains("calcul des trajets"), "{count}");
    assert_eq!(browser.text(".map-status:not(.is-empty)").await, "Calcul des trajets…");
    browser.screenshot("isochrone-waiting-for-timetables").await;
    // On a desktop the row's link opens the card's page.
    browser.click(".offer-item").await;
    let waiting = browser.text(".trip-section").await;
    assert!(waiting.contains("Calcul du trajet"), "the card's trip waits for the timetables: {waiting}");
    browser.wait_for(".trip-section .trip-time").await;
    browser.client.back().await.expect("back to the list");
    browser.wait_for("path.isochrone").await;
    browser.wait_for(".map-status.is-empty").await;
    let count = browser.text(".list-count").await;
    assert!(!count.contains("calcul"), "{count}");
    browser.close().await;
}

#[tokio::test]
async fn a_retried_network_shows_as_loading_until_its_new_answer() {
    // The first try and its two automatic retries fail.
    let mut options = ServerOptions::default();
    options.failures.insert("/data/ille-et-vilaine/network.bin".into(), 3);
    let server = StaticServer::start(dist_dir(), options).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    browser.open(&server.url(&format!("/?tiles=/__test__/tile.png&depart={REPUBLIQUE}&mode=tc&budget=45"))).await;
    let failed = browser.text(".journey [role=alert]").await;
    assert!(failed.contains("Réseau de transport indisponible"), "{failed}");
    // On a phone the map comes first: it says so too, or every school would look in reach.
    assert_eq!(browser.text(".map-status:not(.is-empty)").await, "Trajets non disponibles pour le moment");
    // The user's retry is slow to answer: the panel and the map say it is loading, not the old failure.
    // (Under the app's own 8 s limit: a request that hangs longer blocks the next ones for the same
    // file while the service worker's copy of it is in flight.)
    server.add_canned(Canned::new("network.bin", 503, "").delay_ms(5_000).times(1));
    browser.click(".journey [role=alert] button").await;
    let line = browser.text(".journey").await;
    assert!(line.contains("Chargement du réseau de transport") && !line.contains("indisponible"), "{line}");
    assert_eq!(browser.text(".map-status:not(.is-empty)").await, "Calcul des trajets…");
    browser.wait_for("path.isochrone").await;
    browser.close().await;
}

#[tokio::test]
async fn a_click_on_the_map_sets_the_origin() {
    let (_server, browser) = open_app(Viewport::Desktop, "/?tiles=/__test__/tile.png&mode=pied&budget=20").await;
    browser.wait_for(".school-marker").await;
    // Wait for the network, then click an empty spot of the map.
    browser.wait_for(".origin-line.hint").await;
    let click_map = "const m = document.querySelector('.school-map'); const r = m.getBoundingClientRect(); \
        m.dispatchEvent(new MouseEvent('click', {bubbles: true, clientX: r.left + r.width * 0.52, clientY: r.top + r.height * 0.55})); return true";
    // A click that closes a school's popup only closes it.
    browser.script("document.querySelector('.school-marker').dispatchEvent(new MouseEvent('click', {bubbles: true})); return true").await;
    browser.wait_for(".leaflet-popup").await;
    browser.script(click_map).await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert!(browser.all(".leaflet-popup").await.is_empty(), "the popup closed");
    assert!(browser.all(".origin-marker").await.is_empty(), "closing a popup does not move the origin");
    browser.script(click_map).await;
    browser.wait_for("path.isochrone").await;
    browser.wait_for(".origin-marker").await;
    browser.wait_for_url("the origin is in the address", |url| url.query().is_some_and(|q| q.contains("depart="))).await;
    browser.close().await;
}

/// A new starting point far from the view: the map follows it to its own polygons (not the
/// previous origin's, still on screen while the new ones are computed).
#[tokio::test]
async fn a_new_origin_out_of_view_is_brought_into_view_with_its_polygons() {
    let (_server, browser) = open_app(Viewport::Desktop, "/?tiles=/__test__/tile.png&geocodeur=/__test__/none&mode=pied&budget=10&depart=48.11010,-1.67960").await;
    browser.wait_for("path.isochrone").await;
    browser.click("#depart").await;
    browser.client.active_element().await.expect("focus").send_keys("Bruz").await.expect("type");
    browser.wait_for(".suggestion").await;
    browser.click(".suggestion").await;
    browser.wait_for_url("the new origin in the address", |url| url.query().is_some_and(|q| q.contains("depart=48.0"))).await;
    // Once the new polygons are drawn, the origin marker and the polygons are inside the map.
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let inside = browser
            .script(
                "const map = document.querySelector('.school-map').getBoundingClientRect(); \
                 const origin = document.querySelector('.origin-marker'); const band = document.querySelector('path.isochrone'); \
                 if (!origin || !band) return false; \
                 const within = (r) => r.left >= map.left - 1 && r.right <= map.right + 1 && r.top >= map.top - 1 && r.bottom <= map.bottom + 1; \
                 return within(origin.getBoundingClientRect()) && within(band.getBoundingClientRect())",
            )
            .await;
        if inside == serde_json::json!(true) {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "the map did not follow the new origin and its polygons");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    browser.screenshot("isochrones-new-origin-bruz").await;
    browser.close().await;
}

/// Nothing within a five-minute walk of a commune whose nearest school is 2 to 4 km away: the
/// empty list says what would fill it, and its buttons do it. From a commune with no school
/// within the longest walk looked for (90 min), a longer trip is not offered: it would not help.
#[tokio::test]
async fn an_empty_list_offers_what_would_fill_it() {
    let dataset = dataset();
    let nearest_school_m = |place: &proxipro_model::Place| {
        dataset.schools.iter().map(|s| place.position.distance_m(s.position)).fold(f64::INFINITY, f64::min)
    };
    let communes = || dataset.places.iter().filter(|p| p.kind == proxipro_model::PlaceKind::Commune);
    let farthest = |within: std::ops::Range<f64>| {
        communes()
            .filter(|p| within.contains(&nearest_school_m(p)))
            .max_by(|a, b| nearest_school_m(a).total_cmp(&nearest_school_m(b)))
            .expect("such a commune")
    };
    let server = StaticServer::start(dist_dir(), ServerOptions::default()).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    let empty_list_offers = |place: &proxipro_model::Place| {
        let depart = format!("{:.5},{:.5}", place.position.lat, place.position.lon);
        let (browser, server, name) = (&browser, &server, place.name.clone());
        async move {
            browser.open(&server.url(&format!("/?tiles=/__test__/tile.png&mode=pied&budget=5&depart={depart}"))).await;
            let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
            loop {
                let count = browser.text(".list-count").await;
                let offered = browser.script("return [...document.querySelectorAll('.empty-help button')].map(b => b.textContent)").await;
                if count == "Aucune formation ne correspond à ces critères." && offered != serde_json::json!([]) {
                    return offered;
                }
                assert!(tokio::time::Instant::now() < deadline, "nothing within 5 min on foot of {name}, and a way to more: {count}");
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        }
    };

    let far_from_all = farthest(10_000.0..f64::INFINITY);
    assert_eq!(
        empty_list_offers(far_from_all).await,
        serde_json::json!(["Voir les établissements avec internat, même plus loin"]),
        "no school within a 90 min walk of {}: no longer trip offered, and no filter to remove",
        far_from_all.name
    );

    let near_one = farthest(2_000.0..4_000.0);
    assert_eq!(
        empty_list_offers(near_one).await,
        serde_json::json!(["Porter le temps de trajet maximal à 20\u{a0}min", "Voir les établissements avec internat, même plus loin"]),
        "from {}",
        near_one.name
    );
    browser.script("document.querySelector('.empty-help').scrollIntoView({block: 'center'})").await;
    browser.screenshot("explorer-empty-list-help").await;

    browser.click(".empty-help li:nth-child(2) button").await;
    browser.wait_for(".offer-item").await;
    assert!(browser.text(".offer-item").await.contains("Internat"), "boarding schools beyond the trip are marked");
    assert!(browser.all(".empty-help").await.is_empty());
    browser.close().await;
}

#[tokio::test]
async fn a_map_shown_by_widening_the_window_fits_the_isochrones_it_missed() {
    let server = StaticServer::start(dist_dir(), ServerOptions::default()).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    // Narrow: the phone layout shows the list, and the map waits hidden.
    browser.client.set_window_size(700, 800).await.expect("narrow window");
    browser.open(&server.url(&format!("/?tiles=/__test__/tile.png&geocodeur={TEST_GEOCODER}&mode=pied&budget=20"))).await;
    browser.wait_for(".offer-item").await;
    browser.click(".phone-toggle-button[aria-controls=\"vue-liste\"]").await;
    assert!(!browser.is_displayed(".school-map").await, "the map is hidden under the list in the narrow layout");
    // A start chosen from the list: its isochrones are computed while the map is hidden.
    browser.click("#depart").await;
    browser.script("const i = document.querySelector('#depart'); i.value = 'vitré'; i.dispatchEvent(new Event('input', {bubbles: true}));").await;
    browser.wait_for(".suggestion").await;
    browser.click(".suggestion").await;
    browser.wait_for(".offer-item .offer-trip").await;
    assert!(!browser.is_displayed(".school-map").await, "still the list");
    // Widened (a tablet turned, a window enlarged): the map shows, and fits the trip's isochrones.
    browser.client.set_window_size(1280, 800).await.expect("wide window");
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let share = browser
            .script(
                "const p = document.querySelector('path.isochrone'); const m = document.querySelector('.school-map'); \
                 if (!p || !m.offsetWidth) return 0; \
                 const a = p.getBoundingClientRect(), b = m.getBoundingClientRect(); return Math.max(a.width / b.width, a.height / b.height)",
            )
            .await
            .as_f64()
            .unwrap_or(0.0);
        if share > 0.5 {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "the isochrones fill the map once shown (largest side {share:.2} of the map's)");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    browser.screenshot("isochrone-fitted-after-widening").await;
    browser.close().await;
}

/// Each school's trip as the list says it when arriving by a time: (UAI, minutes, departure « 7 h 32 »).
async fn arrive_by_trips(browser: &Browser) -> Vec<(String, u32, u32)> {
    let value = browser
        .script("return [...document.querySelectorAll('.offer-item')].map(a => [a.dataset.uai, a.querySelector('.offer-trip')?.textContent ?? ''])")
        .await;
    let rows: Vec<(String, String)> = serde_json::from_value(value).expect("rows");
    rows.into_iter()
        .filter_map(|(uai, trip)| {
            // « ≈ 28 min · départ 7 h 32 · ligne C4 + 3 min à pied »
            let minutes = trip.strip_prefix("≈ ")?.split(" min").next()?.trim().parse().ok()?;
            let clock = trip.split("départ ").nth(1)?.split(" · ").next()?.replace('\u{a0}', " ");
            let (hours, mins) = clock.split_once(" h ")?;
            Some((uai, minutes, hours.trim().parse::<u32>().ok()? * 60 + mins.trim().parse::<u32>().ok()?))
        })
        .collect()
}

#[tokio::test]
async fn arriving_by_eight_each_trip_leaves_in_time_and_the_slider_keeps_the_departures() {
    let (_server, browser) = open_app(Viewport::Desktop, &format!("/?tiles=/__test__/tile.png&depart={REPUBLIQUE}&mode=tc&budget=45&arrivee=1&heure=08:00&tri=temps")).await;
    browser.wait_for("path.isochrone").await;
    let at_45 = arrive_by_trips(&browser).await;
    assert!(at_45.len() >= 5, "schools reached by 8:00 within 45 min: {at_45:?}");
    for (uai, minutes, departure) in &at_45 {
        // Leaving at the time said, the trip takes what is said, and arrives by 8:00.
        assert_eq!(*minutes, 8 * 60 - departure, "{uai}: {minutes} min and a departure at {departure}");
        assert!(*minutes <= 45, "{uai}: {minutes} min");
    }

    // The map says the same: every school reached by 8:00 lies inside the polygon.
    let reached_45 = reached_schools(&browser).await;
    for uai in &reached_45 {
        assert!(inside_polygon(&browser, uai).await, "{uai}, reached by 8:00 within 45 min, lies inside the polygon");
    }
    browser.screenshot("isochrone-arrive-by-8h-45min").await;

    let count = |text: String| text.split_whitespace().next().and_then(|n| n.parse::<u32>().ok()).expect("« N formations »");
    let listed_45 = count(browser.text(".list-count").await);
    set_budget(&browser, 30).await;
    let at_30 = arrive_by_trips(&browser).await;
    let listed_30 = count(browser.text(".list-count").await);
    assert!(!at_30.is_empty() && listed_30 < listed_45, "fewer offers within 30 min: {listed_30} of {listed_45}");
    for trip in &at_30 {
        assert!(trip.1 <= 30, "{trip:?}");
        assert!(at_45.contains(trip), "the latest departure does not depend on the budget: {trip:?} not in {at_45:?}");
    }
    // 30 min is contours on the 45-minute grid of latest departures: they still hold every school reached.
    let reached_30 = reached_schools(&browser).await;
    assert!(reached_30.len() <= reached_45.len() && reached_30.iter().all(|uai| reached_45.contains(uai)), "{reached_30:?} within {reached_45:?}");
    for uai in &reached_30 {
        assert!(inside_polygon(&browser, uai).await, "{uai}, reached by 8:00 within 30 min, lies inside the polygon");
    }
    browser.close().await;
}

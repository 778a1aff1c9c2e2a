//! An adviser's session: filters from an origin, opens cards, builds a wish list
//! with ambitions, compares two offers; the share link reopens it elsewhere.

use proxipro_e2e::{dataset, dist_dir, Browser, ServerOptions, StaticServer, Viewport, TEST_GEOCODER};

const SETTINGS: &str = "tiles=/__test__/tile.png";

async fn add_with_ambition(browser: &Browser, server: &StaticServer, offer: &str, ambition: &str) {
    browser.open(&server.url(&format!("/formation/{offer}?{SETTINGS}"))).await;
    browser.click(&format!(".ambition-button[data-ambition=\"{ambition}\"]")).await;
    browser.wait_for(&format!(".ambition-button[data-ambition=\"{ambition}\"][aria-pressed=\"true\"]")).await;
    assert!(browser.text(".wish-status").await.starts_with("Dans votre sélection"));
}

#[tokio::test]
async fn an_adviser_filters_builds_a_selection_compares_and_shares_it() {
    let server = StaticServer::start(dist_dir(), ServerOptions::default()).await;
    let browser = Browser::launch(Viewport::Desktop).await;

    // The adviser types the family's address and picks the geocoder's answer.
    browser.open(&server.url(&format!("/?{SETTINGS}&geocodeur={TEST_GEOCODER}"))).await;
    browser.click("#depart").await;
    let input = browser.client.active_element().await.expect("the address field has the focus");
    input.send_keys("12 rue de Paris").await.expect("type the address");
    let suggestion = "//li[contains(@class, 'suggestion')][contains(., '12 Rue de Paris 35000 Rennes')]";
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    let picked = loop {
        if let Ok(found) = browser.client.find(fantoccini::Locator::XPath(suggestion)).await {
            break found;
        }
        assert!(tokio::time::Instant::now() < deadline, "the geocoder's address is offered");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    picked.click().await.expect("pick the address");
    // Transit, 45 min, arriving by 8:00; then Bac pro with a boarding house.
    browser.click(".mode-button[data-mode=\"tc\"]").await;
    browser
        .script(
            "const set = (el, v) => { el.value = v; el.dispatchEvent(new Event('change', {bubbles: true})); };
             set(document.querySelector('.budget input[type=range]'), '45');
             set(document.querySelector('.time-choice select'), 'arrivee');
             set(document.querySelector('.time-choice input[type=time]'), '08:00');",
        )
        .await;
    browser.wait_for("path.isochrone").await;
    let url = browser.wait_for_url("the origin is in the address", |url| url.query().is_some_and(|q| q.contains("depart="))).await;
    let query = url.query().unwrap_or_default().to_string();
    assert!(query.contains("depart=48.116"), "the address is the origin: {query}");
    // Transit, 45 min, arriving by 8:00 are the defaults: the link stays short, the controls say so.
    assert!(!query.contains("mode=") && !query.contains("budget=") && !query.contains("heure=") && !query.contains("arrivee="), "{query}");
    let controls = browser
        .script(
            "return [document.querySelector('.mode-button[aria-checked=true]').dataset.mode,
                     document.querySelector('.budget input').value,
                     document.querySelector('.time-choice select').value,
                     document.querySelector('.time-choice input[type=time]').value]",
        )
        .await;
    assert_eq!(controls, serde_json::json!(["tc", "45", "arrivee", "08:00"]));
    for label in ["Bac pro", "Avec internat"] {
        let checkbox = format!("//label[contains(@class, 'check')][span[starts-with(., '{label}')]]/input");
        let found = browser.client.find(fantoccini::Locator::XPath(&checkbox)).await;
        found.unwrap_or_else(|e| panic!("filter `{label}`: {e}")).click().await.expect("tick the filter");
        browser.wait_for(".active-filters .chip").await;
    }
    browser.wait_for(".active-filters .chip").await;
    browser
        .wait_for_url("both filters in the address", |url| url.query().is_some_and(|q| q.contains("internat=1") && q.contains("diplome=bacpro")))
        .await;
    let first = browser.wait_for(".offer-item").await;
    let trip = browser.text(".offer-item .offer-trip").await;
    assert!(trip.starts_with("≈ ") || trip.starts_with("Internat"), "{trip}");
    browser.screenshot("adviser-filters-transit-45min").await;
    first.click().await.expect("open the first card");
    browser.wait_for(".offer-card h1").await;

    // Three offers with three ambitions.
    let offers = ["0350005R-23820022106-st", "0350031U-23810025222-st", "0350059Z-23810031211-st"];
    let dataset = dataset();
    for offer in offers {
        assert!(dataset.offer(offer).is_some(), "{offer} is in the dataset");
    }
    add_with_ambition(&browser, &server, offers[0], "ambitieux").await;
    add_with_ambition(&browser, &server, offers[1], "realiste").await;
    browser.open(&server.url(&format!("/selection?{SETTINGS}"))).await;
    browser.wait_for_count(".wish", 2).await;
    assert!(browser.text(".warning").await.contains("Aucun vœu « sécurisant »"), "a list without a safe choice is flagged");
    add_with_ambition(&browser, &server, offers[2], "securisant").await;

    // From a starting point (in the address, as the explorer's links carry it): each wish says its trip.
    browser.open(&server.url(&format!("/selection?{SETTINGS}&depart=48.11010,-1.67960&mode=velo&budget=20"))).await;
    browser.wait_for_count(".wish", 3).await;
    browser.wait_for_count(".wish-trip", 3).await;
    let trip = browser.text(".wish-trip").await;
    assert!(trip.starts_with("Trajet : ≈ ") && trip.contains("min · à vélo") || trip.starts_with("Trajet : plus de 90 min"), "{trip}");
    assert_eq!(browser.text(".trip-context").await, "Trajets à vélo depuis près de Rennes (48,1101 ; -1,6796).");
    assert!(browser.all(".warning").await.is_empty(), "a safe choice removes the warning");
    assert_eq!(browser.text(".nav-count").await, "3");
    // Reorder: the third goes up.
    browser.click(".wish:nth-child(3) .icon-button[aria-label^=\"Monter\"]").await;
    browser.wait_for(&format!(".wish:nth-child(2)[data-offer=\"{}\"]", offers[2])).await;
    browser.screenshot("adviser-selection").await;
    // On paper: no buttons, the ambitions written out.
    browser.emulate_print(true).await;
    assert!(!browser.is_displayed(".selection-actions").await, "actions are not printed");
    assert!(browser.text(".wish .print-only").await.starts_with("Ambition :"));
    browser.screenshot("adviser-selection-print").await;
    browser.emulate_print(false).await;

    // Compare the first two.
    browser.click(".wish:nth-child(1) .compare-check input").await;
    browser.click(".wish:nth-child(2) .compare-check input").await;
    browser.click(".selection-actions a.button").await;
    browser.wait_for_count(".compare-table thead th", 3).await;
    assert!(browser.text(".compare-table").await.contains("Taux de pression"));
    // On paper the table is all the family has: each figure says its year, or that it is missing.
    let undated = browser
        .script(
            "return [...document.querySelectorAll('.compare-table tbody tr')]
                 .filter(tr => /^(Places|Vœux|Taux de pression|Emploi|Poursuite)/.test(tr.querySelector('th').textContent))
                 .flatMap(tr => [...tr.querySelectorAll('td')].map(td => td.textContent))
                 .filter(text => text !== 'non disponible' && !/\\(\\d{4}(-\\d{4})?\\)$/.test(text))",
        )
        .await;
    assert_eq!(undated, serde_json::json!([]), "figures without a year");
    browser.screenshot("adviser-compare").await;

    // The share link carries the selection to another device (a fresh browser profile).
    browser.open(&server.url(&format!("/selection?{SETTINGS}"))).await;
    browser.wait_for(".share-link").await;
    let link = browser.script("return document.querySelector('.share-link').value").await;
    let link = link.as_str().expect("a share link").to_string();
    assert!(!link.contains("depart=") && browser.all(".share-label + .hint").await.is_empty());
    // With a starting point, the page says the link carries it too.
    browser.open(&server.url(&format!("/selection?{SETTINGS}&depart=48.11010,-1.67960"))).await;
    assert!(browser.text(".share-label + .hint").await.contains("contient aussi votre point de départ"));
    browser.close().await;

    let other = Browser::launch(Viewport::Phone).await;
    other.open(&link).await;
    other.wait_for_count(".wish", 3).await;
    assert!(other.text(".notice").await.contains("Sélection reprise du lien partagé"));
    let order = other.script("return [...document.querySelectorAll('.wish')].map(w => w.dataset.offer)").await;
    assert_eq!(order, serde_json::json!([offers[0], offers[2], offers[1]]));
    other.screenshot("student-shared-selection-390x844").await;
    // Taken in once: the address drops it, so the student's own changes survive a reload.
    other.wait_for_url("an address without the shared selection", |url| url.query_pairs().all(|(k, _)| k != "selection")).await;
    other.click(&format!(".wish[data-offer=\"{}\"] .wish-controls .link-button", offers[2])).await;
    other.wait_for_count(".wish", 2).await;
    let address = other.client.current_url().await.expect("current url");
    other.open(address.as_str()).await;
    other.wait_for_count(".wish", 2).await;
    let order = other.script("return [...document.querySelectorAll('.wish')].map(w => w.dataset.offer)").await;
    assert_eq!(order, serde_json::json!([offers[0], offers[1]]), "the removal survives the reload");

    // The link again replaces the student's own list, which stays on offer even after a reload.
    other.open(&link).await;
    other.wait_for_count(".wish", 3).await;
    other.wait_for_url("an address without the shared selection", |url| url.query_pairs().all(|(k, _)| k != "selection")).await;
    let address = other.client.current_url().await.expect("current url");
    other.open(address.as_str()).await;
    other.wait_for_count(".wish", 3).await;
    assert!(other.text(".notice").await.contains("Une sélection reçue par lien a remplacé la vôtre"));
    other.click(".notice-actions button:first-child").await;
    other.wait_for_count(".wish", 2).await;
    assert!(other.text(".notice").await.contains("Votre sélection précédente est revenue"));
    let order = other.script("return [...document.querySelectorAll('.wish')].map(w => w.dataset.offer)").await;
    assert_eq!(order, serde_json::json!([offers[0], offers[1]]), "the student's own list is back");
    other.close().await;
}

#[tokio::test]
async fn a_damaged_share_link_keeps_what_it_can_and_says_what_it_could_not_read() {
    let server = StaticServer::start(dist_dir(), ServerOptions::default()).await;
    let browser = Browser::launch(Viewport::Phone).await;
    let offers: Vec<String> = dataset().offers.iter().take(2).map(|o| o.id.clone()).collect();
    // The second wish lost its ambition (a link cut by a messaging app); `internat=oui` is no on/off value.
    let link = format!("/selection?{SETTINGS}&internat=oui&selection={}*ambitieux%7C{}", offers[0], offers[1]);
    browser.open(&server.url(&link)).await;
    browser.wait_for_count(".wish", 1).await;
    let notes = browser.text(".address-notes .notice").await;
    assert!(notes.contains("Un vœu du lien partagé était illisible"), "{notes}");
    assert!(notes.contains("« internat »"), "{notes}");
    browser.screenshot("selection-damaged-link-390x844").await;
    browser.close().await;
}

#[tokio::test]
async fn a_wish_added_in_another_tab_survives_an_edit_in_this_one() {
    let server = StaticServer::start(dist_dir(), ServerOptions::default()).await;
    let browser = Browser::launch(Viewport::Desktop).await;
    let offers: Vec<String> = dataset().offers.iter().take(2).map(|o| o.id.clone()).collect();
    add_with_ambition(&browser, &server, &offers[0], "realiste").await;
    browser.open(&server.url(&format!("/selection?{SETTINGS}"))).await;
    browser.wait_for_count(".wish", 1).await;

    // The student opens a second tab and adds a wish there.
    let first_tab = browser.client.window().await.expect("this tab");
    let second_tab = browser.client.new_window(true).await.expect("a second tab");
    browser.client.switch_to_window(second_tab.handle).await.expect("go to the second tab");
    add_with_ambition(&browser, &server, &offers[1], "securisant").await;

    // Back in the first tab, the list already shows it; changing an ambition here keeps it.
    browser.client.switch_to_window(first_tab).await.expect("back to the first tab");
    browser.wait_for_count(".wish", 2).await;
    browser
        .script(
            "const select = document.querySelector('.wish .wish-ambition');
             select.value = 'ambitieux';
             select.dispatchEvent(new Event('change', {bubbles: true}));",
        )
        .await;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while browser.script("return Object.values(localStorage).some(saved => saved.includes('ambitieux'))").await != serde_json::json!(true) {
        assert!(tokio::time::Instant::now() < deadline, "the change is saved");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    browser.reload().await;
    browser.wait_for_count(".wish", 2).await;
    let ambitions = browser.script("return [...document.querySelectorAll('.wish .wish-ambition')].map(s => s.value)").await;
    assert_eq!(ambitions, serde_json::json!(["ambitieux", "securisant"]), "both tabs' changes are kept");
    browser.close().await;
}

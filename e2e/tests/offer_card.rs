//! The card of a real offer shows the figures of the raw source rows, with their year and source.

use std::path::PathBuf;

use proxipro_e2e::{dataset, open_app, repo_root, Browser, Viewport};

/// Lycée Yvon Bourges (Dinard), 1re pro cuisine: an offer with every kind of figure.
const OFFER: &str = "0350005R-23820022106-st";

fn raw(relative: &str) -> PathBuf {
    repo_root().join("../shared/data/raw").join(relative)
}

/// The fields of the first line of a `;` file that starts with `prefix`.
fn source_row(relative: &str, prefix: &str) -> Vec<String> {
    let text = std::fs::read_to_string(raw(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"));
    let line = text.lines().find(|line| line.starts_with(prefix)).unwrap_or_else(|| panic!("no `{prefix}` row in {relative}"));
    line.split(';').map(str::to_string).collect()
}

/// The card's « Sources » section: each link's text and address, once the sources have loaded
/// (a title replaces each id).
async fn card_sources(browser: &Browser) -> Vec<(String, String)> {
    let script = "return [...document.querySelectorAll('.card-sources a')].map(a => [a.textContent, a.getAttribute('href')])";
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let found: Vec<(String, String)> = serde_json::from_value(browser.script(script).await).unwrap_or_default();
        let loaded = !found.is_empty() && found.iter().all(|(text, _)| text.contains(' '));
        if loaded || tokio::time::Instant::now() >= deadline {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}


#[tokio::test]
async fn the_card_of_a_real_offer_matches_its_source_rows() {
    let affelnet = source_row("education/affelnet/affelnet_attractivite_capacite_2022_national.csv", "0350005R;23820022106;");
    let (places, wishes) = (&affelnet[4], &affelnet[5]);
    let premiere = source_row("education/affelnet/affelnet_1ere_pro_offre_voeux_national.csv", "0350005R;LPO;YVON BOURGES;DINARD;ILLE-ET-VILAINE;1ERPRO CUISINE;");
    let admitted = &premiere[15];
    // InserJeunes, Bretagne (53), final year of bac pro cuisine (MEF 23830022106), latest millésime.
    let ij = source_row("education/inserjeunes/inserjeunes_region_formation.csv", "2022_2023_03_scolaire_23830022106;");
    let (cohort, employment, study) = (&ij[7], &ij[17], &ij[18]);

    let (_server, browser) = open_app(Viewport::Desktop, &format!("/formation/{OFFER}?tiles=/__test__/tile.png")).await;

    assert_eq!(browser.text("h1").await, "Bac pro Cuisine (entrée en 1re)");
    assert!(browser.text(".card-school").await.starts_with("Lycée technologique et SEP hôtelier Yvon Bourges"));
    assert!(browser.card_row("Places").await.starts_with(&format!("{places}2022 · ")));
    // Each source is named in its rows, and linked once, to its entry on the sources page.
    let sources = card_sources(&browser).await;
    let affelnet = sources.iter().find(|(_, href)| href.ends_with("#source-affelnet-2022")).expect("Affelnet among the card's sources");
    assert_eq!(affelnet.0, "Affelnet : capacités et demandes de vœux de rang 1");
    assert!(affelnet.1.starts_with("/a-propos?"), "the settings stay: {}", affelnet.1);
    assert!(browser.card_row("Places").await.ends_with("2022 · Affelnet"));
    let distinct: std::collections::BTreeSet<&String> = sources.iter().map(|(_, href)| href).collect();
    assert_eq!(distinct.len(), sources.len(), "each source once: {sources:?}");
    // The diploma, its duration and its jobs are not figures, but have sources too.
    for id in ["bcn", "certif-info", "rome"] {
        assert!(sources.iter().any(|(_, href)| href.ends_with(&format!("#source-{id}"))), "{id} among the card's sources: {sources:?}");
    }
    let pressure = format!("{:.2}", wishes.parse::<f32>().unwrap() / places.parse::<f32>().unwrap()).replace('.', ",");
    assert!(browser.card_row("Taux de pression (vœux 1 ÷ places)").await.starts_with(&pressure));
    assert!(browser.card_row("Affectés sur leur vœu 1").await.starts_with(&format!("{admitted}2022 · Affelnet")));
    assert!(browser.card_row("Vœux, tous rangs").await.starts_with("Non disponible : "), "a missing figure says so");
    // A bac pro in 3 years, entered in 1re: the BCN's dispositif (DUREE_DISPOSITIF 3, ANNEE 2).
    assert_eq!(browser.card_row("Durée").await, "3 ans (2 après une entrée en 1re)");

    assert!(browser.card_row("Élèves en année terminale").await.starts_with(&format!("{cohort}2022-2023 · InserJeunes par région et formation")));
    assert!(browser.card_row("En emploi à 6 mois (parmi les sortants)").await.starts_with(&format!("{employment}\u{202f}%2022-2023")));
    assert!(browser.card_row("En poursuite d'études (parmi les élèves de terminale)").await.starts_with(&format!("{study}\u{202f}%")));
    assert!(browser.card_row("Salaires").await.starts_with("Non disponible : aucune donnée de salaire"));
    let comparison = browser.text(".comparison").await;
    assert!(comparison.contains("quartile"), "{comparison}");
    assert!(comparison.contains("formations comparables : Bac pro, voie scolaire, en Bretagne, 2022-2023"), "what it is compared with: {comparison}");

    // Jobs come from Certif Info's ROME codes for this diploma.
    let jobs = browser.text(".job-list").await;
    assert!(jobs.contains("Commis / Commise de cuisine"), "{jobs}");
    browser.screenshot("offer-card-desktop-1280x800").await;
    browser.close().await;
}

#[tokio::test]
async fn from_the_list_a_card_opens_and_the_back_link_returns_to_the_map() {
    let (_server, browser) = open_app(Viewport::Phone, "/?tiles=/__test__/tile.png&ecole=0350005R").await;

    let offers = dataset().offers_at("0350005R").count();
    browser.wait_for_count(".offer-item", offers).await;
    // On a phone the card opens in a bottom sheet; its full page is one link away.
    browser.click(&format!(".offer-item[data-offer=\"{OFFER}\"]")).await;
    assert_eq!(browser.text("dialog.card-sheet[open] #titre-fiche").await, "Bac pro Cuisine (entrée en 1re)");
    browser
        .wait_until("the sheet has slid up", "document.querySelector('dialog.card-sheet').getAnimations().every(a => a.playState === 'finished')")
        .await;
    browser.click(".sheet-actions a").await;
    assert_eq!(browser.text(".page.offer-card h1").await, "Bac pro Cuisine (entrée en 1re)");
    let width = browser.script("return document.documentElement.scrollWidth").await;
    assert_eq!(width, serde_json::json!(390), "no horizontal scroll on the card");
    browser.screenshot("offer-card-phone-390x844").await;

    browser.click(".back-link").await;
    browser.wait_for(".school-marker").await;
    browser.close().await;
}

#[tokio::test]
async fn back_from_a_card_far_down_the_list_the_list_is_as_long_and_the_focus_on_its_row() {
    let (_server, browser) = open_app(Viewport::Desktop, "/?tiles=/__test__/tile.png").await;
    browser.wait_for_count(".offer-item", 50).await;
    browser.click(".more").await;
    browser.wait_for_count(".offer-item", 100).await;
    let id = browser.script("return document.querySelectorAll('.offer-item')[79].dataset.offer").await;
    let id = id.as_str().expect("an offer id").to_string();
    // On a desktop the row's link opens the card's page.
    browser.click(&format!(".offer-item[data-offer=\"{id}\"]")).await;
    browser.wait_for(".page.offer-card h1").await;
    browser.client.back().await.expect("back to the list");
    browser.wait_for_count(".offer-item", 100).await;
    browser.wait_for_focus(&format!(".offer-item[data-offer=\"{id}\"]"), "back on the list, the row the card came from").await;
    browser.close().await;
}

#[tokio::test]
async fn an_unknown_offer_says_so() {
    let (_server, browser) = open_app(Viewport::Desktop, "/formation/0000000X-0-st?tiles=/__test__/tile.png").await;
    assert_eq!(browser.text("h1").await, "Formation introuvable");
    browser.close().await;
}

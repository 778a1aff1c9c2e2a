//! The adapter against Futur Pro-shaped answers (`tests/fixtures/`, written by
//! `tools/futurpro_fixtures.py` from real rows of our dataset), and against
//! every kind of bad answer.

use std::path::PathBuf;

use proptest::prelude::*;
use proxipro_futurpro::{detail_path, list_path, parse_detail, parse_page, provenance, ApiError, DatasetBuilder, FormationItem};
use proxipro_model::{Dataset, Region};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn ours() -> Dataset {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../public/data/ille-et-vilaine/dataset.json");
    serde_json::from_slice(&std::fs::read(path).expect("committed dataset")).expect("dataset parses")
}

fn region() -> Region {
    Region {
        slug: "futurpro".into(),
        departement_code: String::new(),
        name: "API Futur Pro".into(),
        academie: String::new(),
        region_name: String::new(),
        region_code: "53".into(),
    }
}

fn all_items() -> Vec<FormationItem> {
    (1..=3).flat_map(|page| parse_page(&fixture(&format!("formations-page-{page}.json")), page).expect("page").formations).collect()
}

fn detail_of(item: &FormationItem) -> FormationItem {
    let file = format!("formation-{}.json", detail_path(item).trim_start_matches("/api/formation/"));
    parse_detail(&fixture(&file), item).expect("detail")
}

#[test]
fn pages_and_details_rebuild_the_offers_they_were_taken_from() {
    let items = all_items();
    assert_eq!(items.len(), 12);
    let mut builder = DatasetBuilder::new(region());
    for item in &items {
        builder.add(item, Ok(&detail_of(item)));
    }
    let converted = builder.finish();
    assert!(converted.skipped.is_empty(), "{:?}", converted.skipped);
    let ours = ours();
    assert_eq!(converted.dataset.offers.len(), 12);
    for offer in &converted.dataset.offers {
        let original = ours.offer(&offer.id).unwrap_or_else(|| panic!("{} is one of our offers", offer.id));
        assert_eq!(offer.access.capacity.get(), original.access.capacity.get(), "{}", offer.id);
        assert_eq!(offer.access.first_wishes.get(), original.access.first_wishes.get(), "{}", offer.id);
        assert_eq!(offer.access.pressure.get(), original.access.pressure.get(), "{}", offer.id);
        assert_eq!(offer.access.capacity.year, "2022");
        assert_eq!(offer.entry, original.entry, "{}: 2de or 1re, from the MEF", offer.id);
        let school = converted.dataset.school(&offer.uai).expect("school of the offer");
        let our_school = ours.school(&offer.uai).expect("our school");
        assert_eq!((school.name.as_str(), school.position), (our_school.name.as_str(), our_school.position));
        assert_eq!(school.sector, our_school.sector);
        let programme = converted.dataset.programme(&offer.cfd).expect("programme");
        let our_programme = ours.programme(&offer.cfd).expect("our programme");
        assert_eq!(programme.label, our_programme.label);
        assert_eq!(programme.diploma, our_programme.diploma);
        assert_eq!(programme.jobs.len(), our_programme.jobs.len());
        let cited = provenance(region(), "http://futurpro.test").sources;
        assert!(programme.sources.iter().all(|id| cited.iter().any(|s| &s.id == id)), "{:?}", programme.sources);
        assert_eq!(programme.sources.len(), 1 + usize::from(programme.onisep_url.is_some()), "the API's programmes, and Onisep's link");
        // The offer's route, matched by route: a dropped outcome or a swapped route fails here.
        let mine = our_programme.outcomes.iter().find(|o| o.route == offer.route);
        let theirs = programme.outcomes.iter().find(|o| o.route == offer.route);
        assert_eq!(theirs.is_some(), mine.is_some(), "{}: outcomes on both sides or neither", offer.id);
        if let (Some(theirs), Some(mine)) = (theirs, mine) {
            assert_eq!(theirs.employment.get(), mine.employment.get());
            assert_eq!(theirs.further_study.get(), mine.further_study.get());
            assert_eq!(theirs.employment.year, mine.employment.year, "millésime 2022_2023 → 2022-2023");
            assert!(theirs.cohort.get().is_none() && theirs.cohort.missing.is_some(), "no cohort in Futur Pro");
        }
        assert!(offer.access.admitted_first_wish.missing.is_some());
    }
}

#[test]
fn offers_listed_in_any_order_are_found_by_id_once_each() {
    let mut items = all_items();
    items.reverse();
    let mut builder = DatasetBuilder::new(region());
    for item in items.iter().chain(&items[..2]) {
        builder.add(item, Ok(&detail_of(item)));
    }
    let dataset = builder.finish().dataset;
    assert_eq!(dataset.offers.len(), 12, "an offer listed twice is one offer");
    for offer in &dataset.offers {
        assert_eq!(dataset.offer(&offer.id).map(|o| &o.id), Some(&offer.id), "found by id");
    }
}

#[test]
fn a_missing_detail_shows_its_reason_on_every_figure_and_keeps_the_offer() {
    let items = all_items();
    let mut builder = DatasetBuilder::new(region());
    builder.add(&items[0], Err("erreur 500"));
    let dataset = builder.finish().dataset;
    let access = &dataset.offers[0].access;
    assert_eq!(access.capacity.get(), None);
    assert!(access.pressure.missing.as_deref().is_some_and(|m| m.contains("erreur 500")), "{access:?}");
    // Its rates were in the detail too: missing for that reason, not « no InserJeunes data ».
    let outcomes = dataset.own_outcomes(&dataset.offers[0]).expect("the rates, said missing");
    assert!(outcomes.employment.get().is_none() && outcomes.employment.missing.as_deref().is_some_and(|m| m.contains("erreur 500")));
    assert_eq!(dataset.schools.len(), 1, "the school still shows on the map");
}

#[test]
fn only_web_addresses_become_links() {
    let item = all_items().remove(0);
    let mut detail = detail_of(&item);
    detail.etablissement.url = Some("javascript:alert(document.cookie)".into());
    for metier in &mut detail.formation.metier {
        metier.france_travail_link = Some(" JavaScript:alert(1)".into());
        metier.onisep_link = Some("HTTPS://www.onisep.fr/metier".into());
    }
    let mut builder = DatasetBuilder::new(region());
    builder.add(&item, Ok(&detail));
    let dataset = builder.finish().dataset;
    assert_eq!(dataset.schools[0].website, None, "a javascript: site is no link");
    let jobs: Vec<_> = dataset.programmes.iter().flat_map(|p| &p.jobs).collect();
    assert!(!jobs.is_empty());
    assert!(jobs.iter().all(|job| job.url.as_deref() == Some("HTTPS://www.onisep.fr/metier")), "{jobs:?}");
}

#[test]
fn a_neighbouring_region_s_rates_are_not_shown_as_this_region_s() {
    let item = all_items().remove(0);
    let mut detail = detail_of(&item);
    let rates = detail.formation_etablissement.indicateur_poursuite_regional.as_mut().and_then(|r| r.by_diplome.as_mut());
    rates.expect("the fixture has regional rates").region = Some("52".into()); // Pays de la Loire
    let mut builder = DatasetBuilder::new(region());
    builder.add(&item, Ok(&detail));
    let dataset = builder.finish().dataset;
    assert!(dataset.programmes.iter().all(|p| p.outcomes.is_empty()), "Bretagne (53) shows no figure of region 52");
}

#[test]
fn an_absent_number_is_withheld_never_zero_and_a_zero_stays_zero() {
    let item = all_items().remove(0);
    let mut detail = detail_of(&item);
    let entree = detail.formation_etablissement.indicateur_entree.as_mut().expect("entrée");
    entree.capacite = None;
    entree.taux_pression = Some(0.0);
    let mut builder = DatasetBuilder::new(region());
    builder.add(&item, Ok(&detail));
    let access = builder.finish().dataset.offers.remove(0).access;
    assert_eq!(access.capacity.get(), None);
    assert_eq!(access.capacity.year, "2022", "withheld: the source covers the year");
    assert_eq!(access.capacity.missing.as_deref(), Some("non publié par Affelnet pour cette offre"));
    assert_eq!(access.pressure.get(), Some(0.0));
}

#[test]
fn offers_without_position_or_statut_are_skipped_with_a_reason_and_duplicates_kept_once() {
    let mut items = all_items();
    // Items come three per school: 3 and 6 are the first of their school.
    items[3].etablissement.latitude = None;
    items[6].etablissement.statut = None;
    let duplicate = items[0].clone();
    items.push(duplicate);
    let mut builder = DatasetBuilder::new(region());
    for item in &items {
        builder.add(item, Err("non demandée"));
    }
    let converted = builder.finish();
    let skipped_for = |item: &FormationItem, reason: &str| {
        converted.skipped.iter().any(|s| s.contains(item.etablissement.uai.as_str()) && s.contains(reason))
    };
    assert!(skipped_for(&items[3], "coordonnées"), "{:?}", converted.skipped);
    assert!(skipped_for(&items[6], "statut"), "{:?}", converted.skipped);
    let ids: std::collections::HashSet<_> = converted.dataset.offers.iter().map(|o| o.id.clone()).collect();
    assert_eq!(ids.len(), converted.dataset.offers.len(), "no duplicate offer");
}

#[test]
fn a_page_shorter_than_announced_is_refused() {
    let mut page: serde_json::Value = serde_json::from_str(&fixture("formations-page-1.json")).unwrap();
    page["formations"].as_array_mut().unwrap().truncate(2);
    let error = parse_page(&page.to_string(), 1).unwrap_err();
    assert_eq!(error, ApiError::PartialPage { page: 1, received: 2, expected: 5 });
    assert_eq!(error.to_string(), "page 1 incomplète : 2 formations reçues sur les 5 annoncées");
    // The last page may be short.
    assert_eq!(parse_page(&fixture("formations-page-3.json"), 3).expect("last page").formations.len(), 2);
}

#[test]
fn an_unreadable_offer_is_left_out_and_counted_not_its_whole_page() {
    let mut page: serde_json::Value = serde_json::from_str(&fixture("formations-page-1.json")).unwrap();
    let announced = page["formations"].as_array().unwrap().len();
    page["formations"][1]["formation"]["cfd"] = serde_json::json!(12);
    let read = parse_page(&page.to_string(), 1).expect("the page is read");
    assert_eq!(read.formations.len(), announced - 1);
    assert_eq!(read.unreadable, 1);
    assert_eq!(parse_page(&fixture("formations-page-1.json"), 1).expect("page").unreadable, 0);
}

#[test]
fn an_answer_for_another_request_is_refused() {
    assert!(matches!(parse_page(&fixture("formations-page-2.json"), 1), Err(ApiError::Unexpected(_))));
    let items = all_items();
    let other = fixture(&format!("formation-{}.json", detail_path(&items[1]).trim_start_matches("/api/formation/")));
    assert!(matches!(parse_detail(&other, &items[0]), Err(ApiError::Unexpected(_))));
}

#[test]
fn malformed_and_empty_answers() {
    for text in ["", "<html>502 Bad Gateway</html>", "{\"pagination\":", "{\"formations\":[]}", "null", "[]"] {
        assert!(matches!(parse_page(text, 1), Err(ApiError::Malformed(_))), "{text:?}");
    }
    let empty = r#"{"pagination":{"total":0,"page":1,"items_par_page":100,"nombre_de_page":0},"formations":[]}"#;
    assert!(parse_page(empty, 1).expect("an empty result is a valid answer").formations.is_empty());
}

#[test]
fn html_in_descriptions_becomes_plain_paragraphs() {
    let mut item = all_items().remove(0);
    item.formation.description =
        Some("<p>Le titulaire <strong>prépare</strong>&nbsp;des plats.</p><ul><li>cuisson</li><li><script>alert(1)</script></li></ul>".into());
    let mut builder = DatasetBuilder::new(region());
    builder.add(&item, Ok(&item.clone()));
    let description = builder.finish().dataset.programmes.remove(0).description;
    let paragraphs = description.value.expect("description");
    assert_eq!(paragraphs[0], "Le titulaire prépare des plats.");
    assert!(paragraphs.iter().all(|p| !p.contains('<')), "{paragraphs:?}");
}

#[test]
fn request_paths_follow_futur_pros_routes() {
    assert_eq!(
        list_path(48.11, -1.68, 60_000, 2),
        "/api/formations?latitude=48.11000&longitude=-1.68000&distance=60000&page=2&items_par_page=100"
    );
    let item = all_items().remove(0);
    assert_eq!(detail_path(&item), format!("/api/formation/{}--{}-scolaire", item.formation.cfd, item.etablissement.uai));
}

proptest! {
    /// Whatever comes back, reading it returns a value or an error: never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse_page(&text, 1);
        let asked = all_items().remove(0);
        let _ = parse_detail(&text, &asked);
    }

    /// A real answer with any value replaced by another JSON value still converts without panicking.
    #[test]
    fn mutated_answers_convert_without_panic(index in 0usize..2000, replacement in prop_oneof![
        Just(serde_json::Value::Null), Just(serde_json::json!(-1.0)), Just(serde_json::json!(1e300)),
        Just(serde_json::json!("")), Just(serde_json::json!([])), Just(serde_json::json!({})), Just(serde_json::json!("é<b>"))
    ]) {
        let mut value: serde_json::Value = serde_json::from_str(&fixture("formation-50022141--0350032V-scolaire.json")).unwrap();
        replace_nth(&mut value, &mut index.clone(), &replacement);
        let item = all_items().remove(0);
        if let Ok(detail) = serde_json::from_value::<FormationItem>(value) {
            let mut builder = DatasetBuilder::new(region());
            builder.add(&item, Ok(&detail));
            let _ = builder.finish();
        }
    }
}

/// Replaces the `n`-th scalar of `value` (depth-first) by `replacement`.
fn replace_nth(value: &mut serde_json::Value, n: &mut usize, replacement: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Object(map) => map.values_mut().any(|v| replace_nth(v, n, replacement)),
        serde_json::Value::Array(items) => items.iter_mut().any(|v| replace_nth(v, n, replacement)),
        scalar => {
            if *n == 0 {
                *scalar = replacement.clone();
                true
            } else {
                *n -= 1;
                false
            }
        }
    }
}

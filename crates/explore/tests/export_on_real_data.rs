//! The selection's CSV from the committed Ille-et-Vilaine dataset: it names and rounds
//! figures as the screen does, and says what is missing.

use proxipro_explore::{export, Ambition, WishList};
use proxipro_model::Dataset;

fn dataset() -> Dataset {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/ille-et-vilaine/dataset.json");
    serde_json::from_slice(&std::fs::read(path).expect("committed dataset")).expect("it parses")
}

fn table(csv: &str) -> Vec<Vec<String>> {
    csv.trim_start_matches('\u{feff}').lines().map(|line| line.split(';').map(str::to_string).collect()).collect()
}

#[test]
fn the_csv_names_rounds_and_marks_missing_figures_as_the_screen_does() {
    let dataset = dataset();
    let mut list = WishList::default();
    // Bac pro Cuisine entered in 1re, then the common seconde that leads to it.
    list.add("0350005R-23820022106-st", Ambition::Realiste);
    list.add("0350005R-23810033404-st", Ambition::Securisant);
    // And one whose employment rate is not published (cohort under 20, no InserJeunes row…).
    let unpublished = dataset.offers.iter().find(|o| dataset.headline_rate(o, |x| x.employment.get()).is_none()).expect("such an offer");
    list.add(&unpublished.id, Ambition::Ambitieux);
    assert_ne!(unpublished.uai, "0350005R");
    // And one the data no longer has (a partial answer from an API).
    list.add("0359999Z-00000000000-st", Ambition::Realiste);
    list.set_note("0359999Z-00000000000-st", "vue au salon");
    let minutes = [("0350005R".to_string(), 23.4)].into();
    let csv = export::csv(&dataset, &list, Some(export::TripTimes { minutes: &minutes, longest_minutes: 90 }));
    let rows = table(&csv);
    let header = &rows[0];
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}: {header:?}"));

    let cuisine = &rows[1];
    assert_eq!(cuisine[column("formation")], "Bac pro Cuisine (entrée en 1re)");
    assert_eq!(cuisine[column("taux de pression")], "1,23");
    assert_eq!(cuisine[column("taux d'emploi à 6 mois (région, %)")], "58");
    assert_eq!(cuisine[column("temps de trajet (min)")], "24", "rounded up, as on screen");

    let seconde = &rows[2];
    assert_eq!(seconde[column("formation")], "2de pro commune · Métiers de l'hôtellerie-restauration");
    // The best of its two specialities (58 and 63 %), said as such.
    assert_eq!(seconde[column("taux d'emploi à 6 mois (région, %)")], "jusqu'à 63 selon la spécialité");

    assert_eq!(rows[3][column("taux d'emploi à 6 mois (région, %)")], "non disponible");
    assert_eq!(rows[3][column("temps de trajet (min)")], "plus de 90", "not reached within the longest trip looked for");

    let gone = &rows[4];
    assert_eq!(gone.len(), header.len());
    assert_eq!(gone[column("rang")], "4", "the ranks stay those of the page");
    assert_eq!(gone[column("formation")], "formation absente des données reçues (offre 0359999Z-00000000000-st)");
    assert_eq!(gone[column("places")], "non disponible");
    assert_eq!(gone[column("note")], "vue au salon");

    let without_start = table(&export::csv(&dataset, &list, None));
    assert!(without_start[1..].iter().all(|row| row[column("temps de trajet (min)")].is_empty()), "no starting point: nothing asked, left empty");

    let geojson: serde_json::Value = serde_json::from_str(&export::geojson(&dataset, &list)).expect("GeoJSON");
    assert_eq!(geojson["features"][1]["properties"]["formation"], "2de pro commune · Métiers de l'hôtellerie-restauration");
    assert_eq!(geojson["features"][0]["geometry"]["coordinates"][0].as_f64().map(|lon| lon < 0.0), Some(true), "[lon, lat]");
    assert_eq!(geojson["features"][3]["geometry"], serde_json::Value::Null);
    assert_eq!(geojson["features"][3]["properties"]["note"], "vue au salon");
}

//! Components in headless Chromium (`cargo test --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use leptos::prelude::*;
use proxipro::config::{AppConfig, DEFAULT_TILES};
use proxipro::explorer::school_list::SchoolList;
use proxipro::source::LoadError;
use proxipro::ui::load_state::LoadFailed;
use proxipro_model::{Address, Dataset, LatLon, Region, School, SchoolKind, Sector, SCHEMA_VERSION};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page to mount one component into.
fn host() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

fn click(host: &web_sys::HtmlElement, css: &str) {
    let element: web_sys::HtmlElement = host.query_selector(css).unwrap().expect(css).unchecked_into();
    element.click();
}

fn school(uai: &str, name: &str, commune: &str, boarding: Option<bool>) -> School {
    School {
        uai: uai.into(),
        name: name.into(),
        kind: SchoolKind::LyceeProfessionnel,
        sector: Sector::Public,
        address: Address {
            street: "1 rue X".into(),
            postcode: "35000".into(),
            commune: commune.into(),
            commune_code: "35238".into(),
        },
        position: LatLon { lat: 48.1, lon: -1.6 },
        boarding,
        website: None,
        onisep_id: None,
        source: "annuaire".into(),
    }
}

fn dataset(schools: Vec<School>) -> Arc<Dataset> {
    Arc::new(Dataset {
        schema_version: SCHEMA_VERSION,
        region: Region {
            slug: "ille-et-vilaine".into(),
            departement_code: "035".into(),
            name: "Ille-et-Vilaine".into(),
            academie: "Rennes".into(),
            region_name: "Bretagne".into(),
        },
        schools,
    })
}

#[wasm_bindgen_test]
async fn school_list_sorts_by_commune_and_reports_the_pick() {
    let host = host();
    let picked = RwSignal::new(None::<String>);
    let selected = RwSignal::new(None::<String>);
    let data = dataset(vec![
        school("0350002A", "Lycée B", "Vitré", None),
        school("0350001A", "Lycée A", "Rennes", Some(true)),
    ]);
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! { <SchoolList dataset=data selected=selected.read_only() on_pick=move |uai| picked.set(Some(uai))/> }
    });

    assert_eq!(host.query_selector(".list-count").unwrap().unwrap().text_content().unwrap(), "2 établissements en Ille-et-Vilaine");
    let names: Vec<String> = (0..2)
        .map(|i| host.query_selector_all(".school-item-name").unwrap().item(i).unwrap().text_content().unwrap())
        .collect();
    assert_eq!(names, ["Lycée A", "Lycée B"], "Rennes before Vitré");
    assert_eq!(host.query_selector_all(".badge").unwrap().length(), 1, "only the school with a boarding house has the badge");

    click(&host, ".school-item[data-uai='0350002A']");
    assert_eq!(picked.get_untracked().as_deref(), Some("0350002A"));
    selected.set(Some("0350002A".into()));
    // Leptos applies reactive updates to the DOM on its next tick.
    leptos::task::tick().await;
    let pressed = host.query_selector(".school-item[aria-pressed='true']").unwrap().expect("one item pressed");
    assert_eq!(pressed.get_attribute("data-uai").as_deref(), Some("0350002A"));
}

#[wasm_bindgen_test]
fn an_empty_dataset_says_so() {
    let host = host();
    let data = dataset(vec![]);
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! { <SchoolList dataset=data selected=RwSignal::new(None).read_only() on_pick=|_| {}/> }
    });
    assert_eq!(
        host.query_selector(".list-count").unwrap().unwrap().text_content().unwrap(),
        "Aucun établissement dans ce jeu de données."
    );
}

#[wasm_bindgen_test]
fn load_failed_explains_the_error_and_retries() {
    let host = host();
    let retries = RwSignal::new(0);
    let error = LoadError::Status { url: "/data/x.json".into(), status: 500 };
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! { <LoadFailed title="Impossible de charger" error=error on_retry=move |_| retries.update(|n| *n += 1)/> }
    });
    let alert = host.query_selector("[role='alert']").unwrap().expect("an alert");
    let text = alert.text_content().unwrap();
    assert!(text.contains("Impossible de charger"), "{text}");
    assert!(text.contains("erreur 500 pour /data/x.json"), "{text}");
    click(&host, "button");
    click(&host, "button");
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
fn tiles_and_region_come_from_the_query_when_safe() {
    let config = AppConfig::from_query("?tiles=/__test__/tile.png&region=cotes-d-armor");
    assert_eq!(config.tiles_url, "/__test__/tile.png");
    assert_eq!(config.region, "cotes-d-armor");

    let unsafe_values = AppConfig::from_query("?tiles=javascript:alert(1)&region=../secret");
    assert_eq!(unsafe_values, AppConfig::default());
    assert_eq!(AppConfig::from_query("").tiles_url, DEFAULT_TILES);
    assert_eq!(AppConfig::from_query("?tiles=//evil.example/x.png"), AppConfig::default());
}

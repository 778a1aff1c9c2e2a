//! Components in headless Chromium (`cargo test --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use leptos::prelude::*;
use proxipro::config::{AppConfig, DEFAULT_TILES};
use proxipro::offers::offer_list::OfferList;
use proxipro::journey::Reached;
use proxipro::source::Loaded;
use std::collections::HashMap;
use proxipro_explore::filters::{Catalog, Filters};
use proxipro_explore::sort::{sort, SortKey};
use proxipro::ui::figure::FigureRow;
use proxipro::source::LoadError;
use proxipro::ui::load_state::LoadFailed;
use proxipro_model::{
    Access, Address, Dataset, Diploma, Entry, Figure, LatLon, Offer, Outcomes, Programme, Region, Route, School, SchoolKind,
    Sector, SCHEMA_VERSION,
};
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

fn school(uai: &str, name: &str, commune: &str) -> School {
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
        boarding: Some(true),
        website: None,
        onisep_id: None,
        open_days: Figure::unavailable("aucune date"),
        outcomes: None,
        source: "annuaire".into(),
    }
}

fn programme(cfd: &str, label: &str, employment: Option<f32>, study: Option<f32>) -> Programme {
    let rate = |value: Option<f32>| match value {
        Some(v) => Figure::known(v, "2022-2023", "inserjeunes-region"),
        None => Figure::withheld("non publié : moins de 20 élèves", "2022-2023", "inserjeunes-region"),
    };
    Programme {
        cfd: cfd.into(),
        label: label.into(),
        diploma: Diploma::BacPro,
        duration_years: Some(3),
        field: None,
        famille: None,
        common_year: false,
        specialities: vec![],
        onisep_url: None,
        description: Figure::unavailable("pas de présentation"),
        jobs: vec![],
        outcomes: vec![Outcomes {
            route: Route::Scolaire,
            cohort: Figure::known(40, "2022-2023", "inserjeunes-region"),
            employment: rate(employment),
            further_study: rate(study),
            other: Figure::unavailable("-"),
            employment_benchmark: None,
            further_study_benchmark: None,
        }],
        salary: Figure::unavailable("aucune donnée de salaire"),
        sources: vec!["bcn".into()],
    }
}

fn offer(uai: &str, cfd: &str, capacity: u32, wishes: u32) -> Offer {
    let known = |v: u32| Figure::known(v, "2022", "affelnet-2022");
    Offer {
        id: format!("{uai}-{cfd}"),
        uai: uai.into(),
        cfd: cfd.into(),
        mef_stat_11: "23810000000".into(),
        route: Route::Scolaire,
        entry: Entry::AfterTroisieme,
        access: Access {
            capacity: known(capacity),
            first_wishes: known(wishes),
            all_wishes: Figure::unavailable("vœux de rang 1 seulement"),
            pressure: Figure::known(wishes as f32 / capacity as f32, "2022", "affelnet-2022"),
            admitted_first_wish: Figure::unavailable("-"),
        },
    }
}

fn dataset() -> Arc<Dataset> {
    let mut offers = vec![offer("0350001A", "40000001", 24, 36), offer("0350002A", "40000002", 12, 6)];
    offers.sort_by(|a, b| a.id.cmp(&b.id));
    Arc::new(Dataset {
        schema_version: SCHEMA_VERSION,
        region: Region {
            slug: "ille-et-vilaine".into(),
            departement_code: "035".into(),
            name: "Ille-et-Vilaine".into(),
            academie: "Rennes".into(),
            region_name: "Bretagne".into(),
            region_code: "53".into(),
        },
        schools: vec![school("0350001A", "Lycée A", "Rennes"), school("0350002A", "Lycée B", "Vitré")],
        programmes: vec![
            programme("40000001", "Cuisine", Some(58.0), Some(62.0)),
            programme("40000002", "Accueil", Some(20.0), Some(30.0)),
        ],
        offers,
        network: None,
        places: vec![],
    })
}

fn texts(host: &web_sys::HtmlElement, css: &str) -> Vec<String> {
    let nodes = host.query_selector_all(css).unwrap();
    (0..nodes.length()).map(|i| nodes.item(i).unwrap().text_content().unwrap()).collect()
}

/// The view store the list's rows use to open a card, as the app's shell provides it.
#[component]
fn WithViewStore(children: Children) -> impl IntoView {
    proxipro::state::view::ViewStore::provide();
    children()
}

#[wasm_bindgen_test]
async fn offer_list_shows_key_figures_and_flags_no_prospects() {
    let host = host();
    let school = RwSignal::new(None::<String>);
    let cleared = RwSignal::new(0);
    let data = dataset();
    let catalog = Arc::new(Catalog::new(&data));
    let loaded = Loaded { dataset: data.clone(), catalog: catalog.clone(), notices: Default::default(), complete: true };
    let filters = RwSignal::new(Filters::default());
    let visible = Signal::derive(move || {
        let mut visible = filters.with(|f| f.apply(&data, &catalog, None)).visible;
        sort(&mut visible, SortKey::Title, &data, &catalog, None);
        visible
    });
    let highlighted = RwSignal::new(None::<String>);
    let travel = RwSignal::new(HashMap::from([(
        "0350001A".to_string(),
        Reached { minutes: 27.4, how: "ligne C4 + 6 min à pied".into(), estimate: false },
    )]));
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <leptos_router::components::Router>
                <WithViewStore>
                    <OfferList
                        loaded=loaded
                        visible=visible
                        school=school
                        highlighted=highlighted
                        travel=travel
                        waiting=false
                        budget=45u32
                        on_all_schools=move |_| cleared.update(|n| *n += 1)
                    />
                </WithViewStore>
            </leptos_router::components::Router>
        }
    });

    assert_eq!(texts(&host, ".list-count"), ["2 formations en Ille-et-Vilaine"]);
    assert_eq!(texts(&host, ".offer-title"), ["Bac pro Accueil", "Bac pro Cuisine"], "sorted by title");
    assert_eq!(texts(&host, ".offer-trip"), ["≈ 28 min · ligne C4 + 6 min à pied"], "travel shows where known, rounded up");
    let figures = texts(&host, ".offer-figures");
    assert!(figures[1].contains("Pression 1,50 · Admission difficile"), "{figures:?}");
    assert!(figures[1].contains("Emploi à 6 mois en région : 58\u{202f}%"), "{figures:?}");
    assert_eq!(host.query_selector_all(".warning-badge").unwrap().length(), 1, "only Accueil (20 % / 30 %) has no prospects");
    let link = host.query_selector(".offer-item").unwrap().unwrap().get_attribute("href").unwrap();
    assert!(link.starts_with("/formation/0350002A-40000002"), "{link}");

    // Pointing at an offer highlights its school for the map.
    let item: web_sys::HtmlElement = host.query_selector(".offer-item").unwrap().unwrap().unchecked_into();
    item.focus().unwrap();
    assert_eq!(highlighted.get_untracked().as_deref(), Some("0350002A"));

    filters.update(|f| f.school = Some("0350001A".into()));
    school.set(Some("0350001A".into()));
    leptos::task::tick().await;
    assert_eq!(texts(&host, ".list-count"), ["1 formation à Lycée A"]);
    click(&host, ".chip");
    assert_eq!(cleared.get_untracked(), 1);

    filters.update(|f| f.text = "introuvable".into());
    leptos::task::tick().await;
    assert_eq!(texts(&host, ".list-count"), ["Aucune formation ne correspond à ces critères."]);
}

#[wasm_bindgen_test]
fn figure_rows_say_what_is_missing_and_where_known_figures_come_from() {
    let host = host();
    let known = Figure::known(42u32, "2022", "affelnet-2022");
    let missing: Figure<u32> = Figure::withheld("non publié : moins de 20 élèves", "2022-2023", "inserjeunes-region");
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <dl>
                <FigureRow label="Places" figure=known show=|v: &u32| v.to_string()/>
                <FigureRow label="En emploi" figure=missing show=|v: &u32| v.to_string()/>
            </dl>
        }
    });
    assert_eq!(texts(&host, ".figure-value"), ["42"]);
    assert_eq!(texts(&host, ".figure-missing"), ["Non disponible : non publié : moins de 20 élèves"]);
    assert_eq!(texts(&host, ".figure-origin"), ["2022 · affelnet-2022", "2022-2023 · inserjeunes-region"]);
}

#[wasm_bindgen_test]
async fn load_failed_explains_the_error_and_retries() {
    let host = host();
    let retries = RwSignal::new(0);
    let error = LoadError::Status { url: "/data/x.json".into(), status: 500 };
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! { <LoadFailed title="Impossible de charger" error=error on_retry=move |_| retries.update(|n| *n += 1)/> }
    });
    let alert = host.query_selector("[role='alert']").unwrap().expect("an alert");
    let text = alert.text_content().unwrap();
    assert!(text.contains("Impossible de charger"), "{text}");
    assert!(text.contains("momentanément indisponible"), "{text}");
    let details = host.query_selector(".technical-details p").unwrap().expect("the technical details");
    assert_eq!(details.text_content().unwrap(), "/data/x.json : erreur 500");
    click(&host, "button");
    leptos::task::tick().await;
    // Until the answer replaces the message, the button says the retry is under way and a second
    // click does not queue another download.
    let button = host.query_selector(".load-error button").unwrap().expect("the button");
    assert_eq!(button.text_content().unwrap(), "Nouvelle tentative…");
    assert_eq!(button.get_attribute("aria-disabled").as_deref(), Some("true"));
    click(&host, "button");
    assert_eq!(retries.get_untracked(), 1);
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
    assert_eq!(AppConfig::from_query("?api=/%5Cevil.example&tiles=/%5C%5Cevil.example/x.png"), AppConfig::default());
}

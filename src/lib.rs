//! ProxiPro: the vocational programmes a student can actually reach, and what they lead to.
//!
//! `App` wires the router and the shared contexts; every screen lives in its
//! own folder and reads data only through [`source::DataSource`] (the geocoder's
//! suggestions go through the same HTTP helper, `source::http`).

pub mod about;
pub mod config;
pub mod explorer;
pub mod journey;
pub mod map;
pub mod offers;
pub mod perf;
pub mod search;
pub mod selection;
pub mod source;
pub mod state;
pub mod ui;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::about::AboutPage;
use crate::config::AppConfig;
use crate::explorer::ExplorerPage;
use crate::offers::offer_card::OfferCardPage;
use crate::selection::compare_page::ComparePage;
use crate::selection::selection_page::SelectionPage;
use crate::source::{AppData, Loaded};
use crate::state::journeys::JourneyStore;
use crate::state::view::ViewStore;
use crate::state::wishes::WishStore;
use crate::ui::focus::focus_first_shown;
use proxipro_explore::url_state::is_offer_id;
use crate::ui::header::SiteHeader;
use crate::ui::load_state::{AddressNotes, DataNotices};

/// Mounts the app on `<body>`; called by `main` in the browser.
pub fn start() {
    // Readable panic messages while developing; release builds abort on panic anyway.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    crate::ui::shell_handover::on_start();
    crate::ui::pointer::watch();
    leptos::mount::mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    let config = AppConfig::from_current_url();
    let data = AppData::load(config.data_source());
    provide_context(data);
    crate::ui::shell_handover::hand_over_when_ready(data);
    provide_context(config);

    view! {
        <Router>
            <Shell/>
        </Router>
    }
}

/// Everything inside the router: the stores that read the address, the header, the screens.
#[component]
fn Shell() -> impl IntoView {
    let view_store = ViewStore::provide();
    WishStore::provide(view_store, expect_context::<AppConfig>().selection_key());
    let data = expect_context::<AppData>();
    JourneyStore::provide(view_store, data);
    // A starting point (chosen, or in the address) needs the transport network at once.
    Effect::new(move |_| {
        if view_store.state.with(|s| s.origin.is_some()) {
            data.want_routing();
        }
    });
    page_title_and_focus(view_store);

    view! {
        <SiteHeader/>
        <main id="contenu">
            <DataNotices/>
            <AddressNotes/>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=ExplorerPage/>
                <Route path=path!("/a-propos") view=AboutPage/>
                <Route path=path!("/formation/:id") view=OfferCardPage/>
                <Route path=path!("/selection") view=SelectionPage/>
                <Route path=path!("/comparer") view=ComparePage/>
            </Routes>
        </main>
    }
}

/// Each screen names itself in the tab's title (what a screen reader announces on
/// arrival); after a navigation in the app, the focus moves to the new screen's
/// `<h1>` as a full page load would put it at the top. Not on the first load.
fn page_title_and_focus(view_store: ViewStore) {
    let data = expect_context::<AppData>();
    let location = use_location();
    let title = Memo::new(move |_| {
        let path = location.pathname.get();
        let card = view_store.state.with(|s| s.card.clone());
        page_title(&path, card.as_deref(), data.loaded().as_ref())
    });
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&title.get());
        }
    });
    // Only the path counts: the view's settings rewrite the query all the time.
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if let Some(previous) = previous.filter(|previous| *previous != path) {
            // Once the new screen is drawn: back from a card's page the list opened, on its row.
            // Leaving the card's page (for the list or elsewhere) ends what the list remembered.
            let from_card = previous.strip_prefix("/formation/");
            let opened = from_card.and_then(|_| view_store.card_opened_from_list.try_update_value(Option::take).flatten());
            match opened.filter(|id| path == "/" && from_card == Some(id.as_str()) && is_offer_id(id)) {
                Some(id) => focus_first_shown(vec![
                    format!(".offer-item[data-offer=\"{id}\"]"),
                    "main h1".into(),
                    "#vue-carte".into(),
                ]),
                None => focus_main_heading(),
            }
        }
        path
    });
}

/// « Fiche : CAP Cuisine – Lycée X – ProxiPro ».
fn page_title(path: &str, card: Option<&str>, loaded: Option<&Loaded>) -> String {
    let card_name = |id: &str| loaded.and_then(|l| offers::card_name(&l.dataset, id));
    let page = match path.trim_end_matches('/') {
        "" => match card.map(card_name) {
            Some(Some(name)) => format!("Fiche : {name}"),
            _ => "Carte des formations professionnelles".to_string(),
        },
        "/a-propos" => "Sources et à propos".to_string(),
        "/selection" => "Ma sélection".to_string(),
        "/comparer" => "Comparer des formations".to_string(),
        other => match other.strip_prefix("/formation/") {
            Some(id) => match card_name(id) {
                Some(name) => format!("Fiche : {name}"),
                None => match loaded {
                    Some(loaded) if !loaded.complete => offers::offer_card::MISSING_FROM_PARTIAL_LIST.to_string(),
                    Some(_) => offers::offer_card::NOT_FOUND.to_string(),
                    None => "Fiche formation".to_string(),
                },
            },
            None => "Page introuvable".to_string(),
        },
    };
    format!("{page} – ProxiPro")
}

/// A hidden element cannot take the focus: on a phone the explorer shows its map, not the
/// list panel that holds its title, so the map's region comes next.
fn focus_main_heading() {
    focus_first_shown(["main h1", "#vue-carte", "main"].map(String::from).to_vec());
}

#[component]
fn NotFound() -> impl IntoView {
    let store = expect_context::<ViewStore>();
    view! {
        <section class="page">
            <h1 tabindex="-1">"Page introuvable"</h1>
            <p>"Cette adresse ne correspond à aucune page de ProxiPro."</p>
            <p><a href=move || store.link("/")>"Revenir à la carte des formations"</a></p>
        </section>
    }
}

//! ProxiPro: the vocational programmes a student can actually reach, and what they lead to.
//!
//! `App` wires the router and the shared contexts; every screen lives in its
//! own folder and reads data only through [`source::DataSource`].

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
use leptos_router::path;

use crate::about::AboutPage;
use crate::config::AppConfig;
use crate::explorer::ExplorerPage;
use crate::offers::offer_card::OfferCardPage;
use crate::selection::compare_page::ComparePage;
use crate::selection::selection_page::SelectionPage;
use crate::source::AppData;
use crate::state::view::ViewStore;
use crate::state::wishes::WishStore;
use crate::ui::header::SiteHeader;

/// Mounts the app on `<body>`; called by `main` in the browser.
pub fn start() {
    // Readable panic messages while developing; release builds abort on panic anyway.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    let config = AppConfig::from_current_url();
    provide_context(AppData::load(config.data_source()));
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
    WishStore::provide(view_store.state.get_untracked().selection);

    view! {
        <SiteHeader/>
        <main id="contenu">
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

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h1>"Page introuvable"</h1>
            <p>"Cette adresse ne correspond à aucune page de ProxiPro."</p>
            <p><a href=config::keep_query("/")>"Revenir à la carte des formations"</a></p>
        </section>
    }
}

//! The explorer screen: the schools as a list beside the map (desktop) or
//! one at a time with a toggle (phones).

mod phone_toggle;
pub mod school_list;

use leptos::prelude::*;

use crate::map::school_map::SchoolMap;
use crate::source::AppData;
use crate::ui::load_state::{LoadFailed, Loading};
use phone_toggle::{PhoneToggle, PhoneView};
use school_list::SchoolList;

#[component]
pub fn ExplorerPage() -> impl IntoView {
    let data = expect_context::<AppData>();
    let selected = RwSignal::new(None::<String>);
    let phone_view = RwSignal::new(PhoneView::Map);
    let dataset = Signal::derive(move || data.loaded_dataset());
    let pick = Callback::new(move |uai: String| {
        selected.set(Some(uai));
        phone_view.set(PhoneView::Map);
    });

    let panel = move || match data.dataset.get() {
        None => view! { <Loading message="Chargement des établissements…"/> }.into_any(),
        Some(Err(error)) => view! {
            <LoadFailed
                title="Impossible de charger les établissements"
                error=error
                on_retry=move |_| data.dataset.refetch()
            />
        }
        .into_any(),
        Some(Ok(dataset)) => view! { <SchoolList dataset=dataset selected=selected.read_only() on_pick=pick/> }.into_any(),
    };

    view! {
        <div class="explorer" data-vue=move || phone_view.get().as_attr()>
            <section class="explorer-panel" id="vue-liste" aria-labelledby="titre-liste">
                <h1 id="titre-liste">"Lycées de la voie professionnelle"</h1>
                {panel}
            </section>
            <section class="explorer-map" id="vue-carte" aria-label="Carte">
                <SchoolMap
                    dataset=dataset
                    selected=selected
                    shown=Signal::derive(move || phone_view.get() == PhoneView::Map)
                />
            </section>
            <PhoneToggle view=phone_view/>
        </div>
    }
}

//! The explorer screen: the offers as a list beside the map of schools
//! (desktop), or one at a time with a toggle (phones).

mod phone_toggle;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::map::school_map::SchoolMap;
use crate::offers::offer_list::OfferList;
use crate::source::AppData;
use crate::ui::load_state::{LoadFailed, Loading};
use phone_toggle::{PhoneToggle, PhoneView};

#[component]
pub fn ExplorerPage() -> impl IntoView {
    let data = expect_context::<AppData>();
    let query = use_query_map();
    // `?ecole=<UAI>`: the school picked on the map, kept in the URL so a reload keeps it.
    let school = Signal::derive(move || query.read().get("ecole").filter(|uai| uai.len() == 8));
    let selected = RwSignal::new(school.get_untracked());
    let phone_view = RwSignal::new(PhoneView::Map);
    Effect::new(move |_| {
        let school = school.get();
        // On a phone, picking a school on the map turns to the list of its formations.
        if school.is_some() {
            phone_view.set(PhoneView::List);
        }
        selected.set(school);
    });
    let dataset = Signal::derive(move || data.loaded_dataset());

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
        Some(Ok(dataset)) => view! { <OfferList dataset=dataset school=school/> }.into_any(),
    };

    view! {
        <div class="explorer" data-vue=move || phone_view.get().as_attr()>
            <section class="explorer-panel" id="vue-liste" aria-labelledby="titre-liste">
                <h1 id="titre-liste">"Formations professionnelles"</h1>
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

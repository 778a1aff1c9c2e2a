//! The explorer screen: the offers as a list beside the map of schools
//! (desktop), or one at a time with a toggle (phones), where an offer's card
//! opens in a bottom sheet.

pub mod card_sheet;
mod phone_toggle;

use std::collections::HashSet;

use leptos::prelude::*;
use proxipro_explore::filters::{Reach, Visible};
use proxipro_isochrone::LatLon;
use proxipro_explore::sort::sort;

use crate::map::school_map::SchoolMap;
use crate::offers::offer_list::OfferList;
use crate::journey;
use crate::search::filter_panel::FilterPanel;
use crate::search::journey_panel::JourneyPanel;
use crate::source::AppData;
use crate::state::journeys::JourneyStore;
use crate::state::view::ViewStore;
use crate::ui::focus::{focus_first_shown, focus_is_in};
use crate::ui::load_state::{LoadFailed, Loading};
use card_sheet::CardSheet;
use phone_toggle::{PhoneToggle, PhoneView};

/// How long the map stays still before the grid for a higher budget is computed ahead.
const GRID_AHEAD_DELAY: std::time::Duration = std::time::Duration::from_millis(400);

#[component]
pub fn ExplorerPage() -> impl IntoView {
    let data = expect_context::<AppData>();
    let store = expect_context::<ViewStore>();
    let school = Memo::new(move |_| store.state.with(|s| s.filters.school.clone()));
    let selected = RwSignal::new(school.get_untracked());
    let highlighted = RwSignal::new(None::<String>);
    // A phone opens on the first step, « where from »: the list's panel, which holds the journey
    // form (and is what index.html paints before the app). A link with a start (a shared view)
    // opens on the map of what it reaches; a card open on arrival sits over the list.
    let (card_open, has_origin) = store.state.with_untracked(|s| (s.card.is_some(), s.origin.is_some()));
    let phone_view = RwSignal::new(if has_origin && !card_open { PhoneView::Map } else { PhoneView::List });
    Effect::new(move |_| {
        let school = school.get();
        // On a phone, picking a school on the map turns to the list of its formations; the focus,
        // left on the popup's link in the map now hidden, goes to the first of them.
        if school.is_some() {
            phone_view.set(PhoneView::List);
            if focus_is_in("#vue-carte") {
                focus_first_shown(vec![".offer-list > li:first-child > a".into(), "#titre-liste".into()]);
            }
        }
        selected.set(school);
    });

    let loaded = Memo::new(move |_| data.loaded());
    // What the polygons and the reach depend on; filters and sort change neither.
    let trip = Memo::new(move |_| store.state.with(journey::trip_key));
    // School times (shared with the card and the export); moving the slider only re-filters them.
    let journeys = expect_context::<JourneyStore>();
    let journey = journeys.journey;
    // New polygons on a new grid follow in the next task, so the list and markers answer a change
    // at once; contours on the grid already computed (a lower budget) are cheap enough to come with them.
    let bands_trip = RwSignal::new(None);
    let grids = StoredValue::new_local(journey::Grids::default());
    Effect::new(move |_| {
        let trip = trip.get();
        let cheap = trip.0.is_some_and(|origin| {
            let state = store.state.get_untracked();
            grids.with_value(|grids| grids.answers(&state, LatLon::new(origin.lat, origin.lon)))
        });
        if cheap {
            bands_trip.set(Some(trip));
        } else {
            set_timeout(move || bands_trip.set(Some(trip)), std::time::Duration::ZERO);
        }
    });
    let bands = Memo::new(move |_| {
        let routing = data.routing()?;
        let origin = bands_trip.get()?.0?;
        let state = store.state.get_untracked();
        let origin = LatLon::new(origin.lat, origin.lon);
        grids.try_update_value(|grids| crate::perf::measure("bands", || journey::bands(&routing, &state, origin, grids)))
    });
    // Once the polygons are drawn and the user pauses, the grid for a higher budget is computed
    // ahead, so that raising the slider is new contours only.
    let ahead = StoredValue::new_local(None::<TimeoutHandle>);
    let cancel_ahead = move || {
        if let Some(pending) = ahead.try_update_value(Option::take).flatten() {
            pending.clear();
        }
    };
    Effect::new(move |_| {
        bands.track();
        cancel_ahead();
        let compute = move || {
            let (Some(routing), Some(origin)) = (untrack(|| data.routing()), store.state.with_untracked(|s| s.origin)) else { return };
            let state = store.state.get_untracked();
            grids.try_update_value(|grids| {
                crate::perf::measure("bandsAhead", || journey::grid_ahead(&routing, &state, LatLon::new(origin.lat, origin.lon), grids))
            });
        };
        ahead.set_value(set_timeout_with_handle(compute, GRID_AHEAD_DELAY).ok());
    });
    // Leaving the explorer during the pause drops the work meant for it.
    on_cleanup(cancel_ahead);
    // What the journey panel says: the times' notes and the polygons' notes (unchanged by most slider steps).
    let journey_notes = Memo::new(move |_| {
        let mut notes = journey.with(|j| j.as_ref().map(|j| j.notes.clone()).unwrap_or_default());
        notes.extend(bands.with(|b| b.as_ref().map(|b| b.notes.clone()).unwrap_or_default()));
        notes
    });
    let reach = Memo::new(move |_| {
        journey.with(|j| j.as_ref().map(|j| Reach { minutes: j.minutes(), budget: trip.with(|t| t.2) }))
    });
    // The view without the open card: opening one must not redo (and redraw) the list.
    let list_view = Memo::new(move |_| {
        let mut state = store.state.get();
        state.card = None;
        state
    });
    // Filtering and sorting, redone when the data or the view changes.
    let result = Memo::new(move |_| {
        let loaded = loaded.get()?;
        let state = list_view.get();
        reach.with(|reach| {
            let mut outcome = crate::perf::measure("filter", || {
                state.filters.apply(&loaded.dataset, &loaded.catalog, reach.as_ref())
            });
            sort(&mut outcome.visible, state.sort, &loaded.dataset, &loaded.catalog, reach.as_ref());
            Some(outcome)
        })
    });
    // Memos, not derived signals: read by every row and checkbox, copied once per result,
    // and an unchanged part (the same offers after a slider step) wakes nothing up.
    let visible = Memo::new(move |_| result.with(|r| r.as_ref().map(|r| r.visible.clone()).unwrap_or_default()));
    let facets = Memo::new(move |_| result.with(|r| r.as_ref().map(|r| r.facets.clone()).unwrap_or_default()));
    let travel = Memo::new(move |_| journey.with(|j| j.as_ref().map(|j| j.schools.clone()).unwrap_or_default()));
    let visible_schools = Memo::new(move |_| {
        let loaded = loaded.get();
        visible.with(|visible: &Vec<Visible>| {
            loaded.map_or_else(HashSet::new, |l| visible.iter().map(|v| l.dataset.offers[v.index].uai.clone()).collect())
        })
    });

    // Without it, every school would look in reach from the starting point.
    let map_status = move || match data.routing.get() {
        _ if journeys.waiting.get() => Some(("Calcul des trajets…", true)),
        _ if trip.with(|t| t.0.is_none()) => None,
        Some(Err(_)) => Some(("Trajets non disponibles pour le moment", false)),
        Some(Ok(None)) => Some(("Trajets non disponibles pour cette région", false)),
        _ => None,
    };
    // The journey and filter panels are built once the data is there, and stay through reloads
    // (a retry of a partial API list): what is being typed or dragged in them is kept.
    let is_loaded = Memo::new(move |_| data.dataset.with(|d| matches!(d, Some(Ok(_)))));
    let panel = move || {
        if is_loaded.get() {
            let list = move || {
                data.loaded().map(|loaded| {
                    view! {
                        <OfferList
                            loaded=loaded
                            visible=visible
                            school=school
                            highlighted=highlighted
                            travel=travel
                            waiting=journeys.waiting
                            budget=Signal::derive(move || trip.with(|t| t.2))
                            on_all_schools=move |_| store.update(|s| s.filters.school = None)
                        />
                    }
                })
            };
            return view! {
                <JourneyPanel notes=journey_notes/>
                <FilterPanel facets=facets/>
                {list}
            }
            .into_any();
        }
        match data.dataset.get() {
            Some(Err(error)) => view! {
                <LoadFailed
                    title="Impossible de charger les formations"
                    error=error
                    on_retry=move |_| data.dataset.refetch()
                />
            }
            .into_any(),
            _ => view! { <Loading message="Chargement des formations…"/> }.into_any(),
        }
    };

    view! {
        <div class="explorer" data-vue=move || phone_view.get().as_attr()>
            <section class="explorer-panel" id="vue-liste" aria-labelledby="titre-liste">
                <h1 id="titre-liste" tabindex="-1">"Formations professionnelles"</h1>
                {panel}
            </section>
            <section class="explorer-map" id="vue-carte" aria-label="Carte">
                // The phone's map view, where the journey panel (and its status) is not shown:
                // screen readers hear it there, and only there (elsewhere the panel says the same).
                <p
                    class="map-status"
                    role="status"
                    aria-hidden=move || (!(phone_view.get() == PhoneView::Map && card_sheet::is_phone_layout())).to_string()
                    class:is-empty=move || map_status().is_none()
                >
                    {move || map_status().map(|(text, busy)| view! {
                        {busy.then(|| view! { <span class="spinner"></span> })}
                        {text}
                    })}
                </p>
                <SchoolMap
                    dataset=Signal::derive(move || loaded.get().map(|l| l.dataset))
                    selected=selected
                    highlighted=highlighted
                    visible_schools=visible_schools
                    origin=Signal::derive(move || trip.with(|t| t.0))
                    bands=Signal::derive(move || bands.with(|b| b.as_ref().map(|b| (b.from, b.bands.clone())).unwrap_or_default()))
                    on_pick_origin=move |point: (f64, f64)| store.update(|s| s.origin = Some(proxipro_model::LatLon { lat: point.0, lon: point.1 }))
                    shown=Signal::derive(move || phone_view.get() == PhoneView::Map)
                    school_link=move |uai: String| {
                        let mut state = store.state.get_untracked();
                        state.filters.school = Some(uai);
                        state.card = None;
                        store.url("/", &state)
                    }
                />
            </section>
            <PhoneToggle view=phone_view/>
            <CardSheet/>
        </div>
    }
}

//! The filtered offers beside the map, each with the figures that matter most.
//! Long lists come in pages so the page stays fast with thousands of offers.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use proxipro_explore::filters::{shown_minutes, Filters, Visible};
use proxipro_explore::url_state::BUDGET_RANGE;
use proxipro_explore::ViewState;
use proxipro_model::{Dataset, Offer};

use crate::explorer::card_sheet::wants_sheet;
use crate::journey::Reached;
use crate::state::journeys::JourneyStore;
use crate::source::Loaded;
use crate::state::view::{card_path, ListRows, ViewStore};
use crate::ui::focus::focus_first_shown;
use proxipro_explore::format::{decimal, headline};

const PAGE: usize = 50;

#[component]
pub fn OfferList(
    loaded: Loaded,
    #[prop(into)] visible: Signal<Vec<Visible>>,
    /// The school picked on the map, if any.
    #[prop(into)]
    school: Signal<Option<String>>,
    /// UAI of the school whose offer the pointer or focus is on; the map highlights it.
    highlighted: RwSignal<Option<String>>,
    /// How each school is reached from the chosen origin (empty until one is chosen).
    #[prop(into)]
    travel: Signal<HashMap<String, Reached>>,
    /// A starting point is chosen and its travel times are still on their way.
    #[prop(into)]
    waiting: Signal<bool>,
    /// Minutes; schools beyond it appear only for their boarding house.
    #[prop(into)]
    budget: Signal<u32>,
    /// Drops the school choice.
    #[prop(into)]
    on_all_schools: Callback<()>,
) -> impl IntoView {
    let store = expect_context::<ViewStore>();
    // The result this list shows: these formations, this view (an open card changes nothing).
    let formations = Arc::as_ptr(&loaded.dataset) as usize;
    let result_now = move || ListRows {
        formations,
        view: store.state.with_untracked(|s| ViewState { card: None, ..s.clone() }),
        rows: PAGE,
    };
    // Back on the result it last showed (from a card's page), the list is as long as it was.
    let kept = store.list_rows.get_value().filter(|kept| ListRows { rows: kept.rows, ..result_now() } == *kept);
    let shown = RwSignal::new(kept.map_or(PAGE, |kept| kept.rows));
    // A new result starts again from its first page.
    Effect::new(move |opened: Option<()>| {
        visible.track();
        if opened.is_some() {
            shown.set(PAGE);
        }
    });
    Effect::new(move |_| {
        let rows = shown.get();
        visible.track();
        store.list_rows.set_value(Some(ListRows { rows, ..result_now() }));
    });
    let dataset = loaded.dataset.clone();
    let school_name = {
        let dataset = dataset.clone();
        Memo::new(move |_| school.get().and_then(|uai| dataset.school(&uai).map(|s| s.name.clone())))
    };
    // Only the text changes with the result; the header itself is built once.
    let count = {
        let region = dataset.region.name.clone();
        move || {
            let total = visible.with(Vec::len);
            let place = school_name.with(|name| match name {
                _ if total == 0 => String::new(),
                Some(name) => format!(" à {name}"),
                None => format!(" en {region}"),
            });
            let count = match total {
                0 => "Aucune formation ne correspond à ces critères.".to_string(),
                1 => format!("1 formation{place}"),
                n => format!("{n} formations{place}"),
            };
            // Until the times are in, the list is not yet cut to the travel time.
            if waiting.get() && total > 0 { format!("{count} · calcul des trajets…") } else { count }
        }
    };
    let header = view! {
        <div class="list-header">
            <p class="list-count" role="status">{count}</p>
            {move || school_name.with(Option::is_some).then(|| view! {
                <button type="button" class="chip" on:click=move |_| on_all_schools.run(())>
                    "Toutes les formations"
                </button>
            })}
        </div>
    };
    // Rows are keyed by offer and travel line: a filter change keeps the rows that stay and builds only the new ones.
    let row_data = dataset.clone();
    let rows = move || {
        let limit = shown.get();
        let budget = budget.get();
        travel.with(|travel| {
            visible.with(|visible| {
                // After a reload this list, built for the previous formations, may see the new
                // result (and new times) just before it is replaced: indices it lacks are skipped.
                visible
                    .iter()
                    .take(limit)
                    .filter_map(|v| {
                        let offer = dataset.offers.get(v.index)?;
                        Some((v.index, trip_line(travel.get(&offer.uai), v.beyond_budget, budget)))
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let items = view! {
        <For each=rows key=|row| row.clone() let((index, trip))>
            {offer_item(&row_data, &row_data.offers[index], trip, highlighted)}
        </For>
    };
    // One set of listeners on the list instead of five per row: rows are cheap to build when a filter changes.
    // A link focused without a ring (after a tap) may still be copied by a long press.
    let refresh = move |event: &web_sys::Event| {
        if let Some(item) = item_of(event.target()) {
            refresh_link(&item, store);
        }
    };
    let hover = move |event: &web_sys::Event| {
        if let Some(item) = item_of(event.target()) {
            refresh_link(&item, store);
            let uai = item.get_attribute("data-uai");
            if highlighted.with_untracked(|h| *h != uai) {
                highlighted.set(uai);
            }
        }
    };
    // Leaving a row for something that is not the same row drops its highlight.
    let leave = move |event: &web_sys::Event, to: Option<web_sys::EventTarget>| {
        let from = item_of(event.target()).and_then(|item| item.get_attribute("data-uai"));
        let to = item_of(to).and_then(|item| item.get_attribute("data-uai"));
        if from.is_some() && from != to && highlighted.with_untracked(|h| *h == from) {
            highlighted.set(None);
        }
    };
    let open = move |event: web_sys::MouseEvent| {
        let Some(item) = item_of(event.target()) else { return };
        refresh_link(&item, store);
        // On a phone the card opens in a sheet over the list; elsewhere the link goes to its page.
        let Some(id) = item.get_attribute("data-offer") else { return };
        if wants_sheet(&event) {
            event.prevent_default();
            store.open_card(&id);
        } else {
            store.card_opened_from_list.set_value(Some(id));
        }
    };
    let more = move || {
        let (total, limit) = (visible.with(Vec::len), shown.get());
        (total > limit).then(|| view! {
            <button type="button" class="button button-secondary more" on:click=move |_| {
                shown.update(|n| *n += PAGE);
                // The button moves down (or goes): the focus goes to the first of the new rows.
                focus_first_shown(vec![format!(".offer-list > li:nth-child({}) > a", limit + 1)]);
            }>
                {format!("Afficher {} de plus ({limit} affichées sur {total})", proxipro_explore::format::count(PAGE.min(total - limit) as u32, "formation", "formations"))}
            </button>
        })
    };
    view! {
        {header}
        <ul
            class="offer-list"
            // A tap is neither: it would leave its row highlighted under the card it opens.
            on:mouseover=move |event| if !crate::ui::pointer::is_touch() { hover(&event) }
            on:focusin=move |event| if focus_is_visible(&event) { hover(&event) } else { refresh(&event) }
            on:mouseout=move |event| leave(&event, event.related_target())
            on:focusout=move |event| leave(&event, event.related_target())
            on:click=open
        >
            {items}
        </ul>
        {more}
        {ways_to_more(store, visible, school, travel, waiting)}
    }
}

/// Under an empty list, the changes that would fill it: a longer trip, boarding schools
/// farther away, no filters; only those that apply. None under one school picked on the map
/// (the header offers all of them again).
fn ways_to_more(
    store: ViewStore,
    visible: Signal<Vec<Visible>>,
    school: Signal<Option<String>>,
    travel: Signal<HashMap<String, Reached>>,
    waiting: Signal<bool>,
) -> impl IntoView {
    let journeys = use_context::<JourneyStore>();
    // Built again only when what it offers changes, not at every change of the view.
    let offers = Memo::new(move |_| {
        if !visible.with(Vec::is_empty) || waiting.get() || school.with(Option::is_some) {
            return None;
        }
        // The list is cut to the trip only once times are computed for this start (none are
        // without a network): then boarding schools farther away can fill it, and a longer
        // trip too if some school is reached within the longest trip looked for.
        let timed = journeys.is_some_and(|journeys| journeys.journey.with(Option::is_some));
        let (budget, boarding, filtered) = store.state.with(|s| (s.budget, s.filters.boarding, s.filters.any()));
        let some_reached = !travel.with(HashMap::is_empty);
        let longer = (timed && some_reached && budget < *BUDGET_RANGE.end()).then(|| (budget + 15).min(*BUDGET_RANGE.end()));
        let boarding = timed && !boarding;
        (longer.is_some() || boarding || filtered).then_some((longer, boarding, filtered))
    });
    // The button pressed goes with the block it was in: the focus goes to what replaces it.
    let then_focus = || focus_first_shown(vec![".offer-list > li:first-child > a".into(), ".empty-help button".into()]);
    move || {
        offers.get().map(|(longer, boarding, filtered)| {
            view! {
                <div class="empty-help">
                    <p>"Pour en voir davantage :"</p>
                    <ul>
                        {longer.map(|minutes| view! {
                            <li><button type="button" class="button button-secondary" on:click=move |_| { store.update(|s| s.budget = minutes); then_focus(); }>
                                {format!("Porter le temps de trajet maximal à {minutes}\u{a0}min")}
                            </button></li>
                        })}
                        {boarding.then(|| view! {
                            <li><button type="button" class="button button-secondary" on:click=move |_| { store.update(|s| s.filters.boarding = true); then_focus(); }>
                                "Voir les établissements avec internat, même plus loin"
                            </button></li>
                        })}
                        {filtered.then(|| view! {
                            <li><button type="button" class="button button-secondary" on:click=move |_| { store.update(|s| s.filters = Filters::default()); then_focus(); }>
                                "Retirer tous les filtres"
                            </button></li>
                        })}
                    </ul>
                </div>
            }
        })
    }
}

/// "≈ 27 min · ligne C4 + 6 min à pied", or why the school shows beyond the budget.
fn trip_line(reached: Option<&Reached>, beyond_budget: bool, budget: u32) -> Option<(String, bool)> {
    match (reached, beyond_budget) {
        (_, true) => Some((
            match reached {
                Some(r) => format!("Internat · ≈ {} min, au-delà de {budget} min", shown_minutes(r.minutes)),
                None => format!("Internat · au-delà de {budget} min"),
            },
            true,
        )),
        (Some(r), false) => Some((r.summary(), false)),
        (None, false) => None,
    }
}

/// The offer row an event happened in.
fn item_of(target: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    target?.dyn_into::<web_sys::Element>().ok()?.closest("a.offer-item").ok()?
}

/// Whether the focus an event brought shows as a ring (keyboard), not a tap's or a click's.
fn focus_is_visible(event: &web_sys::FocusEvent) -> bool {
    let target = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    target.is_some_and(|element| element.matches(":focus-visible").unwrap_or(true))
}

/// The card's address carries the view of the moment the link is followed, not the one it was built in.
fn refresh_link(item: &web_sys::Element, store: ViewStore) {
    if let Some(id) = item.get_attribute("data-offer") {
        let _ = item.set_attribute("href", &store.card_link(&id));
    }
}

fn offer_item(dataset: &Dataset, offer: &Offer, trip: Option<(String, bool)>, highlighted: RwSignal<Option<String>>) -> impl IntoView {
    let uai = offer.uai.clone();
    let is_highlighted = move || highlighted.with(|h| h.as_deref() == Some(uai.as_str()));
    let school = dataset.school(&offer.uai);
    let title = dataset.offer_title(offer);
    let where_ = school.map(|s| format!("{} · {}", s.name, s.address.commune)).unwrap_or_default();
    let pressure = offer.access.pressure.get().map(|p| {
        let level = offer.access.pressure_level().map(|l| l.label()).unwrap_or_default();
        format!("Pression {} · {level}", decimal(p, 2))
    });
    // Said even when missing: an empty place would read as « nothing to worry about ».
    let employment = {
        let rate = dataset.headline_rate(offer, |o| o.employment.get());
        let level = dataset.own_outcomes(offer).and_then(|o| o.employment_benchmark.as_ref()).map(|b| b.level.label().to_ascii_lowercase());
        let level = rate.and(level).map(|level| format!(" · {level}")).unwrap_or_default();
        Some(format!("Emploi à 6 mois en région : {}{level}", headline(rate)))
    };
    let warning = dataset.has_no_prospects(offer);
    view! {
        <li>
            <a
                class="offer-item"
                class:is-highlighted=is_highlighted
                // The view is added when the link is hovered, focused or followed (refresh_link).
                href=card_path(&offer.id)
                data-offer=offer.id.clone()
                data-uai=offer.uai.clone()
            >
                // After the title, so that a list of links reads as formations; shown first (CSS `order`).
                <span class="offer-title">{title}</span>
                {trip.map(|(text, beyond)| view! { <span class="offer-trip" class:beyond=beyond>{text}</span> })}
                <span class="offer-school">{where_}</span>
                <span class="offer-figures">
                    {pressure.map(|text| view! { <span>{text}</span> })}
                    {employment.map(|text| view! { <span>{text}</span> })}
                </span>
                {warning.then(|| view! { <span class="warning-badge">"Peu de débouchés"</span> })}
            </a>
        </li>
    }
}

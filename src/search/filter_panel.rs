//! Filters with live counts, a summary of the active ones, and a reset.

use std::time::Duration;

use leptos::prelude::*;
use proxipro_explore::filters::Facets;
use proxipro_explore::url_state::EMPLOYMENT_THRESHOLDS;
use proxipro_explore::{Filters, NoProspectsMode, SortKey, ViewState};
use proxipro_model::{Diploma, Route};

use crate::source::AppData;
use crate::state::view::ViewStore;
use crate::ui::focus::focus_first_shown;

/// Typing settles for this long before the list follows.
const TYPING_PAUSE: Duration = Duration::from_millis(250);

#[component]
pub fn FilterPanel(#[prop(into)] facets: Signal<Facets>) -> impl IntoView {
    let store = expect_context::<ViewStore>();
    let filters = Memo::new(move |_| store.state.with(|s| s.filters.clone()));
    // Each box is built once; a change only updates its count and tick.
    let diplomas = Memo::new(move |_| {
        let mut diplomas: Vec<Diploma> = facets.with(|f| f.diplomas.keys().copied().collect());
        filters.with(|f| diplomas.extend(f.diplomas.iter().copied()));
        diplomas.sort_unstable();
        diplomas.dedup();
        diplomas
    });
    let criterion = |label: &'static str, count: fn(&Facets) -> usize, checked: fn(&Filters) -> bool, set: fn(&mut Filters, bool)| {
        view! {
            <Check
                label=label
                count=Memo::new(move |_| facets.with(count))
                checked=Memo::new(move |_| filters.with(checked))
                on_toggle=move |on| store.update(|s| set(&mut s.filters, on))
            />
        }
    };

    view! {
        <form class="filters" role="search" aria-label="Filtrer les formations" on:submit=|event| event.prevent_default()>
            <SearchBox/>
            <details class="filters-box" open>
                <summary>"Filtres"</summary>
                <fieldset>
                    <legend>"Diplôme"</legend>
                    <For each=move || diplomas.get() key=|diploma| *diploma let(diploma)>
                        <Check
                            label=diploma.label()
                            count=Memo::new(move |_| facets.with(|f| f.diplomas.get(&diploma).copied().unwrap_or(0)))
                            checked=Memo::new(move |_| filters.with(|f| f.diplomas.contains(&diploma)))
                            on_toggle=move |on| store.update(|s| toggle(&mut s.filters.diplomas, diploma, on))
                        />
                    </For>
                </fieldset>
                <fieldset>
                    <legend>"Voie"</legend>
                    {[Route::Scolaire, Route::Apprentissage]
                        .into_iter()
                        .map(|route| view! {
                            <Check
                                label=route.label()
                                count=Memo::new(move |_| facets.with(|f| f.routes.get(&route).copied().unwrap_or(0)))
                                checked=Memo::new(move |_| filters.with(|f| f.routes.contains(&route)))
                                on_toggle=move |on| store.update(|s| toggle(&mut s.filters.routes, route, on))
                            />
                        })
                        .collect_view()}
                </fieldset>
                <fieldset>
                    <legend>"Critères"</legend>
                    {criterion(
                        "Avec internat (même au-delà du temps de trajet)",
                        |c| c.boarding,
                        |f| f.boarding,
                        |f, on| f.boarding = on,
                    )}
                    {criterion(
                        "Bons débouchés (emploi très favorable)",
                        |c| c.good_prospects,
                        |f| f.good_prospects,
                        |f, on| f.good_prospects = on,
                    )}
                    {criterion("Admission facile (pression ≤ 1)", |c| c.low_pressure, |f| f.low_pressure, |f, on| f.low_pressure = on)}
                    {criterion(
                        "Masquer les formations à peu de débouchés",
                        |c| c.no_prospects,
                        |f| f.no_prospects == NoProspectsMode::Hide,
                        |f, on| f.no_prospects = if on { NoProspectsMode::Hide } else { NoProspectsMode::Flag },
                    )}
                    <MinimumRate/>
                </fieldset>
                <FieldChoice facets=facets/>
            </details>
            <SortChoice/>
            <ActiveFilters/>
        </form>
    }
}

fn toggle<T: Ord>(set: &mut std::collections::BTreeSet<T>, value: T, on: bool) {
    if on {
        set.insert(value);
    } else {
        set.remove(&value);
    }
}

#[component]
fn Check(
    #[prop(into)] label: String,
    #[prop(into)] count: Signal<usize>,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] on_toggle: Callback<bool>,
) -> impl IntoView {
    view! {
        <label class="check" class:empty=move || count.get() == 0 && !checked.get()>
            <input
                type="checkbox"
                prop:checked=checked
                on:change=move |event| on_toggle.run(event_target_checked(&event))
            />
            <span>{label}</span>
            <span class="count" aria-label=move || proxipro_explore::format::count(count.get() as u32, "formation", "formations")>{count}</span>
        </label>
    }
}

#[component]
fn SearchBox() -> impl IntoView {
    let store = expect_context::<ViewStore>();
    let text = RwSignal::new(store.state.get_untracked().filters.text);
    let pending = StoredValue::new(0u32);
    // Follow the address when its text changes from elsewhere (reset, chip, back button); other
    // changes of the view leave what is being typed alone. A text still waiting to be applied is dropped.
    let from_url = Memo::new(move |_| store.state.with(|s| s.filters.text.clone()));
    Effect::new(move |_| {
        let from_url = from_url.get();
        if from_url != text.get_untracked() {
            pending.update_value(|ticket| *ticket = ticket.wrapping_add(1));
            text.set(from_url);
        }
    });
    let on_input = move |event| {
        let value = event_target_value(&event);
        text.set(value.clone());
        let ticket = pending.get_value().wrapping_add(1);
        pending.set_value(ticket);
        set_timeout(
            move || {
                // `try_`: the box may have left the page during the pause.
                if pending.try_get_value() == Some(ticket) {
                    store.update(|s| s.filters.text = value);
                }
            },
            TYPING_PAUSE,
        );
    };
    view! {
        <label class="search-label" for="recherche">"Formation, métier, établissement ou commune"</label>
        <input
            id="recherche"
            class="search-input"
            type="search"
            autocomplete="off"
            placeholder="ex. cuisine, électricien, Vitré"
            prop:value=move || text.get()
            on:input=on_input
        />
    }
}

#[component]
fn MinimumRate() -> impl IntoView {
    let store = expect_context::<ViewStore>();
    let current = move || store.state.with(|s| s.filters.min_employment.map_or(String::new(), |v| v.to_string()));
    view! {
        <label class="select-label">
            "Taux d'emploi minimal (région)"
            <select
                prop:value=current
                on:change=move |event| {
                    let value = event_target_value(&event).parse().ok();
                    store.update(|s| s.filters.min_employment = value);
                }
            >
                <option value="">"Aucun"</option>
                {EMPLOYMENT_THRESHOLDS.map(|v| view! { <option value=v.to_string()>{format!("{v}\u{202f}%")}</option> })}
            </select>
        </label>
    }
}

#[component]
fn FieldChoice(#[prop(into)] facets: Signal<Facets>) -> impl IntoView {
    let store = expect_context::<ViewStore>();
    let fields = Memo::new(move |_| {
        let mut fields: Vec<String> = facets.with(|f| f.fields.keys().cloned().collect());
        store.state.with(|s| fields.extend(s.filters.fields.iter().cloned()));
        fields.sort_unstable();
        fields.dedup();
        fields
    });
    view! {
        <details class="field-choice">
            <summary>
                "Domaine"
                {move || {
                    let n = store.state.with(|s| s.filters.fields.len());
                    (n > 0).then(|| format!(" ({n} choisi{})", if n > 1 { "s" } else { "" }))
                }}
            </summary>
            <For each=move || fields.get() key=|field| field.clone() let(field)>
                <Check
                    label=field.clone()
                    count={
                        let field = field.clone();
                        Memo::new(move |_| facets.with(|f| f.fields.get(&field).copied().unwrap_or(0)))
                    }
                    checked={
                        let field = field.clone();
                        Memo::new(move |_| store.state.with(|s| s.filters.fields.contains(&field)))
                    }
                    on_toggle=move |on| {
                        let field = field.clone();
                        store.update(move |s| toggle(&mut s.filters.fields, field, on))
                    }
                />
            </For>
        </details>
    }
}

#[component]
fn SortChoice() -> impl IntoView {
    let store = expect_context::<ViewStore>();
    view! {
        <label class="select-label sort-choice">
            "Trier par"
            <select
                prop:value=move || store.state.with(|s| s.sort.code())
                on:change=move |event| {
                    if let Some(sort) = SortKey::from_code(&event_target_value(&event)) {
                        store.update(|s| s.sort = sort);
                    }
                }
            >
                {SortKey::ALL.into_iter().map(|key| view! { <option value=key.code()>{key.label()}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// The active filters as removable chips, and a reset.
#[component]
fn ActiveFilters() -> impl IntoView {
    let store = expect_context::<ViewStore>();
    let data = expect_context::<AppData>();
    // Rebuilt only when the chips change, not on every change of the view.
    let chips = Memo::new(move |_| {
        let loaded = data.loaded();
        let school_name = |uai: &str| loaded.as_ref().and_then(|l| l.dataset.school(uai)).map(|school| school.name.clone());
        store.state.with(|s| active(&s.filters, school_name))
    });
    move || {
        let chips = chips.get();
        (!chips.is_empty()).then(|| {
            view! {
                <div class="active-filters" aria-label="Filtres actifs">
                    <ul>
                        {chips
                            .into_iter()
                            .enumerate()
                            .map(|(index, (label, clear))| view! {
                                <li>
                                    <button
                                        type="button"
                                        class="chip"
                                        on:click=move |_| {
                                            store.update(|s| clear(&mut s.filters));
                                            focus_after_removal(Some(index));
                                        }
                                    >
                                        {label}<span class="visually-hidden">" : retirer ce filtre"</span>
                                    </button>
                                </li>
                            })
                            .collect_view()}
                    </ul>
                    <button
                        type="button"
                        class="link-button"
                        on:click=move |_| {
                            store.update(reset);
                            focus_after_removal(None);
                        }
                    >
                        "Tout réinitialiser"
                    </button>
                </div>
            }
        })
    }
}

/// The chips are rebuilt without the one that had the focus: it goes to the chip now in
/// that place, else the last one, else the search field, never back to the page's start.
fn focus_after_removal(index: Option<usize>) {
    let mut candidates: Vec<String> = index.map(|i| format!(".active-filters li:nth-child({}) .chip", i + 1)).into_iter().collect();
    candidates.extend([".active-filters li:last-child .chip".to_string(), "#recherche".to_string()]);
    focus_first_shown(candidates);
}

fn reset(state: &mut ViewState) {
    state.filters = Filters::default();
}

type Clear = fn(&mut Filters);

fn active(filters: &Filters, school_name: impl Fn(&str) -> Option<String>) -> Vec<(String, Clear)> {
    let mut chips: Vec<(String, Clear)> = Vec::new();
    // Spaces or punctuation alone filter nothing (no word to search for), so they make no chip.
    let text = filters.text.trim();
    if !proxipro_explore::search::query_words(text).is_empty() {
        chips.push((format!("« {text} »"), |f| f.text.clear()));
    }
    if !filters.diplomas.is_empty() {
        let names: Vec<&str> = filters.diplomas.iter().map(|d| d.label()).collect();
        chips.push((names.join(" ou "), |f| f.diplomas.clear()));
    }
    if !filters.routes.is_empty() {
        let names: Vec<&str> = filters.routes.iter().map(|r| r.label()).collect();
        chips.push((names.join(" ou "), |f| f.routes.clear()));
    }
    if !filters.fields.is_empty() {
        chips.push((format!("Domaine : {}", filters.fields.iter().cloned().collect::<Vec<_>>().join(", ")), |f| f.fields.clear()));
    }
    if filters.boarding {
        chips.push(("Avec internat".into(), |f| f.boarding = false));
    }
    if filters.good_prospects {
        chips.push(("Bons débouchés".into(), |f| f.good_prospects = false));
    }
    if filters.low_pressure {
        chips.push(("Admission facile".into(), |f| f.low_pressure = false));
    }
    if filters.no_prospects == NoProspectsMode::Hide {
        chips.push(("Sans « peu de débouchés »".into(), |f| f.no_prospects = NoProspectsMode::Flag));
    }
    if let Some(min) = filters.min_employment {
        chips.push((format!("Emploi ≥ {min}\u{202f}%"), |f| f.min_employment = None));
    }
    if filters.min_further_study.is_some() {
        chips.push(("Poursuite d'études minimale".into(), |f| f.min_further_study = None));
    }
    if filters.max_pressure.is_some() {
        chips.push(("Pression maximale".into(), |f| f.max_pressure = None));
    }
    if let Some(school) = &filters.school {
        let name = school_name(school).unwrap_or_else(|| "établissement inconnu".into());
        chips.push((format!("Établissement : {name}"), |f| f.school = None));
    }
    chips
}

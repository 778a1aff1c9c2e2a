//! Filters with live counts, a summary of the active ones, and a reset.

use std::time::Duration;

use leptos::prelude::*;
use proxipro_explore::filters::Facets;
use proxipro_explore::{Filters, NoProspectsMode, SortKey, ViewState};
use proxipro_model::{Diploma, Route};

use crate::state::view::ViewStore;

/// Typing settles for this long before the list follows.
const TYPING_PAUSE: Duration = Duration::from_millis(250);

#[component]
pub fn FilterPanel(#[prop(into)] facets: Signal<Facets>) -> impl IntoView {
    let store = expect_context::<ViewStore>();
    let filters = Memo::new(move |_| store.state.with(|s| s.filters.clone()));

    view! {
        <form class="filters" role="search" aria-label="Filtrer les formations" on:submit=|event| event.prevent_default()>
            <SearchBox/>
            <details class="filters-box" open>
                <summary>"Filtres"</summary>
                <fieldset>
                    <legend>"Diplôme"</legend>
                    {move || {
                        let counts = facets.with(|f| f.diplomas.clone());
                        let chosen = filters.with(|f| f.diplomas.clone());
                        let mut diplomas: Vec<Diploma> = counts.keys().copied().chain(chosen.iter().copied()).collect();
                        diplomas.sort_unstable();
                        diplomas.dedup();
                        diplomas
                            .into_iter()
                            .map(|diploma| {
                                let count = counts.get(&diploma).copied().unwrap_or(0);
                                let checked = chosen.contains(&diploma);
                                view! {
                                    <Check
                                        label=diploma.label()
                                        count=count
                                        checked=checked
                                        on_toggle=move |on| store.update(|s| toggle(&mut s.filters.diplomas, diploma, on))
                                    />
                                }
                            })
                            .collect_view()
                    }}
                </fieldset>
                <fieldset>
                    <legend>"Voie"</legend>
                    {move || {
                        let counts = facets.with(|f| f.routes.clone());
                        let chosen = filters.with(|f| f.routes.clone());
                        [Route::Scolaire, Route::Apprentissage]
                            .into_iter()
                            .map(|route| {
                                view! {
                                    <Check
                                        label=route.label()
                                        count=counts.get(&route).copied().unwrap_or(0)
                                        checked=chosen.contains(&route)
                                        on_toggle=move |on| store.update(|s| toggle(&mut s.filters.routes, route, on))
                                    />
                                }
                            })
                            .collect_view()
                    }}
                </fieldset>
                <fieldset>
                    <legend>"Critères"</legend>
                    {move || {
                        let (f, c) = (filters.get(), facets.get());
                        view! {
                            <Check
                                label="Avec internat (même au-delà du temps de trajet)"
                                count=c.boarding
                                checked=f.boarding
                                on_toggle=move |on| store.update(|s| s.filters.boarding = on)
                            />
                            <Check
                                label="Bons débouchés (emploi très favorable)"
                                count=c.good_prospects
                                checked=f.good_prospects
                                on_toggle=move |on| store.update(|s| s.filters.good_prospects = on)
                            />
                            <Check
                                label="Admission facile (pression ≤ 1)"
                                count=c.low_pressure
                                checked=f.low_pressure
                                on_toggle=move |on| store.update(|s| s.filters.low_pressure = on)
                            />
                            <Check
                                label="Masquer les formations à peu de débouchés"
                                count=c.no_prospects
                                checked=f.no_prospects == NoProspectsMode::Hide
                                on_toggle=move |on| store.update(|s| {
                                    s.filters.no_prospects = if on { NoProspectsMode::Hide } else { NoProspectsMode::Flag }
                                })
                            />
                        }
                    }}
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
    count: usize,
    checked: bool,
    #[prop(into)] on_toggle: Callback<bool>,
) -> impl IntoView {
    view! {
        <label class="check" class:empty=count == 0 && !checked>
            <input
                type="checkbox"
                prop:checked=checked
                on:change=move |event| on_toggle.run(event_target_checked(&event))
            />
            <span>{label}</span>
            <span class="count" aria-label=format!("{count} formations")>{count}</span>
        </label>
    }
}

#[component]
fn SearchBox() -> impl IntoView {
    let store = expect_context::<ViewStore>();
    let text = RwSignal::new(store.state.get_untracked().filters.text);
    // Follow the address when it changes from elsewhere (reset, back button).
    Effect::new(move |_| {
        let from_url = store.state.with(|s| s.filters.text.clone());
        if from_url != text.get_untracked() {
            text.set(from_url);
        }
    });
    let pending = StoredValue::new(0u32);
    let on_input = move |event| {
        let value = event_target_value(&event);
        text.set(value.clone());
        let ticket = pending.get_value().wrapping_add(1);
        pending.set_value(ticket);
        set_timeout(
            move || {
                if pending.get_value() == ticket {
                    store.update(|s| s.filters.text = value);
                }
            },
            TYPING_PAUSE,
        );
    };
    view! {
        <label class="search-label" for="recherche">"Formation, métier, lycée ou commune"</label>
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
                <option value="30">"30 %"</option>
                <option value="50">"50 %"</option>
                <option value="70">"70 %"</option>
            </select>
        </label>
    }
}

#[component]
fn FieldChoice(#[prop(into)] facets: Signal<Facets>) -> impl IntoView {
    let store = expect_context::<ViewStore>();
    view! {
        <details class="field-choice">
            <summary>
                "Domaine"
                {move || {
                    let n = store.state.with(|s| s.filters.fields.len());
                    (n > 0).then(|| format!(" ({n} choisi{})", if n > 1 { "s" } else { "" }))
                }}
            </summary>
            {move || {
                let counts = facets.with(|f| f.fields.clone());
                let chosen = store.state.with(|s| s.filters.fields.clone());
                let mut fields: Vec<String> = counts.keys().cloned().chain(chosen.iter().cloned()).collect();
                fields.sort_unstable();
                fields.dedup();
                fields
                    .into_iter()
                    .map(|field| {
                        let count = counts.get(&field).copied().unwrap_or(0);
                        let checked = chosen.contains(&field);
                        view! {
                            <Check
                                label=field.clone()
                                count=count
                                checked=checked
                                on_toggle=move |on| {
                                    let field = field.clone();
                                    store.update(move |s| toggle(&mut s.filters.fields, field, on))
                                }
                            />
                        }
                    })
                    .collect_view()
            }}
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
    move || {
        let state = store.state.get();
        let chips = active(&state.filters);
        (!chips.is_empty()).then(|| {
            view! {
                <div class="active-filters" aria-label="Filtres actifs">
                    <ul>
                        {chips
                            .into_iter()
                            .map(|(label, clear)| view! {
                                <li>
                                    <button type="button" class="chip" on:click=move |_| store.update(|s| clear(&mut s.filters))>
                                        {label}<span class="visually-hidden">" : retirer ce filtre"</span>
                                    </button>
                                </li>
                            })
                            .collect_view()}
                    </ul>
                    <button type="button" class="link-button" on:click=move |_| store.update(reset)>"Tout réinitialiser"</button>
                </div>
            }
        })
    }
}

fn reset(state: &mut ViewState) {
    state.filters = Filters::default();
}

type Clear = fn(&mut Filters);

fn active(filters: &Filters) -> Vec<(String, Clear)> {
    let mut chips: Vec<(String, Clear)> = Vec::new();
    if !filters.text.is_empty() {
        chips.push((format!("« {} »", filters.text), |f| f.text.clear()));
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
        chips.push((format!("Emploi ≥ {min} %"), |f| f.min_employment = None));
    }
    if filters.min_further_study.is_some() {
        chips.push(("Poursuite d'études minimale".into(), |f| f.min_further_study = None));
    }
    if filters.max_pressure.is_some() {
        chips.push(("Pression maximale".into(), |f| f.max_pressure = None));
    }
    if let Some(school) = &filters.school {
        chips.push((format!("Établissement {school}"), |f| f.school = None));
    }
    chips
}

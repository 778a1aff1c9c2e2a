//! Where from, how, and how long: the origin (picker, map click or position), the mode,
//! the time budget and the departure or arrival time.

use leptos::prelude::*;
use proxipro_explore::url_state::{format_time, parse_time, Mode, BUDGET_RANGE, BUDGET_STEP};

use super::origin_picker::OriginPicker;
use crate::source::AppData;
use crate::state::view::ViewStore;
use crate::ui::focus::focus_first_shown;
use crate::ui::load_state::TechnicalDetails;

#[component]
pub fn JourneyPanel(
    /// What to say about the journeys: estimates, a point outside the network…
    #[prop(into)]
    notes: Signal<Vec<String>>,
) -> impl IntoView {
    let store = expect_context::<ViewStore>();
    let data = expect_context::<AppData>();
    let state = store.state;
    // The minutes under the thumb while it is dragged; the lists and isochrones follow on release.
    let dragged = RwSignal::new(None::<u32>);

    let origin_line = move || match state.with(|s| s.origin) {
        Some(origin) => view! {
            <p class="origin-line">
                "Départ : "
                {crate::journey::origin_name(data.loaded().as_ref().map(|loaded| loaded.dataset.as_ref()), origin)}
                " "
                <button
                    type="button"
                    class="link-button"
                    aria-label="Effacer le point de départ"
                    on:click=move |_| {
                        store.update(|s| s.origin = None);
                        // The button goes with the start: the focus goes where a new one is typed.
                        focus_first_shown(vec!["#depart".to_string()]);
                    }
                >
                    "Effacer"
                </button>
            </p>
        }
        .into_any(),
        None => view! {
            <p class="origin-line hint">"Vous pouvez aussi cliquer ou appuyer sur la carte à l'endroit du départ."</p>
        }
        .into_any(),
    };
    let network_line = move || match data.routing.get() {
        // Not asked for yet (no starting point): nothing to say.
        None if !data.routing_wanted.get() => None,
        None => Some(view! { <p class="hint" role="status">"Chargement du réseau de transport…"</p> }.into_any()),
        Some(Err(error)) => Some(
            view! {
                <div class="hint" role="alert">
                    <p>
                        "Réseau de transport indisponible : " {error.to_string()} " "
                        <button
                            type="button"
                            class="link-button"
                            on:click=move |_| {
                                data.retry_routing();
                                // « Chargement… » replaces the button: the focus stays in the panel.
                                focus_first_shown(vec!["#titre-trajet".to_string()]);
                            }
                        >
                            "Réessayer"
                        </button>
                    </p>
                    <TechnicalDetails error=error/>
                </div>
            }
            .into_any(),
        ),
        Some(Ok(None)) => Some(view! { <p class="hint">"Temps de trajet non disponibles : pas de données de rues ni de transport pour cette région."</p> }.into_any()),
        Some(Ok(Some(routing))) => (state.with(|s| s.mode) == Mode::Transit).then(|| {
            view! {
                <p class="hint timetable-day">
                    {format!("Horaires {} du {} (les plus récents des données ouvertes disponibles).", routing.info.operator, routing.info.timetable_day)}
                </p>
            }
            .into_any()
        }),
    };
    // The note and its buttons go with public transport: the focus goes to the mode chosen.
    let choose_mode = move |mode: Mode| {
        store.update(|s| s.mode = mode);
        focus_first_shown(vec![".mode-choice [aria-checked=\"true\"]".to_string()]);
    };
    // Walking or cycling is a way out of a point off the transport network; a note met
    // on foot or by bike (no streets known around the point) has no such way out.
    let shown_notes = move || {
        let offer_street_modes = store.state.with(|s| s.mode == Mode::Transit);
        notes.get().into_iter().map(|note| {
            view! {
                <div class="notice" role="status">
                    <p>{note}</p>
                    {offer_street_modes.then(|| view! {
                        <p>
                            <button type="button" class="link-button" on:click=move |_| choose_mode(Mode::Walk)>"À pied"</button>
                            " · "
                            <button type="button" class="link-button" on:click=move |_| choose_mode(Mode::Bike)>"À vélo"</button>
                        </p>
                    })}
                </div>
            }
        }).collect_view()
    };

    let on_mode_key = move |event: web_sys::KeyboardEvent| {
        let count = Mode::ALL.len();
        let step = match event.key().as_str() {
            "ArrowRight" | "ArrowDown" => 1,
            "ArrowLeft" | "ArrowUp" => count - 1,
            _ => return,
        };
        event.prevent_default();
        let current = Mode::ALL.iter().position(|m| *m == state.with_untracked(|s| s.mode)).unwrap_or(0);
        let next = Mode::ALL[(current + step) % count];
        store.update(|s| s.mode = next);
        // The chosen button is the new tab stop: the focus goes with the choice.
        focus_first_shown(vec![".mode-choice [aria-checked=\"true\"]".to_string()]);
    };

    view! {
        <section class="journey" aria-labelledby="titre-trajet">
            <h2 id="titre-trajet" class="panel-title">"Trajet"</h2>
            <OriginPicker/>
            {origin_line}
            // A radio group as ARIA has it: one tab stop (the chosen mode), arrows change the mode.
            <div class="mode-choice" role="radiogroup" aria-label="Mode de déplacement" on:keydown=on_mode_key>
                {Mode::ALL
                    .into_iter()
                    .map(|mode| view! {
                        <button
                            type="button"
                            role="radio"
                            class="mode-button"
                            data-mode=mode.code()
                            aria-checked=move || (state.with(|s| s.mode) == mode).to_string()
                            tabindex=move || if state.with(|s| s.mode) == mode { "0" } else { "-1" }
                            on:click=move |_| store.update(|s| s.mode = mode)
                        >
                            {mode.label()}
                        </button>
                    })
                    .collect_view()}
            </div>
            <label class="budget">
                <span>"Temps de trajet maximal : " <strong>{move || format!("{} min", dragged.get().unwrap_or_else(|| state.with(|s| s.budget)))}</strong></span>
                <input
                    type="range"
                    min=*BUDGET_RANGE.start()
                    max=*BUDGET_RANGE.end()
                    step=BUDGET_STEP
                    prop:value=move || state.with(|s| s.budget.to_string())
                    on:input=move |event| dragged.set(event_target_value(&event).parse::<u32>().ok())
                    on:change=move |event| {
                        dragged.set(None);
                        if let Ok(budget) = event_target_value(&event).parse::<u32>() {
                            store.update(|s| s.budget = budget.clamp(*BUDGET_RANGE.start(), *BUDGET_RANGE.end()));
                        }
                    }
                />
            </label>
            // Only public transport runs on a timetable: for walking and cycling the time is not asked.
            <div class="time-choice" class:inactive=move || state.with(|s| s.mode) != Mode::Transit>
                <select
                    aria-label="Partir à ou arriver avant"
                    disabled=move || state.with(|s| s.mode) != Mode::Transit
                    prop:value=move || if state.with(|s| s.arrive_by) { "arrivee" } else { "depart" }
                    on:change=move |event| {
                        let arrive_by = event_target_value(&event) == "arrivee";
                        store.update(|s| s.arrive_by = arrive_by);
                    }
                >
                    <option value="arrivee">"Arriver avant"</option>
                    <option value="depart">"Partir à"</option>
                </select>
                <input
                    type="time"
                    aria-label="Heure"
                    disabled=move || state.with(|s| s.mode) != Mode::Transit
                    prop:value=move || format_time(state.with(|s| s.time))
                    required
                    on:change=move |event| match parse_time(&event_target_value(&event)) {
                        Some(time) => store.update(|s| s.time = time),
                        // A cleared field would show no time while the old one is used: show it again.
                        None => event_target::<web_sys::HtmlInputElement>(&event).set_value(&format_time(state.with_untracked(|s| s.time))),
                    }
                />
            </div>
            // Its own box: the copy of this screen in index.html leaves it empty (e2e/src/prerender.rs).
            <div class="network-line">{network_line}</div>
            {shown_notes}
        </section>
    }
}

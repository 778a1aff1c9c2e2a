//! On a card: how its school is reached from the chosen starting point, by the explorer's
//! mode, time and budget (a card's link carries them).

use leptos::prelude::*;
use proxipro_explore::filters::shown_minutes;
use proxipro_explore::url_state::Mode;

use crate::journey;
use crate::source::AppData;
use crate::state::journeys::JourneyStore;
use crate::ui::load_state::TechnicalDetails;
use crate::state::view::ViewStore;

#[component]
pub fn TripSection(uai: String) -> impl IntoView {
    let data = expect_context::<AppData>();
    let store = expect_context::<ViewStore>();
    let journeys = expect_context::<JourneyStore>();
    // Only what the trip depends on: opening another card or changing a filter recomputes nothing.
    let trip = Memo::new(move |_| store.state.with(journey::trip_key));
    // The explorer without this card (in the phone's sheet, the card's own address would go nowhere).
    let explorer_link = move || {
        let mut state = store.state.get();
        state.card = None;
        store.url("/", &state)
    };
    let content = move || {
        if trip.with(|t| t.0.is_none()) {
            return view! {
                <p>
                    "Aucun point de départ choisi. "
                    <a href=explorer_link>"Indiquez une adresse, un collège ou un point sur la carte"</a>
                    " pour voir le temps de trajet jusqu'à cet établissement."
                </p>
            }
            .into_any();
        }
        let routing = match data.routing.get() {
            None => return view! { <p class="hint">"Calcul du trajet…"</p> }.into_any(),
            Some(Err(error)) => {
                return view! {
                    <p class="figure-missing">"Trajet non disponible : " {error.to_string()}</p>
                    <TechnicalDetails error=error/>
                }
                .into_any()
            }
            Some(Ok(None)) => {
                return view! { <p class="figure-missing">"Trajet non disponible : pas de données de rues ni de transport pour cette région."</p> }
                    .into_any()
            }
            Some(Ok(Some(routing))) => routing,
        };
        let state = store.state.get_untracked();
        let reached = journeys.journey.with(|journey| journey.as_ref().and_then(|journey| journey.schools.get(&uai).cloned()));
        // The timetable's terms and which timetable, for public transport only ("à pied", "à vélo" are in the trip line).
        let timetable = (state.mode == Mode::Transit).then(|| {
            format!("Trajet {}, horaires {} du {}.", journey::trip_terms(&state), routing.info.operator, routing.info.timetable_day)
        });
        match reached {
            Some(reached) => {
                let beyond = (shown_minutes(reached.minutes) > state.budget)
                    .then(|| format!("Au-delà de votre temps de trajet maximal ({} min).", state.budget));
                view! {
                    <p class="trip-time">{reached.summary()}</p>
                    {timetable.map(|text| view! { <p class="figure-origin">{text}</p> })}
                    {beyond.map(|text| view! { <p class="hint">{text}</p> })}
                }
                .into_any()
            }
            None => view! {
                <p class="figure-missing">
                    {format!("Pas de trajet de moins de {} minutes depuis ce point ({}).", journey::LONGEST_MINUTES, journey::mode_words(state.mode))}
                </p>
                {timetable.map(|text| view! { <p class="figure-origin">{text}</p> })}
            }
            .into_any(),
        }
    };
    view! {
        <section class="trip-section" aria-labelledby="trajet">
            <h2 id="trajet">"Trajet depuis votre point de départ"</h2>
            {content}
        </section>
    }
}


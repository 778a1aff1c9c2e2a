//! Where from: an address (IGN geocoder), a commune or a collège (offline, from
//! the dataset), or the device's position. A combobox usable with the keyboard.

use std::time::Duration;

use leptos::prelude::*;
use proxipro_explore::search::matching_places;
use proxipro_model::{LatLon, PlaceKind};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::config::AppConfig;
use crate::source::http::{get_text_within, Limits};
use crate::source::LoadError;
use crate::source::AppData;
use crate::state::view::ViewStore;

const TYPING_PAUSE: Duration = Duration::from_millis(300);
const MAX_SUGGESTIONS: usize = 8;
/// Communes and collèges kept above the addresses once the geocoder has answered.
const OFFLINE_BESIDE_ADDRESSES: usize = 3;
/// A phone without a fix must not leave "Recherche de votre position…" on screen for ever.
const POSITION_TIMEOUT_MS: u32 = 15_000;


/// The geocoder answers in well under a second when it answers at all.
const GEOCODER_LIMITS: Limits = Limits { answer_s: 5, stall_s: 5, retries: 0, first_pause_ms: 0 };

#[derive(Debug, Clone, PartialEq)]
struct Suggestion {
    label: String,
    detail: &'static str,
    position: LatLon,
}

#[derive(Deserialize)]
struct GeocoderAnswer {
    features: Vec<GeocoderFeature>,
}

#[derive(Deserialize)]
struct GeocoderFeature {
    geometry: GeocoderPoint,
    properties: GeocoderProperties,
}

#[derive(Deserialize)]
struct GeocoderPoint {
    coordinates: (f64, f64),
}

#[derive(Deserialize)]
struct GeocoderProperties {
    label: String,
}

#[component]
pub fn OriginPicker() -> impl IntoView {
    let data = expect_context::<AppData>();
    let store = expect_context::<ViewStore>();
    let config = expect_context::<AppConfig>();
    let text = RwSignal::new(String::new());
    let suggestions = RwSignal::new(Vec::<Suggestion>::new());
    let active = RwSignal::new(None::<usize>);
    let note = RwSignal::new(None::<String>);
    // Only the answer to the latest query is shown; choosing or closing the list also
    // makes answers still on their way stale.
    let ticket = StoredValue::new(0u32);
    let next_ticket = move || {
        let mine = ticket.get_value().wrapping_add(1);
        ticket.set_value(mine);
        mine
    };
    // `try_`: the answer may come back after the picker has left the page.
    let still_wanted = move |mine: u32| ticket.try_get_value() == Some(mine);
    // The field shows the place chosen here; an origin set elsewhere (map, position, link, "Effacer") empties it.
    let chosen = StoredValue::new(None::<LatLon>);
    let origin = Memo::new(move |_| store.state.with(|s| s.origin));
    Effect::new(move |_| {
        if origin.get() != chosen.get_value() {
            chosen.set_value(None);
            text.set(String::new());
            // « Recherche de votre position… » or a failed search no longer applies.
            note.set(None);
        }
    });

    // Addresses near the region come first: « 10 rue de la Gare » exists in every town.
    // The middle of its communes, once per dataset rather than at each keystroke.
    let near = Memo::new(move |_| {
        let loaded = data.loaded()?;
        LatLon::centre(loaded.dataset.places.iter().filter(|p| p.kind == PlaceKind::Commune).map(|p| p.position))
    });
    let offline = move |query: &str| -> Vec<Suggestion> {
        let Some(loaded) = data.loaded() else { return Vec::new() };
        matching_places(&loaded.dataset.places, query, MAX_SUGGESTIONS)
            .into_iter()
            .map(|p| Suggestion {
                label: format!("{} ({})", p.name, p.detail),
                detail: if p.kind == PlaceKind::College { "collège" } else { "commune" },
                position: p.position,
            })
            .collect()
    };

    // A callback (copied into both the input and the focus handlers).
    let search = Callback::new(move |query: String| {
        let mine = next_ticket();
        // What was said of the previous text (searching, nothing found, service down) comes again if it still holds.
        note.set(None);
        suggestions.set(offline(&query));
        active.set(None);
        // The geocoder refuses a query that does not start with a letter or a digit.
        let query = query.trim();
        if query.chars().count() < 3 || !query.starts_with(char::is_alphanumeric) {
            return;
        }
        let bias = near.get_untracked().map(|c| format!("&lat={:.4}&lon={:.4}", c.lat, c.lon)).unwrap_or_default();
        // A self-hosted service may need its own parameters (a key…) in the configured address.
        let separator = if config.geocoder_url.contains('?') { '&' } else { '?' };
        let url = format!("{}{separator}q={}&limit=5{bias}", config.geocoder_url, js_sys::encode_uri_component(query));
        let typed = query.to_string();
        set_timeout(
            move || {
                if !still_wanted(mine) {
                    return;
                }
                note.set(Some(SEARCHING.into()));
                leptos::task::spawn_local(async move {
                    // Short limits and no retry: the user is typing, and the offline places are already shown.
                    let answer = get_text_within(&url, GEOCODER_LIMITS)
                        .await
                        .map_err(|error| match error {
                            // What the service says of the query itself; 403, 404 or 429 are about the service.
                            LoadError::Status { status: 400 | 413 | 414 | 422, .. } => "Le service d'adresses n'a pas compris cette saisie",
                            _ => "Service d'adresses injoignable",
                        })
                        .and_then(|fetched| serde_json::from_str::<GeocoderAnswer>(&fetched.body).map_err(|_| "Réponse illisible du service d'adresses"));
                    if !still_wanted(mine) {
                        return; // a newer query is on its way, or the list was closed
                    }
                    match answer {
                        Ok(answer) => {
                            note.set(None);
                            let dataset = data.loaded().map(|loaded| loaded.dataset);
                            let addresses = answer.features.into_iter().map(|f| {
                                let position = LatLon { lat: f.geometry.coordinates.1, lon: f.geometry.coordinates.0 };
                                let covered = dataset.as_ref().is_none_or(|d| d.nearest_commune(position, crate::journey::NEAR_KM).is_some());
                                Suggestion {
                                    label: f.properties.label,
                                    detail: if covered { "adresse" } else { "adresse hors du territoire couvert" },
                                    position,
                                }
                            });
                            // A suggestion highlighted beyond the places kept would now be another one.
                            active.update(|a| {
                                if a.is_some_and(|i| i >= OFFLINE_BESIDE_ADDRESSES) {
                                    *a = None;
                                }
                            });
                            suggestions.update(|list| {
                                list.truncate(OFFLINE_BESIDE_ADDRESSES);
                                let room = MAX_SUGGESTIONS - list.len();
                                list.extend(addresses.take(room));
                            });
                            if suggestions.with(Vec::is_empty) {
                                note.set(Some(format!(
                                    "Rien trouvé pour « {typed} » (adresse, commune ou collège) : vérifiez l'orthographe, ou cliquez ou appuyez sur la carte."
                                )));
                            }
                        }
                        Err(why) => note.set(Some(format!("{why} : seules les communes et les collèges sont proposés."))),
                    }
                });
            },
            TYPING_PAUSE,
        );
    });

    // Only the latest position asked for is used, and typing or choosing a start cancels it.
    let position_ticket = StoredValue::new(0u32);
    let cancel_position = move || {
        position_ticket.update_value(|t| *t = t.wrapping_add(1));
        if note.with_untracked(|n| n.as_deref() == Some(LOCATING)) {
            note.set(None);
        }
    };
    let locate = move |_| {
        cancel_position();
        locate_device(store, note, position_ticket);
    };

    let close = move || {
        next_ticket();
        suggestions.set(Vec::new());
        active.set(None);
        if note.with_untracked(|n| n.as_deref() == Some(SEARCHING)) {
            note.set(None);
        }
    };
    let choose = move |suggestion: Suggestion| {
        close();
        cancel_position();
        note.set(None);
        text.set(suggestion.label.clone());
        store.update(|s| s.origin = Some(suggestion.position));
        // As the view keeps it (rounded for the address), for the effect above to recognise it.
        chosen.set_value(store.state.with_untracked(|s| s.origin));
    };

    let on_key = move |event: web_sys::KeyboardEvent| {
        let count = suggestions.with(Vec::len);
        match event.key().as_str() {
            "ArrowDown" if count > 0 => {
                event.prevent_default();
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                event.prevent_default();
                active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Enter" => {
                let pick = active.get_untracked().or((count > 0).then_some(0));
                if let Some(suggestion) = pick.and_then(|i| suggestions.with_untracked(|s| s.get(i).cloned())) {
                    event.prevent_default();
                    choose(suggestion);
                }
            }
            "Escape" => close(),
            _ => {}
        }
    };

    view! {
        <div class="origin-picker">
            <label for="depart" class="search-label">"Point de départ : adresse, commune ou collège"</label>
            <div class="origin-row">
                <input
                    id="depart"
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    aria-autocomplete="list"
                    aria-controls="depart-suggestions"
                    aria-expanded=move || (!suggestions.with(Vec::is_empty)).to_string()
                    aria-activedescendant=move || active.get().map(|i| format!("depart-option-{i}"))
                    placeholder="ex. 12 rue de Paris Rennes, Collège Anne de Bretagne"
                    prop:value=move || text.get()
                    on:input=move |event| {
                        let value = event_target_value(&event);
                        // The text no longer names the start chosen from it.
                        chosen.set_value(None);
                        cancel_position();
                        text.set(value.clone());
                        search.run(value);
                    }
                    on:keydown=on_key
                    on:blur=move |_| close()
                    // Back in the field (a phone's keyboard closed to look under it): the suggestions
                    // for its text come back, unless it names the start already chosen.
                    on:focus=move |_| {
                        let typed = text.get_untracked();
                        if chosen.get_value().is_none() && !typed.trim().is_empty() && suggestions.with_untracked(Vec::is_empty) {
                            search.run(typed);
                        }
                    }
                />
                <button type="button" class="button button-secondary locate" on:click=locate>"Ma position"</button>
            </div>
            <ul id="depart-suggestions" role="listbox" class="suggestions" aria-label="Suggestions de points de départ">
                {move || suggestions.get().into_iter().enumerate().map(|(i, suggestion)| {
                    let chosen = suggestion.clone();
                    view! {
                        <li
                            id=format!("depart-option-{i}")
                            role="option"
                            class="suggestion"
                            aria-selected=move || (active.get() == Some(i)).to_string()
                            on:mousedown=move |event| { event.prevent_default(); choose(chosen.clone()); }
                        >
                            <span>{suggestion.label}</span>
                            <span class="suggestion-kind">{suggestion.detail}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            // Always in the page, so that screen readers announce the note when it comes.
            <p class="hint" role="status">{move || note.get()}</p>
        </div>
    }
}

const LOCATING: &str = "Recherche de votre position…";
const SEARCHING: &str = "Recherche d'adresses…";

/// Asks the browser for the device's position; a refusal is said plainly. `ticket` moves on
/// when the user types or chooses a start meanwhile: the answer is then dropped.
fn locate_device(store: ViewStore, note: RwSignal<Option<String>>, ticket: StoredValue<u32>) {
    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        note.set(Some("Ce navigateur ne donne pas de position : saisissez une adresse ou choisissez un collège.".into()));
        return;
    };
    note.set(Some(LOCATING.into()));
    // The answer can take 15 s: a starting point chosen meanwhile (an address, the map) wins over it.
    let asked_from = store.state.with_untracked(|s| s.origin);
    let mine = ticket.get_value();
    let still_wanted =
        move || ticket.try_get_value() == Some(mine) && store.state.try_with_untracked(|s| s.origin) == Some(asked_from);
    let found = Closure::once_into_js(move |position: web_sys::Position| {
        if still_wanted() {
            let coords = position.coords();
            note.try_set(None);
            store.update(|s| s.origin = Some(LatLon { lat: coords.latitude(), lon: coords.longitude() }));
        }
    });
    let refused = Closure::once_into_js(move |_: JsValue| {
        if still_wanted() {
            note.try_set(Some("Position refusée ou indisponible : saisissez une adresse ou choisissez un collège.".into()));
        }
    });
    let options = web_sys::PositionOptions::new();
    options.set_timeout(POSITION_TIMEOUT_MS);
    if geolocation
        .get_current_position_with_error_callback_and_options(found.unchecked_ref(), Some(refused.unchecked_ref()), &options)
        .is_err()
    {
        note.set(Some("Position indisponible : saisissez une adresse ou choisissez un collège.".into()));
    }
}

//! Says when the app runs without network, and how old the data on screen is when it is the
//! offline copy kept by the service worker (see `public/sw.js`).

use leptos::ev;
use leptos::prelude::*;

use crate::source::{dataset_cached_at, AppData};

#[component]
pub fn CacheNotice() -> impl IntoView {
    let online = RwSignal::new(web_sys::window().is_none_or(|window| window.navigator().on_line()));
    let _ = window_event_listener(ev::online, move |_| online.set(true));
    let _ = window_event_listener(ev::offline, move |_| online.set(false));

    let data = expect_context::<AppData>();
    let kept = move || Kept { formations: data.loaded().is_some(), trips: data.routing().is_some() };
    let message = move || notice(online.get(), dataset_cached_at().as_deref(), kept());
    view! {
        // Always in the page so that screen readers announce the change when it fills.
        <div class="cache-notice" role="status" class:cache-notice-empty=move || message().is_none()>
            {move || message().map(|text| view! { <p>{text}</p> })}
        </div>
    }
}

/// What the app already holds, and can show without network.
struct Kept {
    formations: bool,
    trips: bool,
}

/// The sentence to show, if any.
fn notice(online: bool, cached_at: Option<&str>, kept: Kept) -> Option<String> {
    let stored = cached_at.and_then(stored_when);
    match (online, stored) {
        (false, Some(when)) => Some(format!("Hors ligne : données enregistrées {when}.")),
        // Only what is already loaded is promised; a failed load says the rest.
        (false, None) => Some(match kept {
            Kept { formations: true, trips: true } => {
                "Hors ligne : la carte de fond peut manquer, les formations et les trajets restent disponibles.".into()
            }
            Kept { formations: true, trips: false } => "Hors ligne : la carte de fond peut manquer, les formations restent disponibles.".into(),
            Kept { formations: false, .. } => "Hors ligne.".into(),
        }),
        (true, Some(when)) => Some(format!("Le serveur n'a pas répondu : données enregistrées {when}.")),
        (true, None) => None,
    }
}

/// `2026-11-23T09:41:00Z` → `le 23/11/2026 à 10 h 41 (il y a 3 jours)`, in local time.
fn stored_when(iso: &str) -> Option<String> {
    let date = js_sys::Date::new(&iso.into());
    let stored = date.get_time();
    if stored.is_nan() {
        return None;
    }
    let day = format!(
        "le {:02}/{:02}/{} à {}",
        date.get_date(),
        date.get_month() + 1,
        date.get_full_year(),
        proxipro_explore::format::clock(date.get_hours() * 60 + date.get_minutes())
    );
    Some(format!("{day} ({})", age((js_sys::Date::now() - stored).max(0.0))))
}

/// How long ago, in words.
fn age(milliseconds: f64) -> String {
    let minutes = (milliseconds / 60_000.0).floor() as u64;
    let (hours, days) = (minutes / 60, minutes / (60 * 24));
    match () {
        _ if minutes < 1 => "à l'instant".into(),
        _ if hours < 1 => format!("il y a {minutes} min"),
        _ if days < 1 => format!("il y a {hours} h"),
        _ if days == 1 => "hier".into(),
        _ => format!("il y a {days} jours"),
    }
}

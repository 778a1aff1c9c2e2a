//! The view state is read from the address and written back to it, so a reload
//! or a copied link reopens the same view.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use proxipro_explore::ViewState;

/// Keys of the address that are settings, not view state (see [`crate::config`]).
const SETTINGS: [&str; 3] = ["tiles", "region", "geocodeur"];

#[derive(Clone, Copy)]
pub struct ViewStore {
    pub state: Memo<ViewState>,
    /// Parameters of the address that could not be read, in French.
    pub notes: Memo<Vec<String>>,
    /// Goes to an address: `(url, replace)`; `replace` rewrites the current history entry.
    navigate: Callback<(String, bool)>,
    path: Memo<String>,
    /// Whether the open card got its own history entry here (so closing it goes back).
    card_pushed: StoredValue<bool>,
}

/// Query pairs of a `?a=b&c=d` string, decoded.
pub fn query_pairs(search: &str) -> Vec<(String, String)> {
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(search) else { return Vec::new() };
    let mut pairs = Vec::new();
    // `URLSearchParams` is iterable as [key, value] arrays.
    if let Ok(Some(iterator)) = js_sys::try_iter(&params) {
        for entry in iterator.flatten() {
            let entry = js_sys::Array::from(&entry);
            if let (Some(key), Some(value)) = (entry.get(0).as_string(), entry.get(1).as_string()) {
                pairs.push((key, value));
            }
        }
    }
    pairs
}

impl ViewStore {
    /// Must be called inside the `<Router>`.
    pub fn provide() -> Self {
        let location = use_location();
        let parsed = Memo::new(move |_| {
            let pairs = query_pairs(&location.search.get());
            ViewState::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        });
        let navigate = use_navigate();
        let store = ViewStore {
            state: Memo::new(move |_| parsed.get().0),
            notes: Memo::new(move |_| parsed.get().1),
            navigate: Callback::new(move |(url, replace): (String, bool)| {
                navigate(&url, NavigateOptions { replace, scroll: false, ..NavigateOptions::default() })
            }),
            path: location.pathname,
            card_pushed: StoredValue::new(false),
        };
        provide_context(store);
        store
    }

    /// Changes the view; the address is rewritten (replacing the history entry).
    pub fn update(&self, change: impl FnOnce(&mut ViewState)) {
        let mut state = self.state.get_untracked();
        change(&mut state);
        self.navigate.run((self.url(&self.path.get_untracked(), &state), true));
    }

    /// Opens an offer's card over the explorer (`fiche=<id>`) in a new history entry,
    /// so the phone's Back button closes it.
    pub fn open_card(&self, offer_id: &str) {
        let mut state = self.state.get_untracked();
        if state.card.as_deref() == Some(offer_id) {
            return;
        }
        let replace = state.card.is_some();
        state.card = Some(offer_id.to_string());
        self.card_pushed.set_value(!replace || self.card_pushed.get_value());
        self.navigate.run((self.url(&self.path.get_untracked(), &state), replace));
    }

    /// Closes the open card: back through history when opening it added an entry, else
    /// the address loses its `fiche` (a card opened by a link or a reload).
    pub fn close_card(&self) {
        if self.state.with_untracked(|s| s.card.is_none()) {
            return;
        }
        let history = web_sys::window().and_then(|w| w.history().ok());
        match history {
            Some(history) if self.card_pushed.get_value() => {
                self.card_pushed.set_value(false);
                let _ = history.back();
            }
            _ => self.update(|s| s.card = None),
        }
    }

    /// The address of `path` showing `state`, with the page settings kept.
    pub fn url(&self, path: &str, state: &ViewState) -> String {
        let Ok(params) = web_sys::UrlSearchParams::new() else { return path.to_string() };
        let current = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        for (key, value) in query_pairs(&current) {
            if SETTINGS.contains(&key.as_str()) {
                params.append(&key, &value);
            }
        }
        for (key, value) in state.to_pairs() {
            params.append(key, &value);
        }
        let query: String = params.to_string().into();
        if query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{query}")
        }
    }
}

//! The view state is read from the address and written back to it, so a reload
//! or a copied link reopens the same view.
//!
//! A change shows at once from the store's own copy; the address follows a moment
//! later, once per burst of changes: rewriting history costs milliseconds that a
//! filter click cannot spare, and browsers throttle pages that rewrite it on every
//! step of a slider.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use proxipro_explore::ViewState;


/// How long the address may lag behind the view: under any human's next action.
const ADDRESS_DELAY: Duration = Duration::from_millis(120);

#[derive(Clone, Copy)]
pub struct ViewStore {
    pub state: Memo<ViewState>,
    /// Parameters of the address that could not be read, in French. Kept once the address is
    /// rewritten clean (a shared selection taken in, a bad value dropped), until another screen opens.
    pub notes: RwSignal<Vec<String>>,
    /// The view shown: ahead of the address while a write is pending.
    current: RwSignal<ViewState>,
    /// The pending address write, if any.
    pending: StoredValue<Option<TimeoutHandle>>,
    /// Goes to an address: `(url, replace)`; `replace` rewrites the current history entry.
    navigate: Callback<(String, bool)>,
    path: Memo<String>,
    /// The view the open card was opened over, when opening it added a history entry here:
    /// closing goes back to that entry, unless the view changed meanwhile.
    card_pushed_over: StoredValue<Option<ViewState>>,
    /// The pending write follows a new starting point: it gets its own history entry, so that
    /// Back undoes a stray tap on the map instead of leaving the app. Other changes replace.
    push_next: StoredValue<bool>,
    /// How many rows the explorer's list showed (« Afficher N de plus »), and for which result,
    /// kept while the app is open: back from a card's page, the row it was opened from is still there.
    pub list_rows: StoredValue<Option<ListRows>>,
    /// The offer whose card's page the list last opened: back on the list, the focus returns to its row.
    pub card_opened_from_list: StoredValue<Option<String>>,
}

/// The length of the explorer's list for one result: the same formations (one load) and view.
#[derive(Clone, PartialEq)]
pub struct ListRows {
    /// The loaded formations, by address: a reload gives a new result.
    pub formations: usize,
    pub view: ViewState,
    pub rows: usize,
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
        let current = RwSignal::new(parsed.get_untracked().0);
        let notes = RwSignal::new(parsed.get_untracked().1);
        Effect::new(move |_| {
            let new = parsed.with(|(_, notes)| notes.clone());
            if !new.is_empty() {
                notes.set(new);
            }
        });
        Effect::new(move |previous: Option<String>| {
            let path = location.pathname.get();
            if previous.is_some_and(|previous| previous != path) {
                notes.set(Vec::new());
            }
            path
        });
        let store = ViewStore {
            state: Memo::new(move |_| current.get()),
            notes,
            current,
            pending: StoredValue::new(None),
            navigate: Callback::new(move |(url, replace): (String, bool)| {
                navigate(&url, NavigateOptions { replace, scroll: false, ..NavigateOptions::default() })
            }),
            path: location.pathname,
            card_pushed_over: StoredValue::new(None),
            push_next: StoredValue::new(false),
            list_rows: StoredValue::new(None),
            card_opened_from_list: StoredValue::new(None),
        };
        // The address changed from outside (Back, a link, our own write): it wins over a pending write.
        Effect::new(move |first: Option<()>| {
            let from_address = parsed.with(|p| p.0.clone());
            if first.is_some() {
                store.cancel_write();
                if store.current.with_untracked(|c| *c != from_address) {
                    store.current.set(from_address);
                }
            }
        });
        // A reload or a closed tab right after a change still finds it in the address.
        let flush = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || store.write_now());
        if let Some(window) = web_sys::window() {
            let _ = window.add_event_listener_with_callback("pagehide", flush.as_ref().unchecked_ref());
        }
        flush.forget();
        provide_context(store);
        store
    }

    /// Changes the view at once; the address follows (replacing the history entry).
    pub fn update(&self, change: impl FnOnce(&mut ViewState)) {
        let mut state = self.current.get_untracked();
        change(&mut state);
        let state = state.normalised();
        if self.current.with_untracked(|c| *c == state) {
            return;
        }
        if self.current.with_untracked(|c| c.origin != state.origin) {
            self.push_next.set_value(true);
        }
        self.current.set(state);
        if self.pending.with_value(Option::is_none) {
            let store = *self;
            let handle = set_timeout_with_handle(move || store.write_now(), ADDRESS_DELAY).ok();
            self.pending.set_value(handle);
        }
    }

    /// Writes the pending change to the address now.
    fn write_now(&self) {
        if let Some(Some(handle)) = self.pending.try_update_value(Option::take) {
            handle.clear();
            let url = self.url(&self.path.get_untracked(), &self.current.get_untracked());
            // A → B → A within one write is no new place: no entry that Back would seem to skip.
            let moved = self.push_next.try_update_value(std::mem::take).unwrap_or(false);
            let in_address = ViewState::from_pairs(query_pairs(&crate::config::current_query()).iter().map(|(k, v)| (k.as_str(), v.as_str()))).0.origin;
            let push = moved && self.current.with_untracked(|c| c.origin != in_address);
            self.navigate.run((url, !push));
        }
    }

    fn cancel_write(&self) {
        if let Some(Some(handle)) = self.pending.try_update_value(Option::take) {
            handle.clear();
        }
        self.push_next.try_set_value(false);
    }

    /// `path` with the settings and the current view, tracked: links built with it stay current.
    /// The card open over the explorer stays behind: another page would reopen it on the way back.
    pub fn link(&self, path: &str) -> String {
        self.state.with(|state| match (&state.card, path) {
            (Some(_), path) if path != "/" => {
                let mut state = state.clone();
                state.card = None;
                self.url(path, &state)
            }
            _ => self.url(path, state),
        })
    }

    /// The card's address, with the view (its origin gives the journey) but not the explorer's school or open card.
    pub fn card_link(&self, offer_id: &str) -> String {
        let mut state = self.current.get_untracked();
        state.card = None;
        state.filters.school = None;
        self.url(&card_path(offer_id), &state)
    }

    /// Opens an offer's card over the explorer (`fiche=<id>`) in a new history entry,
    /// so the phone's Back button closes it.
    pub fn open_card(&self, offer_id: &str) {
        // The entry left behind must hold the latest view: Back returns to it.
        self.write_now();
        let mut state = self.current.get_untracked();
        if state.card.as_deref() == Some(offer_id) {
            return;
        }
        let replace = state.card.is_some();
        if !replace {
            self.card_pushed_over.set_value(Some(state.clone()));
        }
        state.card = Some(offer_id.to_string());
        self.current.set(state.clone());
        self.navigate.run((self.url(&self.path.get_untracked(), &state), replace));
    }

    /// Closes the open card: back through history when opening it added an entry and the
    /// view has not changed since (a position found meanwhile must not be lost), else the
    /// address loses its `fiche` (a card opened by a link or a reload).
    pub fn close_card(&self) {
        let Some(underneath) = self.current.with_untracked(|s| s.card.is_some().then(|| ViewState { card: None, ..s.clone() }))
        else {
            return;
        };
        let pushed_over = self.card_pushed_over.try_update_value(Option::take).flatten();
        let history = web_sys::window().and_then(|w| w.history().ok());
        match history {
            Some(history) if pushed_over.as_ref() == Some(&underneath) => {
                self.cancel_write();
                let _ = history.back();
            }
            _ => self.update(|s| s.card = None),
        }
    }

    /// The address of `path` showing `state`, with the page settings kept.
    pub fn url(&self, path: &str, state: &ViewState) -> String {
        let Ok(params) = web_sys::UrlSearchParams::new() else { return path.to_string() };
        for (key, value) in query_pairs(&crate::config::current_query()) {
            if crate::config::SETTINGS.contains(&key.as_str()) {
                params.append(&key, &value);
            }
        }
        for (key, value) in state.to_pairs() {
            params.append(key, &value);
        }
        crate::config::with_query(path, &params)
    }
}

/// The card page's path, without the view (`ViewStore::card_link` adds it).
pub fn card_path(offer_id: &str) -> String {
    format!("/formation/{offer_id}")
}

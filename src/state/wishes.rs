//! The wish list ("ma sélection"), kept in `localStorage` so it survives a reload,
//! and taken from a shared link when the address carries one.

use leptos::prelude::*;
use proxipro_explore::WishList;

const STORAGE_KEY: &str = "proxipro.selection";

#[derive(Clone, Copy)]
pub struct WishStore {
    pub list: RwSignal<WishList>,
    /// What happened to the saved list (unreadable, taken from a link…), for the page to say.
    pub notice: RwSignal<Option<String>>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

impl WishStore {
    /// Loads the saved list; `shared` (from a link) replaces it when present.
    pub fn provide(shared: Option<WishList>) -> Self {
        let saved = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let (mut list, mut notice) = match saved {
            Some(text) => WishList::from_storage(&text),
            None => (WishList::default(), None),
        };
        if let Some(shared) = shared {
            if shared != list {
                notice = Some("Sélection reprise du lien partagé.".into());
                list = shared;
            }
        }
        let store = WishStore { list: RwSignal::new(list), notice: RwSignal::new(notice) };
        Effect::new(move |_| {
            let text = store.list.with(WishList::to_storage);
            // Private browsing may refuse storage: the list still works for this visit.
            if let Some(storage) = storage() {
                let _ = storage.set_item(STORAGE_KEY, &text);
            }
        });
        provide_context(store);
        store
    }
}

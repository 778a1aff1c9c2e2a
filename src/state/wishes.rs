//! The wish list ("ma sélection"), kept in `localStorage` so it survives a reload,
//! and taken from a shared link when the address carries one.

use leptos::prelude::*;
use proxipro_explore::WishList;

use crate::state::view::ViewStore;

#[derive(Clone, Copy)]
pub struct WishStore {
    pub list: RwSignal<WishList>,
    /// What happened to the saved list (unreadable, taken from a link…), for the page to say.
    pub notice: RwSignal<Option<String>>,
    /// The user's own list that a shared link replaced, while it can still be brought back.
    pub replaced: RwSignal<Option<WishList>>,
    storage_key: StoredValue<String>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

impl WishStore {
    /// Loads the list saved under `storage_key` (one per data source: offers of another
    /// region are not "gone"). A selection in the address (a shared link) is taken in once
    /// and dropped from the address, so that a reload cannot bring it back over later edits.
    pub fn provide(view: ViewStore, storage_key: String) -> Self {
        let saved = storage().and_then(|s| s.get_item(&storage_key).ok().flatten());
        let (list, notice) = match saved {
            Some(text) => WishList::from_storage(&text),
            None => (WishList::default(), None),
        };
        let store = WishStore {
            list: RwSignal::new(list),
            notice: RwSignal::new(notice),
            replaced: RwSignal::new(None),
            storage_key: StoredValue::new(storage_key),
        };
        Effect::new(move |_| store.list.with(|list| store.save(list)));
        Effect::new(move |_| {
            if let Some(shared) = view.state.with(|s| s.selection.clone()) {
                store.take_shared(shared);
                view.update(|s| s.selection = None);
            }
        });
        provide_context(store);
        store
    }

    /// Changes the list and saves it without redrawing what shows it (a note being typed
    /// keeps its field); a tracked change later (leaving the field) updates the rest.
    pub fn edit_quietly(&self, change: impl FnOnce(&mut WishList)) {
        self.list.update_untracked(change);
        self.list.with_untracked(|list| self.save(list));
    }

    fn save(&self, list: &WishList) {
        // Private browsing may refuse storage: the list still works for this visit.
        if let (Some(storage), Some(key)) = (storage(), self.storage_key.try_get_value()) {
            let _ = storage.set_item(&key, &list.to_storage());
        }
    }

    /// A list from a shared link replaces this one; an empty or identical one changes nothing.
    fn take_shared(&self, shared: WishList) {
        if shared.wishes.is_empty() || self.list.with_untracked(|list| *list == shared) {
            return;
        }
        let previous = self.list.get_untracked();
        self.replaced.set((!previous.wishes.is_empty()).then_some(previous));
        self.list.set(shared);
        self.notice.set(Some("Sélection reprise du lien partagé.".into()));
    }

    /// Brings back the list a shared link replaced.
    pub fn restore_replaced(&self) {
        if let Some(previous) = self.replaced.try_update(Option::take).flatten() {
            self.list.set(previous);
            self.notice.set(Some("Votre sélection précédente est revenue.".into()));
        }
    }
}

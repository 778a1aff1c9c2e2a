//! The wish list ("ma sélection"), kept in `localStorage` so it survives a reload,
//! and taken from a shared link when the address carries one.

use leptos::ev;
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

/// Next to the list's key: the user's own list while a shared one replaces it.
const REPLACED_SUFFIX: &str = ".remplacee";
/// Next to the list's key: a saved list this version could not read, kept as it was.
const UNREADABLE_SUFFIX: &str = ".illisible";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Whether the browser kept it.
fn write(key: &str, value: &str) -> bool {
    storage().is_some_and(|storage| storage.set_item(key, value).is_ok())
}

impl WishStore {
    /// Loads the list saved under `storage_key` (one per data source: offers of another
    /// region are not "gone"). A selection in the address (a shared link) is taken in once
    /// and dropped from the address, so that a reload cannot bring it back over later edits.
    pub fn provide(view: ViewStore, storage_key: String) -> Self {
        let saved = read(&storage_key);
        let (list, mut notice) = match &saved {
            Some(text) => WishList::from_storage(text),
            None => (WishList::default(), None),
        };
        if let (Some(text), Some(_)) = (&saved, &notice) {
            // Unreadable here (a newer version's format, a damaged entry): copied under another key
            // before the next save replaces it, and the user told if even that fails.
            if !write(&format!("{storage_key}{UNREADABLE_SUFFIX}"), text) {
                notice = Some("Votre sélection enregistrée est illisible par cette version et n'a pas pu être gardée à part (stockage plein ?).".into());
            }
        }
        // A list that a shared link replaced stays on offer across reloads until the user decides.
        let replaced = read(&format!("{storage_key}{REPLACED_SUFFIX}"))
            .map(|text| WishList::from_storage(&text).0)
            .filter(|list| !list.wishes.is_empty());
        if replaced.is_some() && notice.is_none() {
            notice = Some("Une sélection reçue par lien a remplacé la vôtre.".into());
        }
        let store = WishStore {
            list: RwSignal::new(list),
            notice: RwSignal::new(notice),
            replaced: RwSignal::new(replaced),
            storage_key: StoredValue::new(storage_key),
        };
        // Saved on every change after the first reading (which is what storage already holds).
        Effect::new(move |first: Option<()>| {
            store.list.track();
            if first.is_some() {
                store.list.with_untracked(|list| store.save(list));
            }
        });
        // Another tab of the app saved its list (a wish added there, a link opened there): this one
        // takes it, or its next save would write its older list over the other tab's change.
        let _ = window_event_listener(ev::storage, move |event| store.follow_other_tab(&event));
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
        let Some(key) = self.storage_key.try_get_value() else { return };
        // Private browsing or a full storage may refuse it: the list still works for this visit, and the user is told.
        if !write(&key, &list.to_storage()) {
            self.notice.set(Some(
                "Votre sélection n'a pas pu être enregistrée dans ce navigateur (stockage refusé ou plein) : \
                 elle sera perdue à la fermeture de la page. Copiez son lien de partage pour la garder."
                    .into(),
            ));
        }
    }

    fn follow_other_tab(&self, event: &web_sys::StorageEvent) {
        let (Some(changed), Some(key)) = (event.key(), self.storage_key.try_get_value()) else { return };
        if changed == key {
            let (list, unreadable) = event.new_value().map_or((WishList::default(), None), |text| WishList::from_storage(&text));
            // A list this version cannot read (another version's tab) is not taken.
            if unreadable.is_none() && self.list.with_untracked(|current| *current != list) {
                self.list.set(list);
            }
        } else if changed == format!("{key}{REPLACED_SUFFIX}") {
            let replaced = event.new_value().map(|text| WishList::from_storage(&text).0).filter(|list| !list.wishes.is_empty());
            if replaced.is_some() {
                self.notice.set(Some("Une sélection reçue par lien dans un autre onglet a remplacé la vôtre.".into()));
            }
            self.replaced.set(replaced);
        }
    }

    /// A list from a shared link replaces this one; an empty or identical one changes nothing.
    fn take_shared(&self, shared: WishList) {
        if shared.wishes.is_empty() || self.list.with_untracked(|list| *list == shared) {
            return;
        }
        let previous = self.list.get_untracked();
        // A second link before the user chose: the list kept aside is still their own, not the first link's.
        if !previous.wishes.is_empty() && self.replaced.with_untracked(Option::is_none) {
            if let Some(key) = self.storage_key.try_get_value() {
                write(&format!("{key}{REPLACED_SUFFIX}"), &previous.to_storage());
            }
            self.replaced.set(Some(previous));
        }
        self.list.set(shared);
        self.notice.set(Some("Sélection reprise du lien partagé.".into()));
    }

    /// Brings back the list a shared link replaced.
    pub fn restore_replaced(&self) {
        if let Some(previous) = self.replaced.try_update(Option::take).flatten() {
            self.list.set(previous);
            self.forget_replaced();
            self.notice.set(Some("Votre sélection précédente est revenue.".into()));
        }
    }

    /// Keeps the list from the shared link: the replaced one is no longer offered.
    pub fn keep_shared(&self) {
        self.replaced.set(None);
        self.forget_replaced();
        self.notice.set(Some("La sélection reçue par lien est gardée.".into()));
    }

    fn forget_replaced(&self) {
        if let (Some(storage), Some(key)) = (storage(), self.storage_key.try_get_value()) {
            let _ = storage.remove_item(&format!("{key}{REPLACED_SUFFIX}"));
        }
    }
}

//! On a phone, an offer opened from the list shows in a bottom sheet over the
//! explorer rather than on its own page; the map and the list stay underneath.
//! It is a native modal `<dialog>`: the focus goes in, Escape closes it, the
//! focus comes back to the list. The open card is in the address (`fiche=`), so
//! a reload or a shared link shows it again. On a desktop the list's links go
//! to the card's page as before; a `fiche=` link opened there shows the same
//! dialog as a panel on the right.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::offers::offer_card::{OfferCardContent, CARD_TITLE_ID};
use crate::source::AppData;
use crate::state::view::ViewStore;
use crate::ui::clipboard::{copy_link, Copied};

/// Where the list's links open the sheet instead of the card's page (the phone layout of style/main.css).
const PHONE_QUERY: &str = "(max-width: 768px)";

/// Whether the page has its phone layout now (list or map, not both).
pub fn is_phone_layout() -> bool {
    web_sys::window().and_then(|w| w.match_media(PHONE_QUERY).ok().flatten()).is_some_and(|query| query.matches())
}

/// Whether a click on a card link should open the sheet: a plain click, on a phone.
pub fn wants_sheet(event: &web_sys::MouseEvent) -> bool {
    let plain = event.button() == 0 && !(event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key());
    plain && is_phone_layout()
}

#[component]
pub fn CardSheet() -> impl IntoView {
    let store = expect_context::<ViewStore>();
    let data = expect_context::<AppData>();
    let card = Memo::new(move |_| store.state.with(|s| s.card.clone()));
    let dialog_ref = NodeRef::<html::Dialog>::new();
    let body_ref = NodeRef::<html::Div>::new();
    let field_ref = NodeRef::<html::Input>::new();
    // The card last shown, whose link gets the focus back on closing.
    let shown = StoredValue::new(None::<String>);
    let link = RwSignal::new(String::new());
    let copied = RwSignal::new(None::<Copied>);

    // The address decides: `fiche` set opens the dialog, removed closes it.
    Effect::new(move |_| {
        let card = card.get();
        let Some(dialog) = dialog_ref.get() else { return };
        match card {
            Some(id) => {
                if shown.get_value().as_ref() != Some(&id) {
                    copied.set(None);
                    link.set(String::new());
                    if let Some(body) = body_ref.get_untracked() {
                        body.set_scroll_top(0);
                    }
                }
                shown.set_value(Some(id));
                if !dialog.open() && dialog.show_modal().is_ok() {
                    // Once the card is drawn.
                    request_animation_frame(focus_title);
                }
            }
            None if dialog.open() => dialog.close(),
            None => {}
        }
    });

    // A card opened by a link or a reload may show before the data: its title takes the
    // focus when it comes, unless the student has already moved it.
    let ready = Memo::new(move |_| data.loaded().is_some());
    Effect::new(move |_| {
        let open = dialog_ref.get().is_some_and(|d| d.open());
        if ready.get() && open {
            request_animation_frame(|| {
                let on_close_button = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element())
                    .is_some_and(|e| e.class_list().contains("sheet-close"));
                if on_close_button {
                    focus_title();
                }
            });
        }
    });

    // Escape, the close button, a tap on the backdrop or the address: all end here.
    let on_close = move |_| {
        store.close_card();
        return_focus(shown.get_value());
    };
    let on_backdrop = move |event: web_sys::MouseEvent| {
        let on_dialog = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| e.tag_name() == "DIALOG");
        if on_dialog {
            if let Some(dialog) = dialog_ref.get_untracked() {
                dialog.close();
            }
        }
    };
    let close = move |_| {
        if let Some(dialog) = dialog_ref.get_untracked() {
            dialog.close();
        }
    };
    let copy = move |_| {
        let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
        link.set(href.clone());
        copy_link(&href, field_ref, copied);
    };
    let full_card = move || card.get().map(|id| store.card_link(&id)).unwrap_or_default();
    let status = move || copied.get().map_or("", Copied::message);

    view! {
        <dialog
            class="card-sheet"
            node_ref=dialog_ref
            aria-labelledby=CARD_TITLE_ID
            aria-label="Fiche de la formation"
            on:close=on_close
            on:click=on_backdrop
        >
            <div class="sheet-bar">
                <span class="sheet-handle" aria-hidden="true"></span>
                <button type="button" class="sheet-close" on:click=close>
                    <span aria-hidden="true">"× "</span>"Fermer"
                </button>
            </div>
            <div class="sheet-body offer-card" node_ref=body_ref>
                {move || card.get().map(|id| view! { <OfferCardContent offer_id=id/> })}
            </div>
            // Always in sight under the card, and last in the tab order.
            <div class="sheet-footer">
                <p class="copy-status" role="status">{status}</p>
                <label class="share-label" class:hidden-field=move || link.with(String::is_empty)>
                    "Lien de cette vue"
                    <input class="share-link" type="text" readonly node_ref=field_ref prop:value=move || link.get()/>
                </label>
                <div class="sheet-actions">
                    <a class="button" href=full_card>"Voir la fiche complète"</a>
                    <button type="button" class="button button-secondary copy-link" on:click=copy>"Copier le lien"</button>
                </div>
            </div>
        </dialog>
    }
}

fn focus_title() {
    let title = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(CARD_TITLE_ID))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(title) = title {
        let _ = title.focus();
    }
}

/// Back to the link that opened the card, or to the list's title if it is not in the list.
fn return_focus(card: Option<String>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    // Offer ids are letters, digits and dashes (checked when read from the address).
    let link = card.and_then(|id| document.query_selector(&format!(".offer-item[data-offer=\"{id}\"]")).ok().flatten());
    let target = link.or_else(|| document.get_element_by_id("titre-liste"));
    if let Some(target) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = target.focus();
    }
}

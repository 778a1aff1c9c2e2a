//! The page index.html paints while the app downloads (`#coquille`) gives way to the app.
//!
//! Elsewhere than the explorer's home it is a frame saying what the site is: it goes as the
//! app starts. On the home it is a copy of the explorer's first screen (form, filters and
//! list, see public/prerendered/): it stays on top of the app until the app has drawn the
//! same screen, so the formations a phone already shows never blink out.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement};

use crate::source::AppData;

const SHELL: &str = "coquille";
/// Set on `<html>` by index.html's first script when the copy is the page painted.
const COPY_PAINTED: &str = "coquille-accueil";
/// Set on `<html>` while the copy covers the started app (style/main.css).
const COPY_COVERS: &str = "coquille-recouvre";
/// What the keyboard can reach in the copy: its links (its controls are disabled, but one).
const LINKS: &str = "a[href]";
/// The starting point's field, the copy's one enabled control, and the app's.
const COPY_ORIGIN_FIELD: &str = "coquille-depart";
const ORIGIN_FIELD: &str = "depart";

/// Before mounting the app: the frame goes, the copy covers where the app will draw.
pub fn on_start() {
    let Some((document, shell)) = shell() else { return };
    match document.document_element() {
        Some(root) if root.class_list().contains(COPY_PAINTED) => {
            let _ = root.class_list().add_1(COPY_COVERS);
        }
        _ => shell.remove(),
    }
}

/// Removes the copy once the formations have loaded, or failed to: from then on the app's
/// own screen says more than the copy (the list, or why there is none).
pub fn hand_over_when_ready(data: AppData) {
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let settled = data.dataset.get().is_some();
        if settled {
            // After the explorer's render of that same change has reached the page.
            request_animation_frame(remove_copy);
        }
        settled
    });
}

fn remove_copy() {
    let Some((document, shell)) = shell() else { return };
    // The list the user scrolled in the copy is scrolled as far in the app.
    let scrolled = shell.query_selector(".coquille-explorateur .explorer-panel").ok().flatten().map(|panel| panel.scroll_top());
    if let (Some(top), Some(panel)) = (scrolled, document.get_element_by_id("vue-liste")) {
        panel.set_scroll_top(top);
    }
    // The copy is the app's screen: the n-th link of one is the n-th link of the other.
    let focused = document.active_element().and_then(|focused| position_in(&shell, &focused));
    let typed = typed_in_copy(&document);
    if let Some(root) = document.document_element() {
        let _ = root.class_list().remove_2(COPY_PAINTED, COPY_COVERS);
    }
    // Before the copy goes: focus moved from its field to the app's keeps a phone's keyboard
    // open, where a removed field would close it.
    if let Some(typed) = typed {
        carry_over(&document, &typed);
    }
    shell.remove();
    let link = focused.and_then(|n| document.query_selector_all(LINKS).ok()?.item(n));
    if let Some(link) = link.and_then(|link| link.dyn_into::<HtmlElement>().ok()) {
        let _ = link.focus();
    }
}

/// What was typed in the copy's starting-point field (the one field it leaves enabled).
struct Typed {
    text: String,
    /// The caret or selection, when the user is still in the field.
    still_typing: Option<(u32, u32)>,
}

fn typed_in_copy(document: &Document) -> Option<Typed> {
    let field = document.get_element_by_id(COPY_ORIGIN_FIELD)?.dyn_into::<HtmlInputElement>().ok()?;
    let text = field.value();
    let focused = document.active_element().is_some_and(|active| active.is_same_node(Some(&field)));
    let still_typing = focused.then(|| {
        let end = text.encode_utf16().count() as u32;
        let start = field.selection_start().ok().flatten().unwrap_or(end);
        (start, field.selection_end().ok().flatten().unwrap_or(start))
    });
    (!text.trim().is_empty()).then_some(Typed { text, still_typing })
}

/// Puts the text in the app's field as if typed there, so that its suggestions follow; the
/// field takes the focus and the caret if the user is still typing, and its list stays
/// closed otherwise.
fn carry_over(document: &Document, typed: &Typed) {
    let Some(field) = document.get_element_by_id(ORIGIN_FIELD).and_then(|f| f.dyn_into::<HtmlInputElement>().ok()) else { return };
    field.set_value(&typed.text);
    if let Some((start, end)) = typed.still_typing {
        let _ = field.focus();
        let _ = field.set_selection_range(start, end);
    }
    if let Ok(input) = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    }) {
        let _ = field.dispatch_event(&input);
    }
    if typed.still_typing.is_none() {
        // The field's own « left » handler closes the suggestions the text just opened.
        if let Ok(blur) = web_sys::FocusEvent::new("blur") {
            let _ = field.dispatch_event(&blur);
        }
    }
}

/// Where `element` comes among the links of `within`, if it is one of them.
fn position_in(within: &Element, element: &Element) -> Option<u32> {
    let links = within.query_selector_all(LINKS).ok()?;
    (0..links.length()).find(|&n| links.item(n).is_some_and(|link| link.is_same_node(Some(element))))
}

fn shell() -> Option<(Document, Element)> {
    let document = web_sys::window()?.document()?;
    let shell = document.get_element_by_id(SHELL)?;
    Some((document, shell))
}

//! The page index.html paints while the app downloads (`#coquille`) gives way to the app.
//!
//! Elsewhere than the explorer's home it is a frame saying what the site is: it goes as the
//! app starts. On the home it is a copy of the explorer's first screen (form, filters and
//! list, see public/prerendered/): it stays on top of the app until the app has drawn the
//! same screen, so the formations a phone already shows never blink out.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

use crate::source::AppData;

const SHELL: &str = "coquille";
/// Set on `<html>` by index.html's first script when the copy is the page painted.
const COPY_PAINTED: &str = "coquille-accueil";
/// Set on `<html>` while the copy covers the started app (style/main.css).
const COPY_COVERS: &str = "coquille-recouvre";
/// What the keyboard can reach in the copy: its links (its controls are disabled).
const LINKS: &str = "a[href]";

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
    shell.remove();
    if let Some(root) = document.document_element() {
        let _ = root.class_list().remove_2(COPY_PAINTED, COPY_COVERS);
    }
    let link = focused.and_then(|n| document.query_selector_all(LINKS).ok()?.item(n));
    if let Some(link) = link.and_then(|link| link.dyn_into::<HtmlElement>().ok()) {
        let _ = link.focus();
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

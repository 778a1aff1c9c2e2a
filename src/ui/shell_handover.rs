//! The page index.html paints while the app downloads (`#coquille`) gives way to the app.
//!
//! Elsewhere than the explorer's home it is a frame saying what the site is: it goes as the
//! app starts. On the home it is a copy of the explorer's first screen (form, filters and
//! list, see public/prerendered/): it stays on top of the app until the app has drawn the
//! same screen, so the formations a phone already shows never blink out.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use crate::source::AppData;

const SHELL: &str = "coquille";
/// Set on `<html>` by index.html's first script when the copy is the page painted.
const COPY_PAINTED: &str = "coquille-accueil";

/// Before mounting the app: the frame goes, the copy moves on top of where the app will draw.
pub fn on_start() {
    let Some((document, shell)) = shell() else { return };
    if copy_painted(&document) {
        let _ = shell.class_list().add_1("recouvre");
    } else {
        shell.remove();
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
    // A link of the copy had the keyboard's focus (its only focusable things): the app's same link takes it.
    let focused_link = document
        .active_element()
        .filter(|focused| shell.contains(Some(focused)))
        .and_then(|focused| focused.get_attribute("href"))
        .filter(|href| href.starts_with('/') && !href.contains('"'));
    shell.remove();
    if let Some(link) = focused_link.and_then(|href| document.query_selector(&format!("a[href=\"{href}\"]")).ok().flatten()) {
        if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
            let _ = link.focus();
        }
    }
    if let Some(root) = document.document_element() {
        let _ = root.class_list().remove_1(COPY_PAINTED);
    }
}

fn shell() -> Option<(Document, Element)> {
    let document = web_sys::window()?.document()?;
    let shell = document.get_element_by_id(SHELL)?;
    Some((document, shell))
}

fn copy_painted(document: &Document) -> bool {
    document.document_element().is_some_and(|root| root.class_list().contains(COPY_PAINTED))
}

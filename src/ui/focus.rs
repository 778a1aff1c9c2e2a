//! Moving the keyboard focus where the page changed under it (a list redrawn, a route change),
//! so that it never falls back to the start of the page.

use leptos::prelude::request_animation_frame;
use wasm_bindgen::JsCast;

/// Once the page is redrawn, gives the focus to the first of `candidates` (CSS selectors) that
/// is shown: a hidden element cannot take it. An element that is not focusable by itself
/// (a heading, a region) is made focusable by script only.
pub fn focus_first_shown(candidates: Vec<String>) {
    request_animation_frame(move || {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let target = candidates.iter().find_map(|css| {
            let element = document.query_selector(css).ok()??.dyn_into::<web_sys::HtmlElement>().ok()?;
            (element.offset_width() > 0 || element.offset_height() > 0).then_some(element)
        });
        let Some(target) = target else { return };
        let focusable = target.matches("a[href], button, input, select, textarea, [tabindex]").unwrap_or(false);
        if !focusable {
            let _ = target.set_attribute("tabindex", "-1");
        }
        let _ = target.focus();
    });
}

/// Whether the focused element is inside the element `css` selects.
pub fn focus_is_in(css: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    document.active_element().is_some_and(|active| active.closest(css).ok().flatten().is_some())
}

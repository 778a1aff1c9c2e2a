//! Whether the pointer that last came over an element is a finger. A tap fires `mouseover`
//! too, and a highlight set by it would stay on until the next tap elsewhere, so hover
//! effects skip touches.

use std::cell::Cell;

use leptos::ev;
use leptos::prelude::window_event_listener;

thread_local! {
    static TOUCH: Cell<bool> = const { Cell::new(false) };
}

/// Records the kind of each pointer as it comes over an element, for the page's lifetime.
/// The browser fires `pointerover` before the `mouseover` of the same move or tap.
pub fn watch() {
    // The handle is not kept: the listener lasts as long as the page.
    let _ = window_event_listener(ev::pointerover, |event| TOUCH.set(event.pointer_type() == "touch"));
}

/// Whether the `mouseover` being handled comes from a finger.
pub fn is_touch() -> bool {
    TOUCH.get()
}

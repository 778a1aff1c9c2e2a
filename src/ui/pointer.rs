//! Whether the pointer that last came over an element is a finger. A tap fires `mouseover`
//! too, and a highlight set by it would stay on until the next tap elsewhere, so hover
//! effects skip touches.

use std::cell::Cell;

use wasm_bindgen::prelude::*;

thread_local! {
    static TOUCH: Cell<bool> = const { Cell::new(false) };
}

/// Records the kind of each pointer as it comes over an element, for the page's lifetime.
/// The browser fires `pointerover` before the `mouseover` of the same move or tap; listening
/// in the capture phase, no element that stops the event (a map control) hides it.
pub fn watch() {
    let Some(window) = web_sys::window() else { return };
    let record = Closure::<dyn Fn(web_sys::PointerEvent)>::new(|event: web_sys::PointerEvent| {
        TOUCH.set(event.pointer_type() == "touch");
    });
    let _ = window.add_event_listener_with_callback_and_bool("pointerover", record.as_ref().unchecked_ref(), true);
    record.forget();
}

/// Whether the `mouseover` being handled comes from a finger.
pub fn is_touch() -> bool {
    TOUCH.get()
}

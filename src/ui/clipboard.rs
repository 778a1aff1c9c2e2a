//! Copying a link: the Clipboard API where the page may use it (https, localhost); else,
//! or when it refuses, the link is selected in its field and copied the old way. The user
//! is told which happened, never "copied" when nothing was.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    Done,
    /// No clipboard here: the link is selected in the field for the user to copy.
    Failed,
}

impl Copied {
    pub fn message(self) -> &'static str {
        match self {
            Copied::Done => "Lien copié : collez-le dans un message ou ouvrez-le sur un autre appareil.",
            Copied::Failed => "Copie impossible ici : le lien est sélectionné ci-dessous, copiez-le.",
        }
    }
}

/// Copies `text` (also shown in `field`) and sets `copied` to the outcome.
pub fn copy_link(text: &str, field: NodeRef<html::Input>, copied: RwSignal<Option<Copied>>) {
    // Emptied first: a second copy writes the same words again, which screen readers announce
    // only as a change.
    copied.set(None);
    // Over plain http `navigator.clipboard` is undefined, not an error to catch.
    let clipboard = web_sys::window()
        .map(|w| w.navigator())
        .filter(|n| js_sys::Reflect::get(n, &JsValue::from_str("clipboard")).is_ok_and(|c| !c.is_undefined()))
        .map(|n| n.clipboard());
    let Some(clipboard) = clipboard else {
        copy_from_field(field, copied);
        return;
    };
    let promise = clipboard.write_text(text);
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => copied.set(Some(Copied::Done)),
            Err(_) => copy_from_field(field, copied),
        }
    });
}

/// Selects the link in the field and asks the browser to copy it the old way.
fn copy_from_field(field: NodeRef<html::Input>, copied: RwSignal<Option<Copied>>) {
    // The field may only just have been given the link: wait for it to render.
    request_animation_frame(move || {
        let Some(field) = field.get_untracked() else {
            copied.set(Some(Copied::Failed));
            return;
        };
        field.select();
        let done = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|document| {
                let exec = js_sys::Reflect::get(&document, &JsValue::from_str("execCommand")).ok()?;
                let exec = exec.dyn_into::<js_sys::Function>().ok()?;
                exec.call1(&document, &JsValue::from_str("copy")).ok()
            })
            .is_some_and(|answer| answer.as_bool() == Some(true));
        copied.set(Some(if done { Copied::Done } else { Copied::Failed }));
    });
}

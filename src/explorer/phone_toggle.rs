//! On phones the list and the map share the screen in turn; this switches them.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneView {
    List,
    Map,
}

impl PhoneView {
    /// Value of the explorer's `data-vue` attribute, read by the phone CSS.
    pub fn as_attr(self) -> &'static str {
        match self {
            PhoneView::List => "liste",
            PhoneView::Map => "carte",
        }
    }
}

#[component]
pub fn PhoneToggle(view: RwSignal<PhoneView>) -> impl IntoView {
    let button = move |target: PhoneView, label: &'static str, controls: &'static str| {
        view! {
            <button
                type="button"
                class="phone-toggle-button"
                aria-pressed=move || (view.get() == target).to_string()
                aria-controls=controls
                on:click=move |_| view.set(target)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="phone-toggle" role="group" aria-label="Affichage">
            {button(PhoneView::List, "Liste", "vue-liste")}
            {button(PhoneView::Map, "Carte", "vue-carte")}
        </div>
    }
}

//! What a screen shows while its data loads, or when it could not.

use leptos::prelude::*;

use crate::source::LoadError;

#[component]
pub fn Loading(#[prop(into)] message: String) -> impl IntoView {
    view! {
        <div class="load-state" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            <span>{message}</span>
        </div>
    }
}

/// Says what failed and why, and offers to try again.
#[component]
pub fn LoadFailed(
    /// What the user was waiting for, e.g. "Impossible de charger les formations".
    #[prop(into)]
    title: String,
    error: LoadError,
    #[prop(into)] on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="load-state load-error" role="alert">
            <p class="load-error-title">{title}</p>
            <p>{error.to_string()}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                "Réessayer"
            </button>
        </div>
    }
}

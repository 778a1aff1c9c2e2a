//! What a screen shows while its data loads, or when it could not.

use leptos::prelude::*;

use crate::source::{AppData, LoadError};

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

/// What the user should know about the formations on screen: a partial list,
/// details that did not come, or a reload that failed while the previous list stays.
#[component]
pub fn DataNotices() -> impl IntoView {
    let data = expect_context::<AppData>();
    let notices = move || data.loaded().map(|loaded| loaded.notices).unwrap_or_default();
    let shown = move || !notices().is_empty() || data.reload_error.with(Option::is_some);
    view! {
        <Show when=shown>
            <div class="data-notices" role="status" aria-live="polite">
                {move || data.reload_error.get().map(|error| view! {
                    <p class="data-notices-error">
                        "Actualisation impossible : " {error.to_string()}
                        " Les formations affichées sont celles du chargement précédent."
                    </p>
                })}
                <ul>
                    {move || notices().iter().map(|notice| view! { <li>{notice.clone()}</li> }).collect_view()}
                </ul>
                <button type="button" class="button button-secondary" disabled=move || data.reloading.get()
                    on:click=move |_| data.reload()>
                    {move || if data.reloading.get() { "Nouvelle tentative…" } else { "Réessayer" }}
                </button>
            </div>
        </Show>
    }
}

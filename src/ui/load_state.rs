//! What a screen shows while its data loads, or when it could not.

use leptos::prelude::*;

use crate::source::{AppData, LoadError};
use crate::state::view::ViewStore;

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
    // A new answer, failed again or not, replaces this component: the flag lives until then.
    let retrying = RwSignal::new(false);
    let retry = move |_| {
        if !retrying.get_untracked() {
            retrying.set(true);
            on_retry.run(());
        }
    };
    view! {
        <div class="load-state load-error" role="alert">
            <p class="load-error-title">{title}</p>
            <p>{error.to_string()}</p>
            <TechnicalDetails error=error/>
            // Not `disabled` while retrying: the focus would fall out of the button.
            <button type="button" class="button" aria-disabled=move || retrying.get().to_string() on:click=retry>
                {move || if retrying.get() { "Nouvelle tentative…" } else { "Réessayer" }}
            </button>
        </div>
    }
}

/// The address and exact failure, folded: someone reporting the problem can read them out.
#[component]
pub fn TechnicalDetails(error: LoadError) -> impl IntoView {
    view! {
        <details class="technical-details">
            <summary>"Détails techniques"</summary>
            <p>{error.technical()}</p>
        </details>
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
        // Always in the page (an empty box draws nothing), so that its live region, which holds
        // only the sentences, is announced when they come; the details and the button sit beside it.
        <div class="data-notices" class:is-empty=move || !shown()>
            <div role="status" class="data-notices-text">
                {move || data.reload_error.get().map(|error| view! {
                    <p class="data-notices-error">
                        "Actualisation impossible : " {error.to_string()}
                        " Les formations affichées sont celles du chargement précédent."
                    </p>
                })}
                <ul>
                    {move || notices().iter().map(|notice| view! { <li>{notice.clone()}</li> }).collect_view()}
                </ul>
            </div>
            {move || data.reload_error.get().map(|error| view! { <TechnicalDetails error=error/> })}
            <Show when=shown>
                // Not `disabled` while reloading: the focus would fall out of the button.
                <button type="button" class="button button-secondary" aria-disabled=move || data.reloading.get().to_string()
                    on:click=move |_| if !data.reloading.get_untracked() { data.reload() }>
                    {move || if data.reloading.get() { "Nouvelle tentative…" } else { "Réessayer" }}
                </button>
            </Show>
        </div>
    }
}

/// Parameters of the address that could not be read, on whichever screen the link opened.
#[component]
pub fn AddressNotes() -> impl IntoView {
    let store = expect_context::<ViewStore>();
    // The region is always there (screen readers announce what comes into it); the box only with notes.
    view! {
        <div role="status" class="address-notes">
            {move || {
                let notes = store.notes.get();
                (!notes.is_empty()).then(|| view! {
                    <div class="notice">{notes.into_iter().map(|n| view! { <p>{n}</p> }).collect_view()}</div>
                })
            }}
        </div>
    }
}

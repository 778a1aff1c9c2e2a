//! A dataset figure as a row of the card: the value with its year and source,
//! or, when it is missing, that it is missing and why.

use leptos::prelude::*;
use proxipro_model::Figure;

/// `<dt>label</dt><dd>value · year · source</dd>`; `show` formats the value.
#[component]
pub fn FigureRow<T: Clone + Send + Sync + 'static>(
    #[prop(into)] label: String,
    figure: Figure<T>,
    show: fn(&T) -> String,
) -> impl IntoView {
    let origin = match (figure.year.is_empty(), figure.source.is_empty()) {
        (false, false) => format!("{} · source {}", figure.year, figure.source),
        (true, false) => format!("source {}", figure.source),
        (false, true) => figure.year.clone(),
        (true, true) => String::new(),
    };
    let value = match &figure.value {
        Some(value) => view! { <span class="figure-value">{show(value)}</span> }.into_any(),
        None => view! {
            <span class="figure-missing">
                "Non disponible"
                {figure.missing.clone().filter(|m| !m.is_empty()).map(|m| format!(" : {m}"))}
            </span>
        }
        .into_any(),
    };
    view! {
        <div class="figure-row">
            <dt>{label}</dt>
            <dd>
                {value}
                {(!origin.is_empty()).then(|| view! { <span class="figure-origin">{origin}</span> })}
            </dd>
        </div>
    }
}

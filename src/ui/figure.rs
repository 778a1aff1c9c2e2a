//! A dataset figure as a row of the card: the value with its year and source,
//! or, when it is missing, that it is missing and why.

use leptos::prelude::*;
use proxipro_model::Figure;

use crate::source::AppData;
use crate::state::view::ViewStore;

/// `<dt>label</dt><dd>value · year · source</dd>`; `show` formats the value.
#[component]
pub fn FigureRow<T: Clone + Send + Sync + 'static>(
    #[prop(into)] label: String,
    figure: Figure<T>,
    show: fn(&T) -> String,
) -> impl IntoView {
    let year = figure.year.clone();
    let source = (!figure.source.is_empty()).then(|| view! { <SourceName id=figure.source.clone()/> });
    let separator = (!year.is_empty() && source.is_some()).then_some(" · ");
    let origin = (!year.is_empty() || source.is_some()).then(|| view! { <span class="figure-origin">{year}{separator}{source}</span> });
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
                {origin}
            </dd>
        </div>
    }
}

/// A source's title, from the sources list once loaded (its id until then, or without it).
fn source_title(data: Option<AppData>, id: &str) -> String {
    let provenance = data.and_then(|data| data.provenance.get()).and_then(Result::ok);
    let title = provenance.and_then(|p| p.sources.iter().find(|source| source.id == id).map(|source| source.title.clone()));
    title.unwrap_or_else(|| id.to_string())
}

/// The figure's source by its title, as text: a card has a dozen figures, and as many links
/// would be as many Tab stops before its actions. The card lists its sources once, linked.
#[component]
pub fn SourceName(id: String) -> impl IntoView {
    let data = use_context::<AppData>();
    // Its name before the details (« Affelnet », not « Affelnet : capacités et demandes… »): the
    // card's sources section gives the whole title.
    let short = move || source_title(data, &id).split(" : ").next().unwrap_or_default().to_string();
    view! { <span class="source-name">{short}</span> }
}

/// A source by its title, linked to its entry on the sources page.
#[component]
pub fn SourceLink(id: String) -> impl IntoView {
    let data = use_context::<AppData>();
    let store = use_context::<ViewStore>();
    let anchor = format!("#source-{id}");
    let href = move || format!("{}{anchor}", store.map_or_else(|| "/a-propos".to_string(), |store| store.link("/a-propos")));
    view! { <a class="source-link" href=href>{move || source_title(data, &id)}</a> }
}

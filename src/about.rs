//! "Sources et à propos": where every figure comes from, with its licence and year.

use leptos::prelude::*;
use proxipro_model::{Provenance, Source};

use crate::source::AppData;
use crate::ui::focus::focus_first_shown;
use crate::ui::load_state::{LoadFailed, Loading};

#[component]
pub fn AboutPage() -> impl IntoView {
    let data = expect_context::<AppData>();
    let described = data.source.with_value(|source| source.describe());

    // A figure's source link (`#source-…`) lands on that source once the list is drawn: the
    // router does not scroll to fragments, and the page's heading took the focus on arrival.
    Effect::new(move |_| {
        if matches!(data.provenance.get(), Some(Ok(_))) {
            let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
            if hash.starts_with("#source-") {
                focus_first_shown(vec![hash]);
            }
        }
    });
    let sources = move || match data.provenance.get() {
        None => view! { <Loading message="Chargement des sources…"/> }.into_any(),
        Some(Err(error)) => view! {
            <LoadFailed
                title="Impossible de charger la liste des sources"
                error=error
                on_retry=move |_| data.provenance.refetch()
            />
        }
        .into_any(),
        Some(Ok(provenance)) => view! { <ProvenanceView provenance=provenance.as_ref().clone()/> }.into_any(),
    };

    view! {
        <article class="page about">
            <h1>"Sources et à propos"</h1>
            <p>
                "ProxiPro aide les élèves de collège et leurs professeurs à repérer les formations "
                "professionnelles (CAP, bac pro, apprentissage) accessibles depuis chez eux, et ce à quoi elles mènent."
            </p>
            <p class="data-origin">"Origine des données de cette session : " {described}</p>
            {sources}
            <h2>"Fond de carte"</h2>
            <p>"Plan IGN, © Institut national de l'information géographique et forestière (IGN), Géoplateforme."</p>
        </article>
    }
}

#[component]
fn ProvenanceView(provenance: Provenance) -> impl IntoView {
    let region = provenance.region;
    view! {
        <h2>"Données : " {region.name} " (académie de " {region.academie} ")"</h2>
        <ul class="source-list">
            {provenance.sources.into_iter().map(|source| view! { <SourceItem source=source/> }).collect_view()}
        </ul>
        <h2>"Méthodes"</h2>
        <ul>{provenance.methods.into_iter().map(|method| view! { <li>{method}</li> }).collect_view()}</ul>
    }
}

#[component]
fn SourceItem(source: Source) -> impl IntoView {
    view! {
        <li class="source-item" id=format!("source-{}", source.id) data-source=source.id>
            <h3>{source.title.clone()}</h3>
            <dl>
                <dt>"Producteur"</dt>
                <dd>{source.publisher}</dd>
                <dt>"Millésime"</dt>
                <dd>{source.year}</dd>
                <dt>"Licence"</dt>
                <dd>{source.licence}</dd>
                <dt>"Utilisé pour"</dt>
                <dd>{source.used_for}</dd>
                <dt>"Fichier"</dt>
                <dd><code>{source.file}</code></dd>
            </dl>
            {source.url.map(|url| view! {
                <a class="line-link" href=url rel="noopener" target="_blank">"Voir le jeu de données d'origine"<span class="visually-hidden">" (nouvelle fenêtre)"</span></a>
            })}
        </li>
    }
}

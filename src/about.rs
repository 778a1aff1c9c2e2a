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
            <TravelMethods/>
            <h2>"Fond de carte"</h2>
            <p>"Plan IGN, © Institut national de l'information géographique et forestière (IGN), Géoplateforme."</p>
        </article>
    }
}

/// How the trips are counted: the engine's speeds and limits, and what each time means.
#[component]
fn TravelMethods() -> impl IntoView {
    let params = proxipro_isochrone::EngineParams::default();
    let km_h = |metres_per_second: f64| proxipro_explore::format::number((metres_per_second * 3.6) as f32, 1);
    let walk = km_h(params.walk_speed_mps);
    let bike = km_h(params.bike_speed_mps);
    let snap_m = params.max_snap_m.round();
    let detour = proxipro_explore::format::decimal(params.detour_factor as f32, 1);
    let access_min = params.max_walk_s / 60;
    view! {
        <h2>"Temps de trajet"</h2>
        <ul>
            <li>"Calculés dans votre navigateur, à partir du point de départ choisi."</li>
            <li>
                {format!(
                    "À pied à {walk} km/h, à vélo à {bike} km/h, par les rues connues (à vélo, dans le sens autorisé). \
                     Là où aucune rue n'est connue à moins de {snap_m} m, la distance en ligne droite est multipliée par {detour} \
                     et le temps est signalé comme une estimation."
                )}
            </li>
            <li>
                {format!(
                    "Transports en commun : les horaires du réseau pour le jour indiqué sous les réglages du trajet, avec au plus \
                     {access_min} minutes de marche jusqu'au premier arrêt, et de courtes marches entre arrêts proches pour les correspondances."
                )}
            </li>
            <li>"« Partir à » : le trajet qui arrive le plus tôt en partant à l'heure choisie, attente comprise."</li>
            <li>
                "« Arriver avant » : pour chaque établissement et chaque point de la carte, le départ le plus tardif, essayé de minute \
                 en minute, qui arrive à l'heure ; la durée affichée va de ce départ à l'heure d'arrivée."
            </li>
            <li>
                "Sur la carte, les zones sont tracées à partir d'une grille de points autour du départ : un établissement tout près \
                 de leur bord peut tomber d'un côté ou de l'autre."
            </li>
        </ul>
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

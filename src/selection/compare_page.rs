//! `/comparer?offres=a,b`: two to four offers side by side.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use proxipro_model::Dataset;

use crate::state::view::ViewStore;
use crate::offers::{has_no_prospects, offer_title};
use crate::source::AppData;
use crate::ui::format::{decimal, percent};
use crate::ui::load_state::{LoadFailed, Loading};

#[component]
pub fn ComparePage() -> impl IntoView {
    let data = expect_context::<AppData>();
    let store = expect_context::<ViewStore>();
    let query = use_query_map();
    let ids = move || {
        query.read().get("offres").unwrap_or_default().split(',').filter(|id| !id.is_empty()).take(4).map(str::to_string).collect::<Vec<_>>()
    };
    let content = move || match data.dataset.get() {
        None => view! { <Loading message="Chargement…"/> }.into_any(),
        Some(Err(error)) => view! {
            <LoadFailed title="Impossible de charger les formations" error=error on_retry=move |_| data.dataset.refetch()/>
        }
        .into_any(),
        Some(Ok(loaded)) => comparison(&loaded.dataset, &ids()).into_any(),
    };
    view! {
        <article class="page compare">
            <p class="no-print"><a class="back-link" href=move || store.link("/selection")>"← Retour à ma sélection"</a></p>
            <h1>"Comparer des formations"</h1>
            {content}
        </article>
    }
}

fn comparison(dataset: &Dataset, ids: &[String]) -> impl IntoView {
    let offers: Vec<_> = ids.iter().filter_map(|id| dataset.offer(id)).collect();
    let store = expect_context::<ViewStore>();
    if offers.len() < 2 {
        return view! { <p>"Choisissez 2 à 4 formations dans votre sélection pour les comparer."</p> }.into_any();
    }
    let missing = || "non disponible".to_string();
    type Row<'a> = (&'static str, Box<dyn Fn(&proxipro_model::Offer) -> String + 'a>);
    let rows: Vec<Row> = vec![
        ("Établissement", Box::new(|o| dataset.school(&o.uai).map_or_else(missing, |s| s.name.clone()))),
        ("Commune", Box::new(|o| dataset.school(&o.uai).map_or_else(missing, |s| s.address.commune.clone()))),
        ("Voie", Box::new(|o| o.route.label().to_string())),
        ("Durée", Box::new(|o| dataset.programme(&o.cfd).and_then(|p| p.duration_years).map_or_else(missing, |y| format!("{y} ans")))),
        ("Places (2022)", Box::new(|o| o.access.capacity.get().map_or_else(missing, |v| v.to_string()))),
        ("Vœux de rang 1 (2022)", Box::new(|o| o.access.first_wishes.get().map_or_else(missing, |v| v.to_string()))),
        ("Taux de pression", Box::new(|o| o.access.pressure.get().map_or_else(missing, |v| decimal(v, 2)))),
        ("Emploi à 6 mois (région)", Box::new(|o| rate(dataset, o, |x| x.employment.get()))),
        ("Poursuite d'études (région)", Box::new(|o| rate(dataset, o, |x| x.further_study.get()))),
        ("Internat", Box::new(|o| match dataset.school(&o.uai).and_then(|s| s.boarding) {
            Some(true) => "oui".into(),
            Some(false) => "non".into(),
            None => missing(),
        })),
        ("Débouchés", Box::new(|o| if has_no_prospects(dataset, o) { "peu de débouchés".into() } else { "—".into() })),
    ];
    view! {
        <div class="table-wrap">
            <table class="compare-table">
                <caption class="visually-hidden">"Comparaison des formations choisies"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Critère"</th>
                        {offers.iter().map(|o| {
                            let title = dataset.programme(&o.cfd).map(offer_title).unwrap_or_default();
                            view! { <th scope="col"><a href=store.card_link(&o.id)>{title}</a></th> }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows.iter().map(|(label, cell)| view! {
                        <tr>
                            <th scope="row">{*label}</th>
                            {offers.iter().map(|o| view! { <td>{cell(o)}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

fn rate(dataset: &Dataset, offer: &proxipro_model::Offer, pick: fn(&proxipro_model::Outcomes) -> Option<f32>) -> String {
    dataset
        .outcomes_of(offer)
        .into_iter()
        .find(|(p, _)| p.cfd == offer.cfd)
        .and_then(|(_, o)| pick(o))
        .map_or_else(|| "non disponible".into(), percent)
}

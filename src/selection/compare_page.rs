//! `/comparer?offres=a,b`: two to four offers side by side.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use proxipro_model::{Dataset, Figure, Offer, Outcomes};

use crate::state::view::ViewStore;
use crate::source::AppData;
use proxipro_explore::format::{decimal, headline};
use crate::ui::load_state::{LoadFailed, Loading};

#[component]
pub fn ComparePage() -> impl IntoView {
    let data = expect_context::<AppData>();
    let store = expect_context::<ViewStore>();
    let query = use_query_map();
    let ids = move || {
        let mut ids: Vec<String> = Vec::new();
        for id in query.read().get("offres").unwrap_or_default().split(',').filter(|id| !id.is_empty()) {
            if !ids.iter().any(|known| known == id) {
                ids.push(id.to_string());
            }
        }
        ids.truncate(*super::COMPARED.end());
        ids
    };
    let content = move || match data.dataset.get() {
        None => view! { <Loading message="Chargement…"/> }.into_any(),
        Some(Err(error)) => view! {
            <LoadFailed title="Impossible de charger les formations" error=error on_retry=move |_| data.dataset.refetch()/>
        }
        .into_any(),
        Some(Ok(loaded)) => comparison(&loaded.dataset, !loaded.complete, &ids()).into_any(),
    };
    view! {
        <article class="page compare">
            <p class="no-print"><a class="back-link" href=move || store.link("/selection")>"← Retour à ma sélection"</a></p>
            <h1>"Comparer des formations"</h1>
            {content}
        </article>
    }
}

/// The "no prospects" verdict, which unpublished rates leave open (not the same as "fine").
fn prospects(dataset: &Dataset, offer: &proxipro_model::Offer) -> &'static str {
    if dataset.has_no_prospects(offer) {
        "peu de débouchés"
    } else if dataset.outcomes_of(offer).iter().any(|(_, o)| o.no_prospects() == Some(false)) {
        "pas d'alerte"
    } else {
        "non évaluable : taux non publiés"
    }
}

fn comparison(dataset: &Dataset, partial: bool, ids: &[String]) -> impl IntoView {
    let offers: Vec<_> = ids.iter().filter_map(|id| dataset.offer(id)).collect();
    let store = expect_context::<ViewStore>();
    // From an incomplete list (the API answered in part), the offers may simply not have come.
    let gone = match (ids.len() - offers.len(), partial) {
        (0, _) => None,
        (1, false) => Some("Une formation du lien ne figure plus dans les données.".to_string()),
        (n, false) => Some(format!("{n} formations du lien ne figurent plus dans les données.")),
        (1, true) => Some("Une formation du lien n'est pas dans la liste incomplète reçue.".to_string()),
        (n, true) => Some(format!("{n} formations du lien ne sont pas dans la liste incomplète reçue.")),
    };
    let gone = gone.map(|text| view! { <p class="notice" role="status">{text}</p> });
    if offers.len() < *super::COMPARED.start() {
        let text = format!("Choisissez {} à {} formations dans votre sélection pour les comparer.", super::COMPARED.start(), super::COMPARED.end());
        return view! { {gone} <p>{text}</p> }.into_any();
    }
    let missing = || "non disponible".to_string();
    type Row<'a> = (&'static str, Box<dyn Fn(&Offer) -> String + 'a>);
    let rows: Vec<Row> = vec![
        ("Établissement", Box::new(|o| dataset.school(&o.uai).map_or_else(missing, |s| s.name.clone()))),
        ("Commune", Box::new(|o| dataset.school(&o.uai).map_or_else(missing, |s| s.address.commune.clone()))),
        ("Voie", Box::new(|o| o.route.label().to_string())),
        ("Durée", Box::new(|o| crate::offers::duration(dataset, o).unwrap_or_else(missing))),
        ("Places", Box::new(|o| with_year(&o.access.capacity, |v| v.to_string()))),
        ("Vœux de rang 1", Box::new(|o| with_year(&o.access.first_wishes, |v| v.to_string()))),
        ("Taux de pression", Box::new(|o| with_year(&o.access.pressure, |v| decimal(v, 2)))),
        ("Emploi à 6 mois (région)", Box::new(|o| rate_with_year(dataset, o, |x| &x.employment))),
        ("Poursuite d'études (région)", Box::new(|o| rate_with_year(dataset, o, |x| &x.further_study))),
        ("Internat", Box::new(|o| match dataset.school(&o.uai).and_then(|s| s.boarding) {
            Some(true) => "oui".into(),
            Some(false) => "non".into(),
            None => missing(),
        })),
        ("Débouchés", Box::new(|o| prospects(dataset, o).into())),
    ];
    view! {
        {gone}
        <div class="table-wrap">
            <table class="compare-table">
                <caption class="visually-hidden">"Comparaison des formations choisies"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Critère"</th>
                        {offers.iter().map(|o| {
                            // The same diploma in two schools: the school tells the columns apart.
                            let school = dataset.school(&o.uai).map(|s| s.name.clone());
                            view! {
                                <th scope="col">
                                    <a href=store.card_link(&o.id)>
                                        {dataset.offer_title(o)}
                                        {school.map(|name| view! { <span class="compare-school">{name}</span> })}
                                    </a>
                                </th>
                            }
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


/// `30 (2022)`: the year travels with the figure (Affelnet 2022 here, the API's own year there).
/// A figure and its year, as the card gives them: on paper the table is all the family has.
fn with_year<T: Copy>(figure: &Figure<T>, show: impl Fn(T) -> String) -> String {
    match (figure.get(), figure.year.is_empty()) {
        (Some(value), false) => format!("{} ({})", show(value), figure.year),
        (Some(value), true) => show(value),
        (None, _) => "non disponible".into(),
    }
}

/// The offer's headline rate with the year of the figures it was taken from.
fn rate_with_year(dataset: &Dataset, offer: &Offer, rate: impl Fn(&Outcomes) -> &Figure<f32>) -> String {
    let text = headline(dataset.headline_rate(offer, |o| rate(o).get()));
    let year = dataset.outcomes_of(offer).into_iter().map(|(_, o)| rate(o)).find(|f| f.get().is_some()).map(|f| f.year.clone());
    match year.filter(|year| !year.is_empty()) {
        Some(year) => format!("{text} ({year})"),
        None => text,
    }
}

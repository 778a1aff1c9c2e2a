//! The offers of the dataset beside the map, each with the figures that matter most.

use std::sync::Arc;

use leptos::prelude::*;
use proxipro_model::{Dataset, Offer};

use super::{card_link, has_no_prospects, offer_title};
use crate::config::link_with;
use crate::ui::format::{decimal, percent};

#[component]
pub fn OfferList(
    dataset: Arc<Dataset>,
    /// Only the offers of this school, when the user picked one on the map.
    #[prop(into)]
    school: Signal<Option<String>>,
) -> impl IntoView {
    let rows = move || {
        let school = school.get();
        let mut offers: Vec<&Offer> =
            dataset.offers.iter().filter(|offer| school.as_ref().is_none_or(|uai| &offer.uai == uai)).collect();
        offers.sort_by_cached_key(|offer| {
            let programme = dataset.programme(&offer.cfd).map(offer_title).unwrap_or_default();
            let school = dataset.school(&offer.uai).map(|s| s.name.clone()).unwrap_or_default();
            (programme, school)
        });
        let count = match offers.len() {
            0 => "Aucune formation.".to_string(),
            1 => "1 formation".to_string(),
            n => format!("{n} formations"),
        };
        let school_name = school.as_ref().and_then(|uai| dataset.school(uai)).map(|s| s.name.clone());
        let items = offers.into_iter().map(|offer| offer_item(&dataset, offer)).collect_view();
        view! {
            <div class="list-header">
                <p class="list-count" role="status">
                    {count}
                    {school_name.clone().map(|name| format!(" à {name}"))}
                    {school_name.is_none().then(|| format!(" en {}", dataset.region.name))}
                </p>
                {school.is_some().then(|| view! {
                    <a class="chip" href=link_with("/", &[("ecole", None)])>
                        "Toutes les formations"
                    </a>
                })}
            </div>
            <ul class="offer-list">{items}</ul>
        }
    };
    view! { {rows} }
}

fn offer_item(dataset: &Dataset, offer: &Offer) -> impl IntoView {
    let programme = dataset.programme(&offer.cfd);
    let school = dataset.school(&offer.uai);
    let title = programme.map(offer_title).unwrap_or_else(|| offer.cfd.clone());
    let where_ = school.map(|s| format!("{} · {}", s.name, s.address.commune)).unwrap_or_default();
    let pressure = offer.access.pressure.get().map(|p| {
        let level = offer.access.pressure_level().map(|l| l.label()).unwrap_or_default();
        format!("Pression {} · {level}", decimal(p, 2))
    });
    let employment = dataset
        .outcomes_of(offer)
        .into_iter()
        .find(|(p, _)| p.cfd == offer.cfd)
        .and_then(|(_, o)| o.employment.get())
        .map(|rate| format!("Emploi à 6 mois : {} (région)", percent(rate)));
    let warning = has_no_prospects(dataset, offer);
    view! {
        <li>
            <a class="offer-item" href=card_link(&offer.id) data-offer=offer.id.clone() data-uai=offer.uai.clone()>
                <span class="offer-title">{title}</span>
                <span class="offer-school">{where_}</span>
                <span class="offer-figures">
                    {pressure.map(|text| view! { <span>{text}</span> })}
                    {employment.map(|text| view! { <span>{text}</span> })}
                </span>
                {warning.then(|| view! { <span class="warning-badge">"Peu de débouchés"</span> })}
            </a>
        </li>
    }
}

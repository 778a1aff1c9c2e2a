//! The schools of the dataset as a list; picking one shows it on the map.

use std::sync::Arc;

use leptos::prelude::*;
use proxipro_model::{Dataset, School};

#[component]
pub fn SchoolList(
    dataset: Arc<Dataset>,
    selected: ReadSignal<Option<String>>,
    #[prop(into)] on_pick: Callback<String>,
) -> impl IntoView {
    let mut schools: Vec<School> = dataset.schools.clone();
    schools.sort_by(|a, b| (&a.address.commune, &a.name).cmp(&(&b.address.commune, &b.name)));
    let count = match schools.len() {
        0 => "Aucun établissement dans ce jeu de données.".to_string(),
        1 => format!("1 établissement en {}", dataset.region.name),
        n => format!("{n} établissements en {}", dataset.region.name),
    };

    view! {
        <p class="list-count" role="status">{count}</p>
        <ul class="school-list">
            {schools
                .into_iter()
                .map(|school| {
                    let uai = school.uai.clone();
                    let is_selected = {
                        let uai = uai.clone();
                        move || selected.get().as_deref() == Some(uai.as_str())
                    };
                    view! {
                        <li>
                            <button
                                type="button"
                                class="school-item"
                                data-uai=uai.clone()
                                aria-pressed=move || is_selected().to_string()
                                on:click=move |_| on_pick.run(uai.clone())
                            >
                                <span class="school-item-name">{school.name.clone()}</span>
                                <span class="school-item-meta">
                                    {format!("{} · {}", school.address.commune, school.kind.label())}
                                </span>
                                {(school.boarding == Some(true))
                                    .then(|| view! { <span class="badge">"Internat"</span> })}
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

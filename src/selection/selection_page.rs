//! `/selection`: the wish list, reordered, annotated, compared, printed, exported, shared.

use std::collections::BTreeSet;

use leptos::html;
use leptos::prelude::*;
use proxipro_explore::url_state::selection_param;
use proxipro_explore::wishlist::MAX_NOTE;
use proxipro_explore::{export, Ambition};
use proxipro_model::Dataset;

use super::download;
use crate::state::journeys::JourneyStore;
use crate::state::view::ViewStore;
use crate::config::link_with;
use crate::journey::Journey;
use crate::source::AppData;
use crate::state::wishes::WishStore;
use crate::ui::clipboard::{copy_link, Copied};
use crate::ui::focus::focus_first_shown;
use proxipro_explore::format::{count, decimal, headline};
use crate::ui::load_state::{LoadFailed, Loading};

#[component]
pub fn SelectionPage() -> impl IntoView {
    let data = expect_context::<AppData>();
    let content = move || match data.dataset.get() {
        None => view! { <Loading message="Chargement de votre sélection…"/> }.into_any(),
        Some(Err(error)) => view! {
            <LoadFailed title="Impossible de charger les formations" error=error on_retry=move |_| data.dataset.refetch()/>
        }
        .into_any(),
        Some(Ok(loaded)) => view! { <Selection dataset=loaded.dataset complete=loaded.complete/> }.into_any(),
    };
    view! {
        <article class="page selection">
            <h1 tabindex="-1">"Ma sélection"</h1>
            {content}
        </article>
    }
}

/// The two buttons go with the choice made: the focus goes to the list kept.
fn focus_after_choice() {
    focus_first_shown(vec![".wish:first-child .wish-title".into(), ".selection h1".into()]);
}

#[component]
fn Selection(
    dataset: std::sync::Arc<Dataset>,
    /// Whether the data source gave all its formations: a partial list must not cost any wish.
    complete: bool,
) -> impl IntoView {
    let store = expect_context::<WishStore>();
    let view_store = expect_context::<ViewStore>();
    let journeys = expect_context::<JourneyStore>();
    // Wishes whose offer left the dataset (after an update) are dropped, and the user told;
    // with a partial list they are only set aside until a complete one comes.
    if complete {
        let gone = store.list.try_update(|l| l.retain_known(|id| dataset.offer(id).is_some())).unwrap_or(0);
        match gone {
            0 => {}
            1 => store.notice.set(Some("Un vœu de votre sélection ne figure plus dans les données et a été retiré.".into())),
            n => store.notice.set(Some(format!("{n} vœux de votre sélection ne figurent plus dans les données et ont été retirés."))),
        }
    } else {
        let missing = store.list.with_untracked(|l| l.wishes.iter().filter(|w| dataset.offer(&w.offer_id).is_none()).count());
        match missing {
            0 => {}
            1 => store.notice.set(Some("Un vœu n'est pas dans la liste incomplète reçue : il est gardé et reviendra avec la liste complète.".into())),
            n => store.notice.set(Some(format!("{n} vœux ne sont pas dans la liste incomplète reçue : ils sont gardés et reviendront avec la liste complète."))),
        }
    }
    let compared = RwSignal::new(BTreeSet::<String>::new());
    let message = RwSignal::new(None::<String>);
    // What a move or a removal did, for screen readers (the focus follows, but says nothing).
    let said = RwSignal::new(String::new());
    let share_field = NodeRef::<html::Input>::new();
    let copied = RwSignal::new(None::<Copied>);
    let share_link = Memo::new(move |_| {
        let selection = store.list.with(selection_param);
        let path = link_with("/selection", &[("selection", Some(&selection))]);
        let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
        format!("{origin}{path}")
    });

    let trip_dataset = dataset.clone();
    let rows = {
        let dataset = dataset.clone();
        move || {
            let wishes = store.list.get().wishes;
            let count = wishes.len();
            wishes
                .into_iter()
                .enumerate()
                .map(|(rank, wish)| {
                    // Kept from a partial list (see above): shown in its place, so that ranks and moves stay true.
                    let Some(offer) = dataset.offer(&wish.offer_id).cloned() else {
                        return view! {
                            <li class="wish" data-offer=wish.offer_id.clone()>
                                <div class="wish-head">
                                    <span class="wish-rank">{rank + 1}</span>
                                    <div>
                                        <p class="wish-title">"Formation absente de la liste incomplète reçue"</p>
                                        <p class="offer-school">{format!("Référence {} · {}", wish.offer_id, wish.ambition.label())}</p>
                                    </div>
                                </div>
                            </li>
                        }
                        .into_any();
                    };
                    let school = dataset.school(&offer.uai);
                    let title = dataset.offer_title(&offer);
                    let where_ = school.map(|s| format!("{} · {}", s.name, s.address.commune)).unwrap_or_default();
                    // A missing figure is said to be missing, on screen and on paper.
                    let figures = [
                        offer.access.pressure.get().map_or("Pression : non disponible".into(), |p| format!("Pression {}", decimal(p, 2))),
                        format!("Emploi à 6 mois en région : {}", headline(dataset.headline_rate(&offer, |o| o.employment.get()))),
                        format!("Poursuite d'études en région : {}", headline(dataset.headline_rate(&offer, |o| o.further_study.get()))),
                    ];
                    let warning = dataset.has_no_prospects(&offer);
                    // From the chosen starting point, on screen and on the family's paper.
                    let trip = journeys.journey.with(|journey| {
                        let journey = journey.as_ref()?;
                        Some(match journey.schools.get(&offer.uai) {
                            Some(reached) => format!("Trajet : {}", reached.summary()),
                            None => format!("Trajet : plus de {} min", crate::journey::LONGEST_MINUTES),
                        })
                    });
                    let id = StoredValue::new(wish.offer_id.clone());
                    let note_id = format!("note-{rank}");
                    // What paper shows of the note follows the typing, even before the field is left.
                    let note = RwSignal::new(wish.note.clone());
                    // The same diploma is taught in several schools: the school tells the buttons apart.
                    let named = school.map_or_else(|| format!("« {title} »"), |s| format!("« {title} » ({})", s.name));
                    let (up, down, compare, remove) =
                        (format!("Monter {named}"), format!("Descendre {named}"), format!("Comparer {named}"), format!("Retirer {named}"));
                    let named = StoredValue::new(named);
                    let say_rank = move || {
                        let position = id.with_value(|id| store.list.with_untracked(|l| l.wishes.iter().position(|w| &w.offer_id == id)));
                        if let Some(position) = position {
                            said.set(format!("{} : maintenant n° {}.", named.get_value(), position + 1));
                        }
                    };
                    view! {
                        <li class="wish" data-offer=wish.offer_id.clone()>
                            <div class="wish-head">
                                <span class="wish-rank">{rank + 1}</span>
                                <div>
                                    <a class="wish-title" href=view_store.card_link(&wish.offer_id)>{title}</a>
                                    <p class="offer-school">{where_}</p>
                                    <p class="offer-figures">{figures.into_iter().map(|f| view! { <span>{f}</span> }).collect_view()}</p>
                                    {trip.map(|trip| view! { <p class="wish-trip">{trip}</p> })}
                                    {warning.then(|| view! { <span class="warning-badge">"Peu de débouchés"</span> })}
                                </div>
                            </div>
                            <div class="wish-controls no-print">
                                <label>
                                    "Ambition "
                                    <select
                                        class="wish-ambition"
                                        prop:value=wish.ambition.code()
                                        on:change=move |event| {
                                            if let Some(ambition) = Ambition::from_code(&event_target_value(&event)) {
                                                id.with_value(|id| store.list.update(|l| { l.add(id, ambition); }));
                                            }
                                        }
                                    >
                                        {Ambition::ALL.into_iter().map(|a| view! { <option value=a.code()>{a.label()}</option> }).collect_view()}
                                    </select>
                                </label>
                                <button type="button" class="icon-button" data-move="up" disabled=rank == 0
                                    aria-label=up
                                    on:click=move |_| { id.with_value(|id| { store.list.update(|l| l.shift(id, -1)); focus_moved(id, "up"); }); say_rank(); }>"↑"</button>
                                <button type="button" class="icon-button" data-move="down" disabled=rank + 1 == count
                                    aria-label=down
                                    on:click=move |_| { id.with_value(|id| { store.list.update(|l| l.shift(id, 1)); focus_moved(id, "down"); }); say_rank(); }>"↓"</button>
                                <label class="check compare-check">
                                    <input type="checkbox"
                                        aria-label=compare
                                        prop:checked=move || id.with_value(|id| compared.with(|c| c.contains(id)))
                                        on:change=move |event| {
                                            let on = event_target_checked(&event);
                                            id.with_value(|id| compared.update(|c| { if on { c.insert(id.clone()); } else { c.remove(id); } }));
                                        }
                                    />
                                    "Comparer"
                                </label>
                                <button type="button" class="link-button" aria-label=remove
                                    on:click=move |_| id.with_value(|id| {
                                        compared.update(|c| { c.remove(id); });
                                        store.list.update(|l| l.remove(id));
                                        said.set(format!("{} retirée de votre sélection.", named.get_value()));
                                        focus_after_removal(rank);
                                    })>
                                    "Retirer"
                                </button>
                            </div>
                            <p class="print-only">{"Ambition : "}{wish.ambition.label()}</p>
                            {move || note.with(|n| !n.is_empty()).then(|| view! { <p class="print-only wish-note-print">{"Note : "}{note.get()}</p> })}
                            <label class="wish-note" for=note_id.clone()>"Note (portes ouvertes, questions…)"</label>
                            <textarea
                                id=note_id
                                class="wish-note-input"
                                maxlength=MAX_NOTE.to_string()
                                prop:value=wish.note.clone()
                                on:input=move |event| {
                                    let text = event_target_value(&event);
                                    id.with_value(|id| store.edit_quietly(|l| l.set_note(id, &text)));
                                    note.set(text);
                                }
                                on:change=move |event| {
                                    let note = event_target_value(&event);
                                    id.with_value(|id| store.list.update(|l| l.set_note(id, &note)));
                                }
                            ></textarea>
                        </li>
                    }
                    .into_any()
                })
                .collect_view()
        }
    };

    let export_csv = {
        let dataset = dataset.clone();
        move |_| {
            // Travel times from the chosen starting point, when there is one and the network is loaded.
            let minutes = journeys.journey.with_untracked(|journey| journey.as_ref().map(Journey::minutes));
            let trips = minutes.as_ref().map(|minutes| export::TripTimes { minutes, longest_minutes: crate::journey::LONGEST_MINUTES });
            let csv = store.list.with(|l| export::csv(&dataset, l, trips));
            message.set(download("ma-selection-proxipro.csv", "text/csv;charset=utf-8", &csv).err());
        }
    };
    let export_geojson = {
        let dataset = dataset.clone();
        move |_| {
            let geojson = store.list.with(|l| export::geojson(&dataset, l));
            message.set(download("ma-selection-proxipro.geojson", "application/geo+json", &geojson).err());
        }
    };
    let copy = move |_| copy_link(&share_link.get_untracked(), share_field, copied);
    let compare_href = move || {
        let ids: Vec<String> = compared.get().into_iter().collect();
        link_with("/comparer", &[("offres", Some(&ids.join(","))), ("selection", None)])
    };

    view! {
        // The live region holds only the sentence; the choice after a shared link sits beside it.
        <div role="status">{move || store.notice.get().map(|notice| view! { <p class="notice">{notice}</p> })}</div>
        {move || store.replaced.with(|r| r.as_ref().map(|r| r.wishes.len())).map(|n| view! {
            <p class="notice-actions no-print">
                <button type="button" class="link-button" on:click=move |_| { store.restore_replaced(); focus_after_choice(); }>
                    {format!("Revenir à ma sélection précédente ({})", count(n as u32, "formation", "formations"))}
                </button>
                <button type="button" class="link-button" on:click=move |_| { store.keep_shared(); focus_after_choice(); }>
                    "Garder la sélection reçue"
                </button>
            </p>
        })}
        {move || store.list.with(|l| l.wishes.is_empty()).then(|| view! {
            <p>"Votre sélection est vide. Depuis la fiche d'une formation, ajoutez-la en choisissant son ambition."</p>
            <p><a href=move || view_store.link("/")>"Explorer les formations"</a></p>
        })}
        {move || store.list.with(|l| !l.wishes.is_empty() && !l.has_safe_choice()).then(|| view! {
            <p class="warning" role="note">
                "Aucun vœu « sécurisant » : ajoutez au moins une formation où l'admission est probable (pression faible, proche de chez vous)."
            </p>
        })}
        // What the trips on the rows are: from where, how (and, by public transport, when).
        {move || {
            let state = view_store.state.get();
            let origin = state.origin?;
            let place = crate::journey::origin_name(Some(&trip_dataset), origin);
            Some(view! { <p class="trip-context">{format!("Trajets {} depuis {place}.", crate::journey::trip_terms(&state))}</p> })
        }}
        <ol class="wish-list">{rows}</ol>
        {move || store.list.with(|l| !l.wishes.is_empty()).then(|| view! {
            <div class="selection-actions no-print">
                {move || {
                    let n = compared.with(BTreeSet::len);
                    if super::COMPARED.contains(&n) {
                        view! { <a class="button" href=compare_href()>{format!("Comparer ces {n} formations")}</a> }.into_any()
                    } else {
                        view! { <span class="hint">{format!("Cochez {} à {} formations pour les comparer.", super::COMPARED.start(), super::COMPARED.end())}</span> }.into_any()
                    }
                }}
                <button type="button" class="button button-secondary" on:click=|_| { let _ = web_sys::window().map(|w| w.print()); }>"Imprimer"</button>
                <button type="button" class="button button-secondary" on:click=export_csv.clone()>"Exporter (CSV)"</button>
                <button type="button" class="button button-secondary" on:click=export_geojson.clone()>"Exporter (GeoJSON)"</button>
                <button type="button" class="button button-secondary" on:click=copy>"Copier le lien de partage"</button>
            </div>
            <label class="no-print share-label">
                "Lien de partage"
                <input class="share-link" type="text" readonly node_ref=share_field prop:value=move || share_link.get()/>
            </label>
            // The link reopens the same view, starting point included: often the student's home.
            {move || share_link.with(|link| link.contains("depart=")).then(|| view! {
                <p class="hint no-print">"Ce lien contient aussi votre point de départ : ne le partagez qu'avec des personnes de confiance."</p>
            })}
        })}
        <div role="status">{move || message.get().map(|m| view! { <p class="notice no-print">{m}</p> })}</div>
        <p role="status" class="copy-status no-print">{move || copied.get().map_or("", Copied::message)}</p>
        <p role="status" class="visually-hidden">{said}</p>
    }
}

/// The list is redrawn after a move: the focus follows the moved wish (its other arrow at an end).
fn focus_moved(offer_id: &str, direction: &'static str) {
    let arrow = |direction: &str| format!(".wish[data-offer=\"{offer_id}\"] [data-move={direction}]:not([disabled])");
    focus_first_shown(vec![arrow(direction), arrow(if direction == "up" { "down" } else { "up" })]);
}

/// After a removal the focus goes to the wish now in that place, else the last one, else the heading.
fn focus_after_removal(rank: usize) {
    focus_first_shown(vec![
        format!(".wish:nth-child({}) .wish-title", rank + 1),
        ".wish:last-child .wish-title".to_string(),
        ".selection h1".to_string(),
    ]);
}

//! On a card: add the offer to the selection with an ambition, change it, or remove it.

use leptos::prelude::*;
use proxipro_explore::wishlist::MAX_WISHES;
use proxipro_explore::Ambition;

use crate::state::view::ViewStore;
use crate::state::wishes::WishStore;
use crate::ui::focus::focus_first_shown;

#[component]
pub fn WishButtons(offer_id: String) -> impl IntoView {
    let store = expect_context::<WishStore>();
    let view_store = expect_context::<ViewStore>();
    let id = StoredValue::new(offer_id);
    let current = move || id.with_value(|id| store.list.with(|l| l.get(id).map(|w| w.ambition)));
    let full = RwSignal::new(false);
    let removed = RwSignal::new(false);
    let remove = move |_| {
        id.with_value(|id| store.list.update(|l| l.remove(id)));
        removed.set(true);
        // The button is gone with its line: the focus goes back to the choice, not to the page's start.
        focus_first_shown(vec![".wish-box .ambition-button".into()]);
    };

    view! {
        <section class="wish-box" aria-labelledby="titre-selection">
            <h2 id="titre-selection">"Ma sélection"</h2>
            <p class="hint">"Classez ce vœu : ambitieux (A+), réaliste (A) ou sécurisant (B). Une stratégie prudente garde au moins un vœu sécurisant."</p>
            // Pressed buttons rather than radios: choosing adds the offer to the selection, which
            // arrow keys moving through a radio group would do by the way.
            <div class="ambition-choice" role="group" aria-label="Ambition de ce vœu">
                {Ambition::ALL
                    .into_iter()
                    .map(|ambition| view! {
                        <button
                            type="button"
                            class="ambition-button"
                            data-ambition=ambition.code()
                            aria-pressed=move || (current() == Some(ambition)).to_string()
                            on:click=move |_| {
                                let added = id.with_value(|id| {
                                    let mut added = false;
                                    store.list.update(|l| added = l.add(id, ambition));
                                    added
                                });
                                full.set(!added);
                                removed.set(false);
                            }
                        >
                            {ambition.label()}
                        </button>
                    })
                    .collect_view()}
            </div>
            // The sentence is a live region, always in the page; the link and the button sit beside it.
            <p class="wish-status">
                <span role="status">
                    {move || match current() {
                        Some(ambition) => format!("Dans votre sélection : {}. ", ambition.label()),
                        None if removed.get() => "Formation retirée de votre sélection.".to_string(),
                        None => String::new(),
                    }}
                </span>
                {move || current().is_some().then(|| view! {
                    <a href=move || view_store.link("/selection")>"Voir ma sélection"</a>
                    " · "
                    <button type="button" class="link-button" on:click=remove>"Retirer"</button>
                })}
            </p>
            {move || full.get().then(|| view! {
                <p role="alert" class="load-error">{format!("Votre sélection compte déjà {MAX_WISHES} vœux : retirez-en un pour en ajouter.")}</p>
            })}
        </section>
    }
}

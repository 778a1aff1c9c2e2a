use leptos::prelude::*;

use crate::state::view::ViewStore;
use crate::state::wishes::WishStore;
use crate::ui::cache_notice::CacheNotice;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let wishes = expect_context::<WishStore>();
    let store = expect_context::<ViewStore>();
    view! {
        <a class="skip-link" href="#contenu">"Aller au contenu"</a>
        <header class="site-header">
            <a class="brand" href=move || store.link("/")>
                <span class="brand-name">"ProxiPro"</span>
                <span class="brand-tagline">"Les formations professionnelles à portée de chez soi"</span>
            </a>
            <nav aria-label="Navigation principale">
                <ul>
                    <li><a href=move || store.link("/")>"Carte"</a></li>
                    <li>
                        <a href=move || store.link("/selection")>
                            "Ma sélection"
                            {move || {
                                let n = wishes.list.with(|l| l.wishes.len());
                                (n > 0).then(|| view! { <span class="nav-count" aria-label=format!("{n} vœux")>{n}</span> })
                            }}
                        </a>
                    </li>
                    <li><a href=move || store.link("/a-propos")>"Sources et à propos"</a></li>
                </ul>
            </nav>
        </header>
        <CacheNotice/>
    }
}

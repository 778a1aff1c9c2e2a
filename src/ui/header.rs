use leptos::prelude::*;

use crate::config::keep_query;
use crate::state::wishes::WishStore;
use crate::ui::cache_notice::CacheNotice;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let wishes = expect_context::<WishStore>();
    view! {
        <a class="skip-link" href="#contenu">"Aller au contenu"</a>
        <header class="site-header">
            <a class="brand" href=keep_query("/")>
                <span class="brand-name">"ProxiPro"</span>
                <span class="brand-tagline">"Les formations professionnelles à portée de chez soi"</span>
            </a>
            <nav aria-label="Navigation principale">
                <ul>
                    <li><a href=keep_query("/")>"Carte"</a></li>
                    <li>
                        <a href=keep_query("/selection")>
                            "Ma sélection"
                            {move || {
                                let n = wishes.list.with(|l| l.wishes.len());
                                (n > 0).then(|| view! { <span class="nav-count" aria-label=format!("{n} vœux")>{n}</span> })
                            }}
                        </a>
                    </li>
                    <li><a href=keep_query("/a-propos")>"Sources et à propos"</a></li>
                </ul>
            </nav>
        </header>
        <CacheNotice/>
    }
}

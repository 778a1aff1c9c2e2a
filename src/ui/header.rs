use leptos::prelude::*;

use crate::state::view::ViewStore;
use crate::state::wishes::WishStore;
use crate::ui::cache_notice::CacheNotice;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let wishes = expect_context::<WishStore>();
    let store = expect_context::<ViewStore>();
    let pathname = leptos_router::hooks::use_location().pathname;
    // The menu says where the user is (`aria-current`), for screen readers and to the eye.
    let current = move |path: &'static str| move || pathname.with(|p| p == path).then_some("page");
    view! {
        <a class="skip-link" href="#contenu">"Aller au contenu"</a>
        <header class="site-header">
            <a class="brand" href=move || store.link("/")>
                <span class="brand-name">"ProxiPro"</span>
                <span class="brand-tagline">"Les formations professionnelles à portée de chez soi"</span>
            </a>
            <nav aria-label="Navigation principale">
                <ul>
                    <li><a href=move || store.link("/") aria-current=current("/")>"Carte"</a></li>
                    <li>
                        <a href=move || store.link("/selection") aria-current=current("/selection")>
                            "Ma sélection"
                            {move || {
                                let n = wishes.list.with(|l| l.wishes.len());
                                (n > 0).then(|| view! { <span class="nav-count" aria-label=proxipro_explore::format::count(n as u32, "vœu", "vœux")>{n}</span> })
                            }}
                        </a>
                    </li>
                    <li><a href=move || store.link("/a-propos") aria-current=current("/a-propos")>"Sources et à propos"</a></li>
                </ul>
            </nav>
        </header>
        <CacheNotice/>
    }
}

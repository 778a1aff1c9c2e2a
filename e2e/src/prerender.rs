//! The explorer's first screen as static HTML, copied from the running app.
//!
//! A phone needs about 3 s to download and start the app (its wasm is about 380 KB).
//! Meanwhile `index.html` already shows this copy: the real form, filters and list of
//! the default region, its controls disabled until the app replaces it (`tools/post_build.py`
//! puts it in the page; src/ui/shell_handover.rs swaps it out). The copy is committed; an e2e test
//! takes it again from the app under test and fails when it has drifted, and
//! `cargo run -p proxipro-e2e --bin prerender` writes it anew.

use std::path::PathBuf;

use crate::{Browser, StaticServer};

/// Where the copy is committed (read by the Trunk hook, not copied to `dist/`).
pub fn fragment_path() -> PathBuf {
    crate::repo_root().join("public/prerendered/explorer.html")
}

/// The page the copy stands for: the explorer of the default region, with nothing chosen.
/// (Its map asks the real tile server, unreachable here; the copy leaves the map empty anyway.)
pub const EXPLORER_HOME: &str = "/";

/// Opens the explorer's home in `browser`, waits for the app's own list, and returns the
/// copy of its header and main content, ready to be painted before the app starts.
pub async fn explorer_first_screen(browser: &Browser, server: &StaticServer) -> String {
    browser.open(&server.url(EXPLORER_HOME)).await;
    browser.wait_for("main .offer-item").await;
    browser.wait_for(".filters input[type=checkbox]").await;
    let copy = browser.script(SNAPSHOT).await;
    let copy = copy.as_str().expect("the snapshot script returns the page's HTML");
    assert!(
        copy.contains("id=\"coquille-vue-liste\"") && copy.contains("class=\"offer-item\""),
        "the copy is the app's explorer with its list: {}",
        &copy[..copy.len().min(300)]
    );
    format!("{copy}\n")
}

/// Copies the app's nodes under `<body>`:
/// - form fields keep their current values (a live value is a property, which HTML does not show);
/// - the map is left empty, for Leaflet to draw once the app runs; the closed card sheet goes;
/// - the transport network's status is left empty, as it is when the app takes over (it is
///   fetched 3 s after the list: a copy taken later would show it);
/// - ids and radio groups are prefixed, since the copy and the app share the page for a moment;
/// - Leptos's placeholder comments go;
/// - its fields and buttons are disabled, as they would do nothing before the app, but for the
///   starting point's field: what is typed there is carried over to the app's field
///   (src/ui/shell_handover.rs). Its links work: they load their page. Readable, headings and
///   landmarks kept; `<main>` is marked busy.
const SNAPSHOT: &str = r##"
const out = document.createElement('div');
for (const node of document.body.children) {
    if (['SCRIPT', 'NOSCRIPT', 'LINK'].includes(node.tagName) || node.id === 'coquille') continue;
    const copy = node.cloneNode(true);
    const fields = 'input, select, textarea';
    const live = node.querySelectorAll(fields), copied = copy.querySelectorAll(fields);
    live.forEach((field, i) => {
        const to = copied[i];
        if (field.type === 'checkbox' || field.type === 'radio') to.toggleAttribute('checked', field.checked);
        else if (field.tagName === 'SELECT') [...field.options].forEach((o, j) => to.options[j].toggleAttribute('selected', o.selected));
        else if (field.tagName === 'TEXTAREA') to.textContent = field.value;
        else to.setAttribute('value', field.value);
    });
    out.appendChild(copy);
}
out.querySelectorAll('dialog').forEach(d => d.remove());
out.querySelectorAll('.network-line').forEach(line => line.replaceChildren());
for (const map of out.querySelectorAll('.school-map')) {
    map.replaceChildren();
    map.className = [...map.classList].filter(c => !c.startsWith('leaflet')).join(' ');
    map.removeAttribute('tabindex');
    map.removeAttribute('style');
}
const ids = new Set([...out.querySelectorAll('[id]')].map(e => e.id));
const prefix = value => value.split(/\s+/).map(id => ids.has(id) ? 'coquille-' + id : id).join(' ');
out.querySelectorAll('[id]').forEach(e => { e.id = 'coquille-' + e.id; });
for (const name of ['for', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'list']) {
    out.querySelectorAll('[' + name + ']').forEach(e => e.setAttribute(name, prefix(e.getAttribute(name))));
}
out.querySelectorAll('a[href^="#"]').forEach(a => a.setAttribute('href', '#' + prefix(a.getAttribute('href').slice(1))));
out.querySelectorAll('input[type=radio][name]').forEach(e => e.setAttribute('name', 'coquille-' + e.getAttribute('name')));
const comments = document.createTreeWalker(out, NodeFilter.SHOW_COMMENT);
const dropped = [];
while (comments.nextNode()) dropped.push(comments.currentNode);
dropped.forEach(c => c.remove());
out.querySelectorAll('main input:not(#coquille-depart), main select, main textarea, main button').forEach(e => e.setAttribute('disabled', ''));
out.querySelectorAll('main').forEach(m => m.setAttribute('aria-busy', 'true'));
// One offer per line: a new dataset or wording shows as a readable diff.
return out.innerHTML.replaceAll('<li>', '\n<li>');
"##;

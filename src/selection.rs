//! "Ma sélection": the wishes a student keeps, with an ambition tag and a note;
//! compared side by side, printed for the family, exported, shared by link.

pub mod compare_page;
pub mod selection_page;
pub mod wish_button;

use std::ops::RangeInclusive;

use wasm_bindgen::JsCast;

/// How many offers the compare page sets side by side: more would not fit a phone or a page.
pub const COMPARED: RangeInclusive<usize> = 2..=4;

/// Offers a download of `content` as `file_name` (CSV, GeoJSON), without any server.
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), String> {
    let fail = |what: &str| format!("Le téléchargement n'a pas pu être préparé ({what}).");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| fail("fichier"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("adresse"))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| fail("page"))?;
    let link: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|_| fail("lien"))?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

//! Leaflet calls the `leaflet` crate does not bind (or binds wrongly), and DOM
//! helpers for popups. Popup content is built from text nodes, never HTML
//! strings, so a school name can never inject markup.

use leaflet::{DivIconOptions, Icon};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

#[wasm_bindgen]
extern "C" {
    // leaflet 0.5's `DivIcon::new` calls `new L.Icon`, which ignores `html` and `className`.
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    pub fn div_icon(options: &DivIconOptions) -> Icon;

    /// `L.geoJSON(...)`: a feature group, whose bounds the map can fit.
    #[wasm_bindgen(extends = leaflet::Layer)]
    pub type GeoJsonLayer;

    #[wasm_bindgen(js_namespace = L, js_name = geoJSON)]
    pub fn geo_json(data: &JsValue, options: &JsValue) -> GeoJsonLayer;

    #[wasm_bindgen(method, js_name = getBounds)]
    pub fn get_bounds(this: &GeoJsonLayer) -> leaflet::LatLngBounds;

    /// A Leaflet marker seen through the one method the crate does not bind.
    type MarkerWithElement;

    // Undefined until the marker is on a map.
    #[wasm_bindgen(method, js_name = getElement)]
    fn get_element(this: &MarkerWithElement) -> Option<web_sys::HtmlElement>;
}

/// Sets or clears a CSS class on a marker's icon.
pub fn mark(marker: &leaflet::Marker, class: &str, on: bool) {
    if let Some(element) = marker.unchecked_ref::<MarkerWithElement>().get_element() {
        let classes = element.class_list();
        // Class names are constants of ours: toggling them cannot fail.
        let _ = if on { classes.add_1(class) } else { classes.remove_1(class) };
    }
}

/// The marker's icon in the page, once the marker is on the map.
pub fn marker_element(marker: &leaflet::Marker) -> Option<web_sys::HtmlElement> {
    marker.unchecked_ref::<MarkerWithElement>().get_element()
}

/// Takes a marker out of the Tab order (or puts it back): greyed-out schools, left for context,
/// should not cost keyboard users a stop each.
pub fn tab_stop(marker: &leaflet::Marker, on: bool) {
    if let Some(element) = marker.unchecked_ref::<MarkerWithElement>().get_element() {
        let _ = element.set_attribute("tabindex", if on { "0" } else { "-1" });
    }
}

/// `fitBounds` options: a margin in pixels, and no animation — Leaflet ignores a
/// new view asked for while a zoom animation runs, so a second fit would be lost.
pub fn fit_options(padding_px: f64) -> JsValue {
    let padding = js_sys::Array::of2(&padding_px.into(), &padding_px.into());
    options(&[("padding", padding.into()), ("animate", JsValue::FALSE)])
}

/// A plain JS object from `(key, value)` pairs, for Leaflet options.
pub fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

/// Appends `<tag class=…>text</tag>` to `parent` and returns it.
pub fn append_text(document: &Document, parent: &Element, tag: &str, class: &str, text: &str) -> Option<Element> {
    let element = document.create_element(tag).ok()?;
    element.set_class_name(class);
    element.set_text_content(Some(text));
    parent.append_child(&element).ok()?;
    Some(element)
}

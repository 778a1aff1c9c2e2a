//! One marker per school, a popup naming it, and the list's selection shown on the map.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;

use leaflet::{
    DivIconOptions, LatLng, LatLngBounds, LayerGroup, Map, MapOptions, Marker, MarkerOptions, Point, PopupOptions, TileLayer,
    TileLayerOptions,
};
use leptos::html::Div;
use wasm_bindgen::prelude::*;
use leptos::prelude::*;
use proxipro_model::{Dataset, School};

use super::leaflet_glue::{append_text, div_icon, fit_options, geo_json, mark, marker_element, options, tab_stop};
use crate::config::AppConfig;

/// Rennes, shown until the schools' extent is known.
const START: (f64, f64, f64) = (48.11, -1.68, 9.0);
/// Street level, where schools of the same town no longer overlap.
const FOCUS_ZOOM: f64 = 14.0;
/// A second tap within this is a double-tap (zoom), not a new origin.
const DOUBLE_TAP: std::time::Duration = std::time::Duration::from_millis(300);
/// Leaflet closes an open popup on the same tap, just before its click.
const SAME_TAP_MS: f64 = 50.0;

/// Isochrone polygons, (minutes, GeoJSON) widest first, with the origin (lat, lon) they were computed from.
pub type Polygons = (Option<(f64, f64)>, Vec<(u32, String)>);

struct LiveMap {
    map: Map,
    /// The user's system asks for less motion: the map jumps instead of gliding.
    reduced_motion: bool,
    markers: LayerGroup,
    by_uai: HashMap<String, Marker>,
    /// Schools whose marker is drawn muted (no offer passes the filters).
    muted: HashSet<String>,
    fitted: bool,
    /// The isochrones, redrawn with each budget.
    journey: LayerGroup,
    /// The origin's marker, redrawn only when the origin moves.
    origin: LayerGroup,
    origin_drawn: Option<(f64, f64)>,
    /// The origin the view was last fitted to: a new origin brings its isochrones into view.
    fitted_origin: Option<(f64, f64)>,
    /// A fit asked while the map was hidden (phone list view), done when it shows: Leaflet
    /// measures a hidden map as 0x0 and would zoom in to the street.
    pending_fit: Option<LatLngBounds>,
    /// Kept alive as long as the map: Leaflet calls it on every click.
    _on_click: Closure<dyn FnMut(leaflet::MouseEvent)>,
    _on_popup_close: Closure<dyn FnMut(JsValue)>,
    /// Gives a popup's link its address when it is about to be followed, so it carries the view of that moment.
    refresh_link: Closure<dyn Fn(web_sys::Event)>,
}

#[component]
pub fn SchoolMap(
    /// The loaded dataset; `None` while loading keeps the map empty but usable.
    #[prop(into)]
    dataset: Signal<Option<Arc<Dataset>>>,
    /// UAI of the school whose popup is open.
    selected: RwSignal<Option<String>>,
    /// UAI of the school to highlight (the list item under the pointer or focus).
    highlighted: RwSignal<Option<String>>,
    /// Schools with at least one offer passing the filters; the others are muted.
    #[prop(into)]
    visible_schools: Signal<HashSet<String>>,
    /// The journey origin, drawn as its own marker.
    #[prop(into)]
    origin: Signal<Option<proxipro_model::LatLon>>,
    /// Isochrone polygons, (minutes, GeoJSON), widest first, and the origin they were computed from.
    #[prop(into)]
    bands: Signal<Polygons>,
    /// A click or tap on the map: (lat, lon) of the new origin.
    #[prop(into)]
    on_pick_origin: Callback<(f64, f64)>,
    /// False while the map is hidden (phone list view); Leaflet must re-measure when it returns.
    #[prop(into)]
    shown: Signal<bool>,
    /// The address listing one school's formations (by UAI), for the popups' links.
    #[prop(into)]
    school_link: Callback<String, String>,
) -> impl IntoView {
    let config = expect_context::<AppConfig>();
    let container = NodeRef::<Div>::new();
    let live = StoredValue::new_local(None::<LiveMap>);
    // Bumped once the markers exist: a school chosen before (a shared `ecole=` link) is then focused.
    let markers_ready = RwSignal::new(0u32);
    // Leaflet's script did not load (blocked, offline first visit): the list still works.
    let map_failed = RwSignal::new(false);

    Effect::new(move |_| {
        let Some(element) = container.get() else { return };
        let dataset = dataset.get();
        let store = live;
        live.update_value(|live| {
            if live.is_none() {
                *live = create_map(&element, &config, on_pick_origin, school_link);
                if let Some(created) = live {
                    // A map shown by the layout itself (a phone turned, a window widened), not by
                    // the list/map toggle, gets the fit it was waiting for too. Next frame: Leaflet
                    // also fires this inside our own `invalidate_size`, while the map is borrowed.
                    let fit_when_shown = Closure::<dyn Fn()>::new(move || {
                        request_animation_frame(move || {
                            store.try_update_value(|live| {
                                if let Some(live) = live {
                                    if let Some(bounds) = live.pending_fit.take() {
                                        live.fit(bounds);
                                    }
                                }
                            });
                        });
                    });
                    created.map.on("resize", &fit_when_shown.into_js_value());
                }
            }
            let Some(live) = live else {
                map_failed.set(true);
                return;
            };
            if let Some(dataset) = dataset {
                live.show_schools(&dataset, highlighted);
                visible_schools.with_untracked(|visible| live.mute_others(visible));
                markers_ready.update(|n| *n += 1);
            }
        });
    });

    // Both wait for the next frame: the phone layout may have just un-hidden the
    // map, and Leaflet measures the container (and popups) only once it is visible.
    Effect::new(move |_| {
        let uai = selected.get();
        let shown = shown.get();
        markers_ready.track();
        request_animation_frame(move || {
            live.try_update_value(|live| {
                let Some(live) = live else { return };
                if shown {
                    live.map.invalidate_size(false);
                    if let Some(bounds) = live.pending_fit.take() {
                        live.fit(bounds);
                    }
                }
                if let Some(uai) = &uai {
                    live.focus_school(uai);
                }
            });
        });
    });

    // Only the markers whose state changed are touched: a filter click must not restyle a thousand icons.
    Effect::new(move |_| {
        visible_schools.with(|visible| {
            live.update_value(|live| {
                if let Some(live) = live {
                    live.mute_others(visible);
                }
            })
        });
    });
    Effect::new(move |previous: Option<Option<String>>| {
        let now = highlighted.get();
        live.with_value(|live| {
            let Some(live) = live else { return };
            if let Some(marker) = previous.flatten().and_then(|uai| live.by_uai.get(&uai)) {
                mark(marker, "is-highlighted", false);
            }
            if let Some(marker) = now.as_ref().and_then(|uai| live.by_uai.get(uai)) {
                mark(marker, "is-highlighted", true);
            }
        });
        now
    });

    Effect::new(move |_| {
        let origin = origin.get();
        let (from, bands) = bands.get();
        live.update_value(|live| {
            if let Some(live) = live {
                crate::perf::measure("bandsDraw", || live.show_journey(origin, from, &bands));
            }
        });
    });

    on_cleanup(move || {
        live.try_update_value(|live| live.take().map(|live| live.map.remove()));
    });

    view! {
        <div
            class="school-map"
            node_ref=container
            role="region"
            aria-label="Carte des établissements"
        >
            <Show when=move || map_failed.get()>
                <p class="load-state load-error" role="alert">
                    "Carte indisponible : la bibliothèque de carte (Leaflet) n'a pas pu être chargée. "
                    "La liste des formations et les temps de trajet restent utilisables ; rechargez la page pour réessayer."
                </p>
            </Show>
        </div>
    }
}

fn create_map(
    element: &web_sys::HtmlDivElement,
    config: &AppConfig,
    on_pick: Callback<(f64, f64)>,
    school_link: Callback<String, String>,
) -> Option<LiveMap> {
    let options = MapOptions::new();
    // Quarter zoom steps let the département fill the map instead of snapping a level out.
    options.set_zoom_snap(0.25);
    let reduced_motion = web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|query| query.matches());
    if reduced_motion {
        options.set_zoom_animation(false);
        options.set_fade_animation(false);
        options.set_marker_zoom_animation(false);
    }
    let map = Map::new_with_element(element, &options).ok()?;
    map.set_view(&LatLng::new(START.0, START.1), START.2);

    let tile_options = TileLayerOptions::new();
    tile_options.set_attribution(config.tiles_attribution.clone());
    tile_options.set_max_zoom(19.0);
    TileLayer::new_options(&config.tiles_url, &tile_options).add_to(&map);

    let journey = LayerGroup::new();
    journey.add_to(&map);
    let origin = LayerGroup::new();
    origin.add_to(&map);
    let markers = LayerGroup::new();
    markers.add_to(&map);
    // A tap that closes a popup only closes it, and the two taps of a double-tap zoom only zoom:
    // the origin moves after a lone click, once no second one has come.
    let popup_closed_at = Rc::new(Cell::new(f64::NEG_INFINITY));
    let pending = Rc::new(Cell::new(None::<TimeoutHandle>));
    let on_popup_close = {
        let popup_closed_at = popup_closed_at.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| popup_closed_at.set(crate::perf::now()))
    };
    map.on("popupclose", on_popup_close.as_ref());
    let on_click = {
        let pending = pending.clone();
        Closure::<dyn FnMut(leaflet::MouseEvent)>::new(move |event: leaflet::MouseEvent| {
            if let Some(first) = pending.take() {
                first.clear();
                return;
            }
            if crate::perf::now() - popup_closed_at.get() < SAME_TAP_MS {
                return;
            }
            let point = (event.lat_lng().lat(), event.lat_lng().lng());
            let pending_now = pending.clone();
            let pick = move || {
                pending_now.set(None);
                // The explorer may have been left during the pause: its callback is gone then.
                let _ = on_pick.try_run(point);
            };
            pending.set(set_timeout_with_handle(pick, DOUBLE_TAP).ok());
        })
    };
    map.on("click", on_click.as_ref());
    let refresh_link = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        let link = event.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if let Some(link) = link {
            if let Some(uai) = link.get_attribute("data-uai") {
                let _ = link.set_attribute("href", &school_link.run(uai));
            }
        }
    });
    Some(LiveMap {
        map,
        reduced_motion,
        markers,
        by_uai: HashMap::new(),
        muted: HashSet::new(),
        fitted: false,
        journey,
        origin,
        origin_drawn: None,
        fitted_origin: None,
        pending_fit: None,
        _on_click: on_click,
        _on_popup_close: on_popup_close,
        refresh_link,
    })
}

impl LiveMap {
    fn show_schools(&mut self, dataset: &Dataset, highlighted: RwSignal<Option<String>>) {
        let schools = &dataset.schools;
        self.markers.clear_layers();
        self.by_uai.clear();
        self.muted.clear();
        let icon_options = DivIconOptions::new();
        icon_options.set_class_name("school-marker".into());
        icon_options.set_icon_size(Point::new(22.0, 22.0));
        icon_options.set_popup_anchor(Point::new(0.0, -10.0));
        let icon = div_icon(&icon_options);
        let popup_options = PopupOptions::new();
        popup_options.set_min_width(200.0);
        popup_options.set_max_width(280.0);

        for school in schools {
            let options = MarkerOptions::new();
            options.set_icon(icon.clone());
            options.set_title(school.name.clone());
            options.set_alt(school.name.clone());
            let marker = Marker::new_with_options(&lat_lng(school), &options);
            if let Some(content) = popup_content(school, dataset.offers_at(&school.uai).count(), &self.refresh_link) {
                marker.bind_popup_with_options(&content, &popup_options);
                keyboard_popup(&marker, &content);
            }
            // A marker under the pointer highlights its school's rows in the list, as a row does its marker.
            let (over, out) = (school.uai.clone(), school.uai.clone());
            let enter = Closure::<dyn Fn()>::new(move || {
                if !crate::ui::pointer::is_touch() {
                    highlighted.set(Some(over.clone()));
                }
            });
            let leave = Closure::<dyn Fn()>::new(move || {
                if highlighted.with_untracked(|h| h.as_deref() == Some(out.as_str())) {
                    highlighted.set(None);
                }
            });
            marker.on("mouseover", &enter.into_js_value());
            marker.on("mouseout", &leave.into_js_value());
            self.markers.add_layer(&marker);
            self.by_uai.insert(school.uai.clone(), marker);
        }
        if !self.fitted {
            if let Some(bounds) = bounds(schools) {
                self.fit(bounds);
                self.fitted = true;
            }
        }
    }

    /// Shows `bounds` now, or when the map is next shown if it is hidden.
    fn fit(&mut self, bounds: LatLngBounds) {
        if self.map.get_container().client_width() == 0 {
            self.pending_fit = Some(bounds);
        } else {
            self.pending_fit = None;
            self.map.fit_bounds_with_options(&bounds, &fit_options(24.0));
        }
    }
}

impl LiveMap {
    /// Mutes the markers of schools not in `visible`, touching only those that change.
    fn mute_others(&mut self, visible: &HashSet<String>) {
        for (uai, marker) in &self.by_uai {
            let muted = !visible.contains(uai);
            if self.muted.contains(uai) != muted {
                mark(marker, "is-muted", muted);
                tab_stop(marker, !muted);
                if muted {
                    self.muted.insert(uai.clone());
                } else {
                    self.muted.remove(uai);
                }
            }
        }
    }

    /// Centres the map on a school, close enough to tell it from its neighbours, and opens its popup.
    fn focus_school(&self, uai: &str) {
        let Some(marker) = self.by_uai.get(uai) else { return };
        let zoom = self.map.get_zoom().max(FOCUS_ZOOM);
        self.map.set_view_with_options(&marker.get_lat_lng(), zoom, &options(&[("animate", JsValue::from_bool(!self.reduced_motion))]));
        marker.open_popup();
    }
}

impl LiveMap {
    fn show_journey(&mut self, origin: Option<proxipro_model::LatLon>, from: Option<(f64, f64)>, bands: &[(u32, String)]) {
        self.journey.clear_layers();
        let key = origin.map(|o| (o.lat, o.lon));
        // A new origin's marker shows at once; the previous origin's polygons are not drawn
        // (nor fitted) around it while its own are computed.
        let bands = if from == key { bands } else { &[] };
        let count = bands.len().max(1) as f64;
        for (rank, (minutes, geojson)) in bands.iter().enumerate() {
            let Ok(data) = js_sys::JSON::parse(geojson) else { continue };
            // Nearer bands darker: the widest (the budget) is the lightest.
            let opacity = 0.10 + 0.12 * rank as f64 / count;
            let style = options(&[
                ("color", JsValue::from_str("#000091")),
                ("weight", JsValue::from_f64(if rank == 0 { 2.0 } else { 1.0 })),
                ("fillColor", JsValue::from_str("#000091")),
                ("fillOpacity", JsValue::from_f64(opacity)),
                ("className", JsValue::from_str(&format!("isochrone isochrone-{minutes}"))),
            ]);
            let layer = geo_json(&data, &options(&[("style", style), ("interactive", JsValue::FALSE)]));
            self.journey.add_layer(&layer);
            if rank == 0 && key != self.fitted_origin {
                // An empty band has no bounds to fit.
                let has_area = geojson.contains("[[");
                if has_area {
                    self.fit(layer.get_bounds());
                    self.fitted_origin = key;
                }
            }
        }
        if key == self.origin_drawn {
            return;
        }
        self.origin.clear_layers();
        self.origin_drawn = key;
        if let Some(origin) = origin {
            let icon_options = DivIconOptions::new();
            icon_options.set_class_name("origin-marker".into());
            icon_options.set_icon_size(Point::new(26.0, 26.0));
            let marker_options = MarkerOptions::new();
            marker_options.set_icon(div_icon(&icon_options));
            marker_options.set_title("Point de départ".into());
            marker_options.set_alt("Point de départ".into());
            marker_options.set_keyboard(false);
            let marker = Marker::new_with_options(&LatLng::new(origin.lat, origin.lon), &marker_options);
            self.origin.add_layer(&marker);
        }
    }
}

fn lat_lng(school: &School) -> LatLng {
    LatLng::new(school.position.lat, school.position.lon)
}

fn bounds(schools: &[School]) -> Option<LatLngBounds> {
    let first = schools.first()?;
    let bounds = LatLngBounds::new(&lat_lng(first), &lat_lng(first));
    for school in &schools[1..] {
        bounds.extend(&lat_lng(school));
    }
    Some(bounds)
}

/// A popup opened with Enter takes the focus (its link would otherwise be a Tab past every
/// later marker), and Escape in it closes it and gives the focus back to its marker.
fn keyboard_popup(marker: &Marker, content: &web_sys::Element) {
    let (opened_marker, opened_content) = (marker.clone(), content.clone());
    let opened = Closure::<dyn Fn()>::new(move || {
        let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
        // Opened from the keyboard: a click or a tap focuses the marker too, but not visibly.
        let from_marker = active.is_some_and(|a| {
            marker_element(&opened_marker).is_some_and(|m| m.is_same_node(Some(&a)) && m.matches(":focus-visible").unwrap_or(false))
        });
        let link = opened_content.query_selector(".map-popup-link").ok().flatten();
        if let Some(link) = link.filter(|_| from_marker).and_then(|l| l.dyn_into::<web_sys::HtmlElement>().ok()) {
            // Scrolling the map's box to the link would shift every pane under Leaflet.
            let no_scroll = web_sys::FocusOptions::new();
            no_scroll.set_prevent_scroll(true);
            let _ = link.focus_with_options(&no_scroll);
        }
    });
    marker.on("popupopen", &opened.into_js_value());
    let closing_marker = marker.clone();
    let escape = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |event: web_sys::KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            closing_marker.close_popup();
            if let Some(icon) = marker_element(&closing_marker) {
                let _ = icon.focus();
            }
        }
    });
    let _ = content.add_event_listener_with_callback("keydown", escape.into_js_value().unchecked_ref());
}

fn popup_content(school: &School, offers: usize, refresh_link: &Closure<dyn Fn(web_sys::Event)>) -> Option<web_sys::Element> {
    let document = web_sys::window()?.document()?;
    let root = document.create_element("div").ok()?;
    root.set_class_name("map-popup");
    append_text(&document, &root, "strong", "map-popup-name", &school.name);
    let kind = format!("{} · {}", school.kind.label(), school.sector.label());
    append_text(&document, &root, "span", "map-popup-kind", &kind);
    let address = format!("{}, {} {}", school.address.street, school.address.postcode, school.address.commune);
    append_text(&document, &root, "span", "map-popup-address", &address);
    if school.boarding == Some(true) {
        append_text(&document, &root, "span", "map-popup-boarding", "Internat");
    }
    // A plain link: the router turns it into in-app navigation, and it works with the keyboard.
    let label = match offers {
        0 => "Aucune formation proposée après la 3e".to_string(),
        1 => "Voir sa formation".to_string(),
        n => format!("Voir ses {n} formations"),
    };
    if offers > 0 {
        let link = append_text(&document, &root, "a", "map-popup-link", &label)?;
        link.set_attribute("data-uai", &school.uai).ok()?;
        link.set_attribute("href", &format!("/?ecole={}", school.uai)).ok()?;
        // Before the router reads it (click) and before the browser shows or opens it (hover, focus).
        for kind in ["click", "mouseover", "focus"] {
            link.add_event_listener_with_callback(kind, refresh_link.as_ref().unchecked_ref()).ok()?;
        }
    } else {
        append_text(&document, &root, "span", "map-popup-kind", &label);
    }
    Some(root)
}

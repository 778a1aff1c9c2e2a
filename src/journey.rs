//! Travel times from the chosen origin to every school, and the isochrone
//! polygons, computed in the browser with the isochrone engine.

use std::collections::HashMap;
use std::sync::Arc;

use proxipro_explore::url_state::{Mode, BUDGET_RANGE};
use proxipro_explore::ViewState;
use proxipro_isochrone::contour::{isochrones, to_geojson, ContourParams};
use proxipro_isochrone::grid::{GridSpec, TravelTimeGrid};
use proxipro_isochrone::street::{StreetMode, Targets, TravelMethod};
use proxipro_isochrone::transit::{LatestDepartureQuery, TransitQuery};
use proxipro_isochrone::{Engine, LatLon};
use proxipro_model::{Dataset, NetworkInfo};

/// Cells per half-side of the isochrone grid: 121 × 121 points, but for short trips where the
/// smallest radius and cell below make it smaller (a 5-minute walk is about 25 × 25).
const HALF_CELLS: f64 = 60.0;
/// The grid reaches at least this far: below, contours would have too few cells to follow.
const MIN_RADIUS_M: f64 = 500.0;
/// Finer cells than this add points the street network cannot tell apart.
const MIN_CELL_M: f64 = 40.0;
/// Public transport is known this far around the outermost stops.
const NETWORK_MARGIN_DEG: f64 = 0.01;

/// The engine with the schools prepared as targets (snapped once).
pub struct Routing {
    /// Shared by the routings of successive formations lists (an API reload): built once per network.
    pub engine: Arc<Engine>,
    pub info: NetworkInfo,
    uais: Vec<String>,
    schools: Targets,
}

impl Routing {
    pub fn new(engine: Arc<Engine>, info: NetworkInfo, dataset: &Dataset) -> Self {
        let uais = dataset.schools.iter().map(|s| s.uai.clone()).collect();
        let points = dataset.schools.iter().map(|s| LatLon::new(s.position.lat, s.position.lon)).collect();
        let schools = engine.targets(points);
        Routing { engine, info, uais, schools }
    }

    /// Whether public transport is known around `point`.
    pub fn covers(&self, point: LatLon) -> bool {
        let [south_west, north_east] = self.info.bounds;
        (south_west.lat - NETWORK_MARGIN_DEG..=north_east.lat + NETWORK_MARGIN_DEG).contains(&point.lat)
            && (south_west.lon - NETWORK_MARGIN_DEG..=north_east.lon + NETWORK_MARGIN_DEG).contains(&point.lon)
    }
}

/// How one school is reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Reached {
    pub minutes: f32,
    /// « ligne C4 puis métro a + 6 min à pied », « à pied », « départ 7 h 32 · ligne C4 + 3 min à pied »…
    pub how: String,
    /// Straight line × detour, no street data near one end.
    pub estimate: bool,
}

impl Reached {
    /// « ≈ 27 min · ligne C4 + 6 min à pied », the same on the list, the card and the selection.
    pub fn summary(&self) -> String {
        format!("≈ {} min · {}", proxipro_explore::filters::shown_minutes(self.minutes), self.how)
    }
}

/// Travel times from one origin to every school: what the list filters and sorts on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Journey {
    pub schools: HashMap<String, Reached>,
    /// Said above the list: estimates, outside the network…
    pub notes: Vec<String>,
}

impl Journey {
    pub fn minutes(&self) -> HashMap<String, f32> {
        self.schools.iter().map(|(uai, r)| (uai.clone(), r.minutes)).collect()
    }
}

/// The isochrone polygons of a journey: what the map draws.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bands {
    /// The origin (lat, lon) they were computed from: the map does not draw them around another.
    pub from: Option<(f64, f64)>,
    /// (minutes, GeoJSON FeatureCollection), widest first.
    pub bands: Vec<(u32, String)>,
    pub notes: Vec<String>,
}

/// Arriving by a given time by public transport: times are to each point's latest departure.
fn arriving_by(state: &ViewState) -> bool {
    state.arrive_by && state.mode == Mode::Transit
}

/// How far from a commune's centre a starting point is still said to be « près de » it.
pub const NEAR_KM: f64 = 8.0;

/// A starting point as people say it: `près de Rennes (48,1173 ; -1,6778)`, or `point choisi (…)`.
pub fn origin_name(dataset: Option<&Dataset>, origin: proxipro_model::LatLon) -> String {
    let near = dataset.and_then(|dataset| dataset.nearest_commune(origin, NEAR_KM)).map(|place| place.name.clone());
    // Latitude ; longitude: with decimal commas, a comma between them would be ambiguous.
    let point = format!("{:.4} ; {:.4}", origin.lat, origin.lon).replace('.', ",");
    match near {
        Some(commune) => format!("près de {commune} ({point})"),
        None => format!("point choisi ({point})"),
    }
}

/// The mode in words: « à pied », « à vélo », « en transports en commun ». Written out rather
/// than lowercased from the label: `to_lowercase` brings Unicode's case tables into the wasm (7 KB brotli).
pub fn mode_words(mode: Mode) -> &'static str {
    match mode {
        Mode::Walk => "à pied",
        Mode::Bike => "à vélo",
        Mode::Transit => "en transports en commun",
    }
}

/// How the trips are counted: the mode, and for public transport the timetable's terms.
pub fn trip_terms(state: &ViewState) -> String {
    match state.mode {
        Mode::Transit if state.arrive_by => format!("{}, arrivée avant {}", mode_words(state.mode), proxipro_explore::format::clock(state.time)),
        Mode::Transit => format!("{}, départ à {}", mode_words(state.mode), proxipro_explore::format::clock(state.time)),
        Mode::Walk | Mode::Bike => mode_words(state.mode).to_string(),
    }
}

/// Everything a trip's display depends on: the origin, what the times depend on, and the budget
/// (which schools are within reach, which polygons are drawn).
pub fn trip_key(state: &ViewState) -> (Option<proxipro_model::LatLon>, TimesKey, u32) {
    (state.origin, times_key(state), state.budget)
}

pub type TimesKey = (Mode, u32, bool);

/// What school times and isochrone grids depend on: never the budget (it only says which schools are
/// within reach), and the time of day only for public transport (walking and cycling take as long at any hour).
pub fn times_key(state: &ViewState) -> TimesKey {
    match state.mode {
        Mode::Transit => (state.mode, state.time, state.arrive_by),
        Mode::Walk | Mode::Bike => (state.mode, 0, false),
    }
}

fn speed(routing: &Routing, mode: Mode) -> f64 {
    let params = routing.engine.params();
    match mode {
        Mode::Walk => params.walk_speed_mps,
        Mode::Bike => params.bike_speed_mps,
        // A generous bound on how far a bus can take you, to size the grid.
        Mode::Transit => 7.0,
    }
}

fn thresholds(budget: u32) -> Vec<u32> {
    let mut minutes: Vec<u32> = (1..=6).map(|i| i * 15).filter(|m| *m < budget).collect();
    minutes.push(budget);
    minutes
}

/// Longest trip worth listing, whatever the budget: boarding schools further away are kept with their time.
pub const LONGEST_MINUTES: u32 = 90;
const LONGEST_S: u32 = LONGEST_MINUTES * 60;

fn street_mode(mode: Mode) -> (StreetMode, &'static str) {
    if mode == Mode::Walk {
        (StreetMode::Walk, "à pied")
    } else {
        (StreetMode::Bike, "à vélo")
    }
}

/// Times to every school (up to 90 minutes), whatever the budget: arriving by a given time, to each
/// school's latest departure.
pub fn school_times(routing: &Routing, state: &ViewState, origin: LatLon) -> Journey {
    let mut notes = Vec::new();
    let mut schools = HashMap::new();
    match state.mode {
        Mode::Walk | Mode::Bike => {
            let (street_mode, word) = street_mode(state.mode);
            let times = routing.engine.street_travel_times(origin, street_mode, &routing.schools, LONGEST_S);
            for (uai, time) in routing.uais.iter().zip(times) {
                if let Some(time) = time {
                    let estimate = time.method == TravelMethod::StraightLineEstimate;
                    let how = if estimate { format!("{word} (estimation en ligne droite)") } else { word.to_string() };
                    schools.insert(uai.clone(), Reached { minutes: time.seconds as f32 / 60.0, how, estimate });
                }
            }
        }
        Mode::Transit => {
            if !routing.covers(origin) {
                notes.push(format!(
                    "Ce point est hors du réseau de transport connu ({}) : seuls les trajets à pied sont comptés.",
                    routing.info.operator
                ));
            }
            if state.arrive_by {
                // The latest departure that still makes it: the time the student really spends.
                let arrive_by_s = state.time * 60;
                let query = LatestDepartureQuery::every_minute(origin, arrive_by_s, LONGEST_S);
                let journeys = routing.engine.transit_latest_journeys(&query, &routing.schools);
                for (uai, journey) in routing.uais.iter().zip(journeys) {
                    let Some(journey) = journey else { continue };
                    let how = format!("départ {} · {}", clock(journey.departure_s), describe(journey.summary));
                    let minutes = (arrive_by_s - journey.departure_s) as f32 / 60.0;
                    schools.insert(uai.clone(), Reached { minutes, how, estimate: false });
                }
            } else {
                let query = TransitQuery { origin, departure_s: state.time * 60, max_travel_s: LONGEST_S };
                let result = routing.engine.transit_travel_times(&query, &routing.schools);
                for (index, (uai, target)) in routing.uais.iter().zip(result.targets()).enumerate() {
                    let Some(travel_s) = target.travel_s else { continue };
                    let how = describe(result.journey_summary(&routing.engine, index));
                    schools.insert(uai.clone(), Reached { minutes: travel_s as f32 / 60.0, how, estimate: false });
                }
            }
        }
    }
    Journey { schools, notes }
}

/// The travel-time grids of the current trip, kept so that moving the slider only needs new
/// contours: the one computed for the budget, and a wider one computed ahead in idle time.
#[derive(Default)]
pub struct Grids {
    /// The engine they were computed with (held, so another one cannot take its address).
    engine: Option<Arc<Engine>>,
    kept: Vec<CachedGrid>,
}

struct CachedGrid {
    key: GridKey,
    budget: u32,
    grid: TravelTimeGrid,
    notes: Vec<String>,
}

/// Grids kept for one trip: the budget's own, the one ahead, and the one before.
const GRIDS_KEPT: usize = 3;

impl Grids {
    /// The finest grid that answers `state` from `origin`: same trip, a budget it covers, and
    /// still fine enough (at least half its budget, so 30 cells or more across the radius).
    fn find(&self, state: &ViewState, origin: LatLon) -> Option<&CachedGrid> {
        let key = grid_key(state, origin);
        self.kept.iter().filter(|g| g.key == key && (g.budget / 2..=g.budget).contains(&state.budget)).min_by_key(|g| g.budget)
    }

    /// Whether the polygons for `state` are only contours on a grid already computed.
    pub fn answers(&self, state: &ViewState, origin: LatLon) -> bool {
        self.find(state, origin).is_some()
    }

    /// Whether a kept grid covers the budget and reaches above it: raising it is already cheap.
    fn reaches_above(&self, state: &ViewState, origin: LatLon) -> bool {
        let key = grid_key(state, origin);
        self.kept.iter().any(|g| g.key == key && g.budget > state.budget && g.budget / 2 <= state.budget)
    }

    fn keep(&mut self, grid: CachedGrid) {
        self.kept.retain(|g| g.key == grid.key);
        if self.kept.len() >= GRIDS_KEPT {
            self.kept.remove(0);
        }
        self.kept.push(grid);
    }

    /// Forgets grids computed with another engine (another network).
    fn use_engine(&mut self, engine: &Arc<Engine>) {
        if !self.engine.as_ref().is_some_and(|kept| Arc::ptr_eq(kept, engine)) {
            self.engine = Some(engine.clone());
            self.kept.clear();
        }
    }
}

/// What a grid depends on: the trip as for school times, and the origin (a grid answers every budget
/// it covers, arriving by a given time too: its times are to each point's latest departure).
type GridKey = (TimesKey, u64, u64);

fn grid_key(state: &ViewState, origin: LatLon) -> GridKey {
    (times_key(state), origin.lat.to_bits(), origin.lon.to_bits())
}

/// The isochrones for the budget: a grid of (up to) 121 × 121 points around the origin, then contours.
/// A budget that a kept grid covers is only new contours on it: the polygons follow the slider at once.
pub fn bands(routing: &Routing, state: &ViewState, origin: LatLon, grids: &mut Grids) -> Bands {
    grids.use_engine(&routing.engine);
    if !grids.answers(state, origin) {
        grids.keep(travel_grid(routing, state, origin));
    }
    let Some(cached) = grids.find(state, origin) else { return Bands::default() };
    let minutes = thresholds(state.budget);
    let seconds: Vec<u32> = minutes.iter().map(|m| m * 60).collect();
    let polygons = crate::perf::measure("bandsContours", || isochrones(&cached.grid, &seconds, ContourParams::default()));
    let mut bands: Vec<(u32, String)> =
        minutes.into_iter().zip(polygons).map(|(m, band)| (m, to_geojson(std::slice::from_ref(&band)))).collect();
    bands.reverse();
    Bands { from: Some((origin.lat, origin.lon)), bands, notes: cached.notes.clone() }
}

/// Computes, while the user reads the map, the grid for twice the budget: raising the
/// slider then costs contours only. Returns whether there was anything to compute.
pub fn grid_ahead(routing: &Routing, state: &ViewState, origin: LatLon, grids: &mut Grids) -> bool {
    grids.use_engine(&routing.engine);
    let wider = (state.budget * 2).min(*BUDGET_RANGE.end());
    if wider <= state.budget || !grids.answers(state, origin) || grids.reaches_above(state, origin) {
        return false;
    }
    let mut ahead = state.clone();
    ahead.budget = wider;
    grids.keep(travel_grid(routing, &ahead, origin));
    true
}

fn travel_grid(routing: &Routing, state: &ViewState, origin: LatLon) -> CachedGrid {
    let budget_s = state.budget * 60;
    let mut notes = Vec::new();
    let radius = (budget_s as f64 * speed(routing, state.mode)).max(MIN_RADIUS_M);
    let spec = GridSpec::around(origin, radius, (radius / HALF_CELLS).max(MIN_CELL_M));
    let grid_targets = routing.engine.targets(spec.points());
    let mut grid = match state.mode {
        Mode::Walk | Mode::Bike => {
            let (street_mode, _) = street_mode(state.mode);
            let grid_times = routing.engine.street_travel_times(origin, street_mode, &grid_targets, budget_s);
            if grid_times.iter().flatten().all(|t| t.method == TravelMethod::StraightLineEstimate) {
                let detour = proxipro_explore::format::decimal(routing.engine.params().detour_factor as f32, 1);
                notes.push(format!("Pas de rues connues autour de ce point : temps estimés en ligne droite × {detour}."));
            }
            TravelTimeGrid::from_street_times(spec, &grid_times)
        }
        Mode::Transit if state.arrive_by => {
            // Every minute back from the deadline: the grid then answers every budget up to this one.
            let arrive_by_s = state.time * 60;
            let query = LatestDepartureQuery::every_minute(origin, arrive_by_s, budget_s);
            TravelTimeGrid::from_latest_departures(spec, arrive_by_s, &routing.engine.transit_latest_departures(&query, &grid_targets))
        }
        Mode::Transit => {
            let query = TransitQuery { origin, departure_s: state.time * 60, max_travel_s: budget_s };
            TravelTimeGrid::from_transit(spec, &routing.engine.transit_travel_times(&query, &grid_targets))
        }
    };
    let params = routing.engine.params();
    if arriving_by(state) {
        grid.fill_holes(params.walk_speed_mps, params.detour_factor, budget_s);
    } else {
        grid.fill_gaps(params.walk_speed_mps, params.detour_factor, budget_s);
    }
    CachedGrid { key: grid_key(state, origin), budget: state.budget, grid, notes }
}

fn clock(seconds: u32) -> String {
    proxipro_explore::format::clock(seconds / 60)
}

fn describe(summary: Option<proxipro_isochrone::transit::JourneySummary>) -> String {
    match summary {
        None => "trajet".into(),
        Some(summary) if summary.routes.is_empty() => "à pied".into(),
        Some(summary) => {
            let lines = summary.routes.iter().map(|r| if r == "a" { "métro a".to_string() } else { format!("ligne {r}") });
            format!("{} + {} min à pied", lines.collect::<Vec<_>>().join(" puis "), summary.walk_minutes())
        }
    }
}


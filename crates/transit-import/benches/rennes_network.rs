//! Figures on the real Rennes network (no assertions: numbers to read).
//! Run: `cargo bench -p proxipro-transit-import --bench rennes_network`.

use flate2::write::GzEncoder;
use flate2::Compression;
use proxipro_isochrone::contour::{isochrones, to_geojson, ContourParams};
use proxipro_isochrone::format::{decode, encode};
use proxipro_isochrone::grid::{GridSpec, TravelTimeGrid};
use proxipro_isochrone::street::StreetMode;
use proxipro_isochrone::transit::{
    earliest_arrival_at_stops, ArriveByQuery, LatestDepartureQuery, ProfileQuery, TransitQuery,
};
use proxipro_isochrone::{Engine, LatLon};
use proxipro_transit_import::{default_rennes_date, import_rennes};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

/// Median and minimum of `runs` timings, in milliseconds.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, f64, T) {
    let mut samples = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        last = Some(std::hint::black_box(f()));
        samples.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    samples.sort_by(f64::total_cmp);
    (
        samples[samples.len() / 2],
        samples[0],
        last.expect("at least one run"),
    )
}

fn report(label: &str, budget_ms: Option<f64>, (median, min): (f64, f64)) {
    let budget = budget_ms.map_or(String::new(), |b| {
        format!(
            "  (budget {b} ms: {})",
            if median <= b { "ok" } else { "OVER" }
        )
    });
    println!("{label:<58} median {median:>8.2} ms  min {min:>8.2} ms{budget}");
}

fn main() {
    let raw = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/raw/transport");
    let (import_ms, _, imported) = time(1, || import_rennes(&raw, default_rennes_date()));
    let (network, import_report) = match imported {
        Ok(imported) => imported,
        Err(e) => {
            eprintln!("cannot import the Rennes data: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "Rennes, {}: {} stops, {} trips, {} connections, {} footpaths, {} street nodes, {} street edges, {} import issues",
        import_report.service_date_label_fr,
        network.stops().len(),
        network.trips().len(),
        network.connections().len(),
        network.footpaths().len(),
        network.streets().nodes.len(),
        network.streets().edges.len(),
        import_report.issues.len()
    );
    report(
        "import (GTFS + metro + GeoJSON streets)",
        None,
        (import_ms, import_ms),
    );

    let bytes = encode(&network);
    let mut gzip = GzEncoder::new(Vec::new(), Compression::best());
    let gzipped = gzip
        .write_all(&bytes)
        .and_then(|_| gzip.finish())
        .map(|v| v.len())
        .unwrap_or(0);
    println!(
        "network file: {} bytes raw ({:.2} MB), {} bytes gzip ({:.2} MB; budget 3 MB)",
        bytes.len(),
        bytes.len() as f64 / 1e6,
        gzipped,
        gzipped as f64 / 1e6
    );
    let (median, min, _) = time(20, || decode(&bytes).map(|n| n.connections().len()));
    report("decode network file", Some(50.0), (median, min));
    let (median, min, engine) = time(5, || Engine::new(network.clone()));
    report(
        "Engine::new (indexes, snapping, adjacency)",
        None,
        (median, min),
    );

    let republique = LatLon::new(48.1097, -1.6791);
    let villejean_home = LatLon::new(48.1190, -1.7020);
    let cesson_home = LatLon::new(48.1180, -1.6000); // outside the street data: estimates
    let stops_sw = LatLon::new(47.955, -1.935);
    let stops_ne = LatLon::new(48.230, -1.475);
    let spec = GridSpec::covering(stops_sw, stops_ne, 150.0);
    // Targets snap on their first query in a mode: a walking query with no time budget does just that.
    let (median, min, grid_targets) = time(3, || {
        let targets = engine.targets(spec.points());
        engine.street_travel_times(republique, StreetMode::Walk, &targets, 0);
        targets
    });
    println!(
        "transit grid: {} × {} = {} points at {} m",
        spec.columns(),
        spec.rows(),
        spec.len(),
        spec.cell_m()
    );
    report(
        "prepare grid targets (snap every point, once)",
        None,
        (median, min),
    );

    for (name, origin) in [
        ("Villejean", villejean_home),
        ("République", republique),
        ("Cesson (no streets)", cesson_home),
    ] {
        let query = TransitQuery {
            origin,
            departure_s: 7 * 3600 + 30 * 60,
            max_travel_s: 3600,
        };
        let access_snap = engine.snap(origin, StreetMode::Walk);
        let access: Vec<(u32, u32)> = {
            // Stops' earliest arrival alone (the scan), from the straight-line access.
            network
                .stops()
                .iter()
                .enumerate()
                .filter_map(|(i, s)| {
                    let walk = engine
                        .params()
                        .estimate_s(origin, s.position, StreetMode::Walk);
                    (walk <= 1200).then_some((i as u32, walk))
                })
                .collect()
        };
        let (median, min, _) = time(50, || {
            earliest_arrival_at_stops(
                &network,
                &access,
                query.departure_s,
                query.departure_s + 3600,
            )
        });
        report(
            &format!("[{name}] CSA scan only, 07:30 + 60 min"),
            None,
            (median, min),
        );
        let (median, min, result) = time(20, || {
            engine.transit_travel_times(&query, &engine.targets(vec![republique]))
        });
        report(
            &format!("[{name}] single-departure transit query, 1 target"),
            Some(5.0),
            (median, min),
        );
        let summary = result.journey_summary(&engine, 0);
        println!(
            "    → République: {:?} s, {:?} (origin snapped: {})",
            result.targets()[0].travel_s,
            summary,
            access_snap.is_some()
        );
        let (median, min, result) = time(10, || engine.transit_travel_times(&query, &grid_targets));
        report(
            &format!("[{name}] single-departure transit query, whole grid"),
            None,
            (median, min),
        );
        let mut grid = TravelTimeGrid::from_transit(spec, &result);
        grid.fill_gaps(1.25, 1.3, 3600);
        let reached = grid.seconds.iter().filter(|&&s| s <= 3600).count();
        let thresholds = [900, 1800, 2700, 3600];
        let (median, min, bands) = time(10, || {
            isochrones(&grid, &thresholds, ContourParams::default())
        });
        report(
            &format!("[{name}] polygons, 4 thresholds ({reached} points ≤ 60 min)"),
            Some(10.0),
            (median, min),
        );
        println!("    GeoJSON {} bytes", to_geojson(&bands).len());

        let arrive_by = ArriveByQuery {
            origin,
            target: LatLon::new(48.0878, -1.6446),
            arrive_by_s: 8 * 3600,
            max_travel_s: 5400,
        };
        let (median, min, answer) = time(20, || engine.transit_arrive_by(&arrive_by));
        report(
            &format!("[{name}] arrive-by 08:00 at La Poterie"),
            Some(5.0),
            (median, min),
        );
        println!(
            "    → leave at {:?}",
            answer.map(|a| (
                a.departure_s / 3600,
                a.departure_s % 3600 / 60,
                a.direct_walk
            ))
        );
        // The app describes the trip that leaves at that time: one forward scan to one school.
        if let Some(latest) = answer.filter(|a| !a.direct_walk) {
            let school = engine.targets(vec![arrive_by.target]);
            let leaving = TransitQuery { origin, departure_s: latest.departure_s, max_travel_s: arrive_by.arrive_by_s - latest.departure_s };
            let (median, min, _) = time(20, || engine.transit_travel_times(&leaving, &school));
            report(&format!("[{name}] the trip leaving then, to that school only"), None, (median, min));
        }
    }

    // The app's arrive-by isochrone (08:00, 45 min): its 121 × 121 grid of 315 m cells, once as
    // one forward query from 07:15, once as the latest departure to each cell (every budget up to 45 min).
    let app_spec = GridSpec::around(villejean_home, 45.0 * 60.0 * 7.0, 45.0 * 60.0 * 7.0 / 60.0);
    let app_targets = engine.targets(app_spec.points());
    engine.street_travel_times(villejean_home, StreetMode::Walk, &app_targets, 0);
    let leaving = TransitQuery { origin: villejean_home, departure_s: 7 * 3600 + 15 * 60, max_travel_s: 2700 };
    let (median, min, forward) = time(10, || engine.transit_travel_times(&leaving, &app_targets));
    report(&format!("arrive-by 08:00 in 45 min as one query from 07:15, {} points", app_spec.len()), None, (median, min));
    let latest_query = LatestDepartureQuery::every_minute(villejean_home, 8 * 3600, 2700);
    let (median, min, latest) = time(10, || engine.transit_latest_departures(&latest_query, &app_targets));
    report("  the same as latest departures, every minute 07:15–08:00", None, (median, min));
    let in_time = |t: Option<u32>| t.is_some();
    println!(
        "    {} points reachable by 08:00 leaving at 07:15 (forward), {} with a latest departure (must agree)",
        forward.targets().iter().filter(|t| in_time(t.travel_s)).count(),
        latest.iter().filter(|&&t| in_time(t)).count()
    );

    // Profile: 300 destination points spread over the area (stand-ins for schools).
    let school_like: Vec<LatLon> = (0..300)
        .map(|k| {
            let (a, b) = (
                (k * 37 % 300) as f64 / 300.0,
                (k * 101 % 300) as f64 / 300.0,
            );
            LatLon::new(48.06 + 0.10 * a, -1.76 + 0.17 * b)
        })
        .collect();
    let targets = engine.targets(school_like);
    let (median, min, egress) = time(3, || engine.egress_table(&targets));
    report(
        "egress table for 300 targets (once per target set)",
        None,
        (median, min),
    );
    // The app's school times arriving by 8:00: the latest departure to each, and its trip, within 90 min.
    let latest_query = LatestDepartureQuery::every_minute(villejean_home, 8 * 3600, 5400);
    let (median, min, journeys) = time(10, || engine.transit_latest_journeys(&latest_query, &targets));
    report("latest departure and trip to 300 targets by 08:00, 90 min", None, (median, min));
    println!("    {} of 300 targets reached by 08:00", journeys.iter().flatten().count());
    let no_targets = engine.targets(vec![]);
    let (median, min, _) = time(10, || engine.transit_latest_departures(&latest_query, &no_targets));
    report("  of which the scans and the street search (no target)", None, (median, min));
    let profile = ProfileQuery::every_minute(villejean_home, 7 * 3600, 60, 3600);
    let (median, min, profiles) = time(10, || engine.transit_profile(&profile, &egress));
    report(
        "profile 07:00–08:00 every minute, 300 targets",
        Some(30.0),
        (median, min),
    );
    let reached = profiles.iter().filter(|p| p.median_s.is_some()).count();
    println!("    {reached} of 300 targets have a median ≤ 60 min");

    let walk_spec = GridSpec::around(villejean_home, 4_500.0, 100.0);
    let walk_targets = engine.targets(walk_spec.points());
    let (median, min, walk) = time(20, || {
        engine.street_travel_times(villejean_home, StreetMode::Walk, &walk_targets, 3600)
    });
    report(
        &format!("walking isochrone, 60 min, {} points", walk_spec.len()),
        Some(10.0),
        (median, min),
    );
    let bike_spec = GridSpec::around(villejean_home, 15_000.0, 150.0);
    let bike_targets = engine.targets(bike_spec.points());
    let (median, min, bike) = time(20, || {
        engine.street_travel_times(villejean_home, StreetMode::Bike, &bike_targets, 3600)
    });
    report(
        &format!("cycling isochrone, 60 min, {} points", bike_spec.len()),
        Some(10.0),
        (median, min),
    );
    let mut walk_grid = TravelTimeGrid::from_street_times(walk_spec, &walk);
    walk_grid.fill_gaps(1.25, 1.3, 3600);
    let (median, min, _) = time(10, || {
        isochrones(
            &walk_grid,
            &[900, 1800, 2700, 3600],
            ContourParams::default(),
        )
    });
    report("walking polygons, 4 thresholds", Some(10.0), (median, min));
    let bike_grid = TravelTimeGrid::from_street_times(bike_spec, &bike);
    let (median, min, _) = time(10, || {
        isochrones(
            &bike_grid,
            &[900, 1800, 2700, 3600],
            ContourParams::default(),
        )
    });
    report("cycling polygons, 4 thresholds", Some(10.0), (median, min));
}

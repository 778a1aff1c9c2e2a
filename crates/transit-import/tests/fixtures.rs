//! Importers on small excerpts of the real files (tests/fixtures), plus the
//! real Monaco PBF fixture for the OSM PBF reader.

use chrono::NaiveDate;
use proxipro_isochrone::street::{StreetMode, TravelMethod};
use proxipro_isochrone::{Engine, LatLon};
use proxipro_transit_import::{
    assemble_network, read_frequency_line, read_frequency_line_bytes, read_gtfs_zip,
    read_streets_geojson, read_streets_pbf, ImportError, Timetable, DEFAULT_MIN_FRAGMENT_NODES,
};
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn tuesday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2011, 11, 15).unwrap()
}

/// Zips the excerpt folder (minus `skip`) into a temporary file, removed when dropped.
fn zip_excerpt(skip: &str) -> tempfile::NamedTempFile {
    let zip = tempfile::Builder::new().prefix("proxipro-gtfs-").suffix(".zip").tempfile().unwrap();
    let mut writer = zip::ZipWriter::new(zip.reopen().unwrap());
    let mut entries: Vec<_> = std::fs::read_dir(fixtures().join("gtfs_star_excerpt"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for entry in entries {
        let file_name = entry.file_name().unwrap().to_string_lossy().into_owned();
        if file_name == skip {
            continue;
        }
        writer
            .start_file(file_name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&std::fs::read(&entry).unwrap()).unwrap();
    }
    writer.finish().unwrap();
    zip
}

#[test]
fn gtfs_excerpt_for_one_tuesday() {
    let mut timetable = Timetable::default();
    let (stats, issues) =
        read_gtfs_zip(zip_excerpt("").path(), tuesday(), &mut timetable).unwrap();
    assert_eq!(stats.stops, 40, "the row with a bad latitude is left out");
    assert_eq!(stats.routes, 3);
    // 12498, 12503, 14759, and 19682 six times (06:00–07:00 every 10 min).
    assert_eq!(stats.trips_on_date, 9);
    assert_eq!(stats.frequency_trips, 6);
    // 14759 also ran on Monday and was still running after midnight.
    assert_eq!(stats.trips_from_previous_day, 1);
    let late = timetable
        .connections
        .iter()
        .filter(|c| c.dep < 3 * 3600)
        .count();
    assert!(late > 0);
    assert!(
        timetable.connections.iter().any(|c| c.arr > 86_400),
        "times past 24:00 are kept"
    );
    let frequency_departures: Vec<u32> = timetable
        .connections
        .iter()
        .filter(|c| timetable.stops[c.dep_stop as usize].source_id == "1167")
        .map(|c| c.dep)
        .collect();
    assert_eq!(
        frequency_departures,
        (0..6).map(|k| 6 * 3600 + k * 600).collect::<Vec<_>>()
    );

    let mut reasons: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
    reasons.sort();
    assert_eq!(reasons.len(), 4, "{reasons:#?}");
    assert!(
        reasons[0].starts_with("frequencies.txt:3: end_time before start_time"),
        "{reasons:#?}"
    );
    assert!(
        reasons[1].starts_with("stop_times.txt:47: unknown stop_id \"9999\""),
        "{reasons:#?}"
    );
    assert!(
        reasons[2].starts_with("stop_times.txt:48: invalid time \"8h15\""),
        "{reasons:#?}"
    );
    assert!(
        reasons[3].starts_with("stops.txt:42: invalid stop_lat"),
        "{reasons:#?}"
    );

    // Hops of each trip follow one another in time.
    for trip in 0..timetable.trips.len() as u32 {
        let mut hops: Vec<_> = timetable
            .connections
            .iter()
            .filter(|c| c.trip == trip)
            .collect();
        hops.sort_by_key(|c| c.dep);
        assert!(hops.windows(2).all(|p| p[1].dep >= p[0].arr));
    }
}

#[test]
fn gtfs_errors_for_missing_files_and_empty_days() {
    let mut timetable = Timetable::default();
    let missing = read_gtfs_zip(
        zip_excerpt("stop_times.txt").path(),
        tuesday(),
        &mut timetable,
    );
    assert!(
        matches!(missing, Err(ImportError::MissingFile { ref file, .. }) if file == "stop_times.txt")
    );
    let sunday = NaiveDate::from_ymd_opt(2011, 11, 20).unwrap();
    let empty = read_gtfs_zip(
        zip_excerpt("").path(),
        sunday,
        &mut Timetable::default(),
    );
    match empty {
        Err(e @ ImportError::NoServiceOnDate { .. }) => {
            assert_eq!(e.to_string(), "no GTFS service runs on 2011-11-20")
        }
        other => panic!("expected NoServiceOnDate, got {other:?}"),
    }
    let not_a_zip = read_gtfs_zip(
        &fixtures().join("mumoro_rennes_metro_a_nodes.csv"),
        tuesday(),
        &mut timetable,
    );
    assert!(matches!(not_a_zip, Err(ImportError::Zip { .. })));
}

#[test]
fn metro_line_expands_headways_into_trips() {
    let mut timetable = Timetable::default();
    let (stats, issues) = read_frequency_line(
        &fixtures().join("mumoro_rennes_metro_a_nodes.csv"),
        &fixtures().join("mumoro_rennes_metro_a_edges.csv"),
        "a",
        "metro:",
        &mut timetable,
    )
    .unwrap();
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(stats.stations, 15);
    // Per direction: 338 departures 05:15–24:00, then 00:00–00:20 twice (6 each).
    assert_eq!(stats.trips, 2 * (338 + 12));
    assert_eq!(stats.connections, stats.trips * 14);
    assert_eq!(timetable.routes[0].short_name, "a");
    let jfk = timetable.stop_by_source_id("metro:JFK").unwrap();
    let first = timetable
        .connections
        .iter()
        .filter(|c| c.dep_stop == jfk && c.dep >= 18_900)
        .map(|c| c.dep)
        .min();
    assert_eq!(first, Some(18_900));
    assert!(
        timetable.connections.iter().any(|c| c.dep >= 86_400),
        "tonight's 00:00–00:20 tail"
    );
    assert_eq!(timetable.stops[jfk as usize].name, "J.F. Kennedy");
}

#[test]
fn metro_line_reports_bad_rows() {
    let nodes = b"JFK, J.F. Kennedy, -1.71094, 48.12122\nVU, Villejean, -1.70383, 48.12126\nXX, Broken, east, 48.1\n";
    let patterns = b"P1, M1, 600, 21600, 23400, 75, JFK, VU\nP2, M1, 0, 0, 10, 75, JFK, VU\nP3, M1, 600, 21600, 23400, 75, JFK, ZZ\n";
    let mut timetable = Timetable::default();
    let (stats, issues) = read_frequency_line_bytes(
        ("nodes.csv", nodes),
        ("edges.csv", patterns),
        "a",
        "m:",
        &mut timetable,
    )
    .unwrap();
    assert_eq!(stats.stations, 2);
    assert_eq!(stats.trips, 3);
    let lines: Vec<(String, u64)> = issues.iter().map(|i| (i.file.clone(), i.line)).collect();
    assert_eq!(
        lines,
        vec![
            ("nodes.csv".into(), 3),
            ("edges.csv".into(), 2),
            ("edges.csv".into(), 3)
        ]
    );
}

#[test]
fn geojson_streets_rebuild_topology_and_one_ways() {
    let path = fixtures().join("rennes_republique_streets.geojson");
    let (graph, stats, issues) = read_streets_geojson(&path, 1).unwrap();
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(stats.ways_used, 27);
    // Shared coordinates became shared nodes: some have three or more edges.
    let mut degree = vec![0; graph.nodes.len()];
    for e in &graph.edges {
        degree[e.from as usize] += 1;
        degree[e.to as usize] += 1;
    }
    assert!(
        degree.iter().filter(|&&d| d >= 3).count() >= 10,
        "intersections were merged"
    );
    assert!(graph.edges.iter().any(|e| e.access.bike_forward_only()));
    assert!(
        graph
            .edges
            .iter()
            .any(|e| e.access.walk() && !e.access.bike()),
        "pedestrian streets"
    );

    let engine = Engine::new(assemble_network(Timetable::default(), graph, None).unwrap());
    // Rue Jules Simon to Rue Jean Jaurès, by Rue du Pré Botté.
    let (a, b) = (LatLon::new(48.1086, -1.6793), LatLon::new(48.1103, -1.6779));
    let targets = engine.targets(vec![b]);
    let walk = engine.street_travel_times(a, StreetMode::Walk, &targets, 3_600)[0].unwrap();
    assert_eq!(walk.method, TravelMethod::StreetNetwork);
    // ≈ 220 m apart, ≈ 350 m by the streets.
    assert!((200..480).contains(&walk.seconds), "{walk:?}");
}

fn monaco_pbf() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/raw/transport/osm/monaco_osrm_test_2016.osm.pbf")
}

#[test]
fn pbf_reader_builds_a_walkable_monaco() {
    let (graph, stats) = read_streets_pbf(&monaco_pbf(), DEFAULT_MIN_FRAGMENT_NODES).unwrap();
    eprintln!("Monaco: {stats:?}");
    assert!(
        stats.ways_used > 1_000 && stats.nodes > 5_000 && stats.edges > 5_000,
        "{stats:?}"
    );
    assert!(
        stats.nodes_in_dropped_fragments < stats.nodes / 10,
        "mostly connected: {stats:?}"
    );
    let engine = Engine::new(assemble_network(Timetable::default(), graph, None).unwrap());
    // Palais princier (Monaco-Ville) to the Casino (Monte-Carlo): ≈ 1.6 km apart.
    let (palace, casino) = (LatLon::new(43.7314, 7.4200), LatLon::new(43.7394, 7.4286));
    let targets = engine.targets(vec![casino]);
    let walk = engine.street_travel_times(palace, StreetMode::Walk, &targets, 7_200)[0].unwrap();
    let bike = engine.street_travel_times(palace, StreetMode::Bike, &targets, 7_200)[0].unwrap();
    eprintln!("palace → casino: walk {walk:?}, bike {bike:?}");
    assert_eq!(walk.method, TravelMethod::StreetNetwork);
    assert!((20 * 60..45 * 60).contains(&walk.seconds), "{walk:?}");
    assert!(bike.seconds < walk.seconds);
}

#[test]
fn missing_files_are_errors() {
    let nowhere = Path::new("/nonexistent/streets.geojson");
    assert!(matches!(
        read_streets_geojson(nowhere, 1),
        Err(ImportError::Io { .. })
    ));
    assert!(read_streets_pbf(Path::new("/nonexistent/x.osm.pbf"), 1).is_err());
    let mut timetable = Timetable::default();
    assert!(matches!(
        read_frequency_line(nowhere, nowhere, "a", "", &mut timetable),
        Err(ImportError::Io { .. })
    ));
}

//! Any region can get its network from a current GTFS and an OSM extract (PBF).

use std::path::PathBuf;

use proxipro_builder::{build_region, BuildConfig, TransportFiles};
use proxipro_model::Dataset;

fn raw() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/raw")
}

fn config(out: &str, date: &str) -> BuildConfig {
    BuildConfig {
        raw_dir: raw(),
        out_dir: std::env::temp_dir().join(format!("{out}-{}", std::process::id())),
        departement: "35".into(),
        transport: Some(TransportFiles {
            gtfs: raw().join("transport/gtfs/star_rennes_gtfs_2012-05-21_test.zip"),
            // The real PBF fixture: another city's streets, enough to check the PBF path end to end.
            streets: raw().join("transport/osm/monaco_osrm_test_2016.osm.pbf"),
            date: date.into(),
            operator: "STAR (GTFS de mai 2012)".into(),
        }),
    }
}

#[test]
fn a_gtfs_and_an_osm_pbf_give_the_region_its_network() {
    let config = config("proxipro-transport", "2012-05-22");
    let report = build_region(&config).expect("the build succeeds");
    let network = report.network.as_deref().expect("a network was built");
    assert!(network.contains("mardi 22 mai 2012"), "{network}");
    let dir = config.out_dir.join("ille-et-vilaine");
    let dataset: Dataset = serde_json::from_slice(&std::fs::read(dir.join("dataset.json")).unwrap()).unwrap();
    let info = dataset.network.expect("the dataset names its network");
    assert_eq!(info.operator, "STAR (GTFS de mai 2012)");
    assert_eq!(std::fs::metadata(dir.join(&info.file)).unwrap().len(), info.bytes);
    std::fs::remove_dir_all(&config.out_dir).unwrap();
}

#[test]
fn a_date_that_is_not_a_date_stops_with_a_clear_message() {
    let config = config("proxipro-transport-bad", "22/05/2012");
    let error = build_region(&config).unwrap_err().to_string();
    assert!(error.contains("AAAA-MM-JJ"), "{error}");
    assert!(!config.out_dir.join("ille-et-vilaine").exists(), "nothing is written");
}

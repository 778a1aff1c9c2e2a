//! The committed dataset is exactly what the builder makes from `shared/data/raw`.

use std::path::PathBuf;

use proxipro_builder::{build_region, BuildConfig};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn rebuilding_from_shared_raw_gives_the_committed_files_byte_for_byte() {
    let raw = repo_root().join("../shared/data/raw");
    assert!(raw.is_dir(), "{} is missing: the raw open data must sit beside the repository", raw.display());
    let out = tempfile::Builder::new().prefix("proxipro-rebuild-").tempdir().unwrap();
    let config = BuildConfig { raw_dir: raw, out_dir: out.path().to_path_buf(), departement: "35".into(), transport: None };

    let first = build_region(&config).expect("the build succeeds");
    let first_bytes: Vec<Vec<u8>> = first.written.iter().map(|(path, _)| std::fs::read(path).unwrap()).collect();
    build_region(&config).expect("a second build succeeds");

    let committed = repo_root().join("public/data/ille-et-vilaine");
    // Every committed file is one the builder writes (none left over from an older build).
    let mut written: Vec<_> = first.written.iter().map(|(path, _)| path.file_name().unwrap().to_owned()).collect();
    let mut listed: Vec<_> = std::fs::read_dir(&committed).unwrap().map(|entry| entry.unwrap().file_name()).collect();
    written.sort();
    listed.sort();
    assert_eq!(written, listed, "the files of public/data/ille-et-vilaine");
    for ((path, _), first_bytes) in first.written.iter().zip(&first_bytes) {
        assert!(std::fs::read(path).unwrap() == *first_bytes, "{} differs between two builds", path.display());
        let name = path.file_name().unwrap();
        let rebuilt = std::fs::read(path).unwrap();
        let expected = std::fs::read(committed.join(name))
            .unwrap_or_else(|e| panic!("public/data/ille-et-vilaine/{} is not committed: {e}", name.to_string_lossy()));
        assert!(
            rebuilt == expected,
            "{} differs from the committed file: run `make dataset` and commit the result",
            name.to_string_lossy()
        );
    }
}

#[test]
fn a_missing_raw_folder_stops_with_a_clear_message_and_writes_nothing() {
    let out = std::env::temp_dir().join(format!("proxipro-missing-{}", std::process::id()));
    let config = BuildConfig { raw_dir: "/nonexistent/raw".into(), out_dir: out.clone(), departement: "35".into(), transport: None };
    let error = build_region(&config).unwrap_err().to_string();
    assert!(error.contains("departements_academies_regions.csv"), "{error}");
    assert!(!out.exists());
}

#[test]
fn an_unknown_departement_is_refused() {
    let raw = repo_root().join("../shared/data/raw");
    let config = BuildConfig { raw_dir: raw, out_dir: std::env::temp_dir().join("proxipro-unknown"), departement: "999".into(), transport: None };
    let error = build_region(&config).unwrap_err().to_string();
    assert!(error.contains("« 999 »"), "{error}");
}

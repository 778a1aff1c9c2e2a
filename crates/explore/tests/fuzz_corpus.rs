//! Replays the committed fuzz corpus (`fuzz/corpus/`) through the fuzz harnesses of the
//! explorer inputs, so CI keeps guarding what the fuzzer found (see `fuzz/README.md`).

#[path = "../../../fuzz/harness/dataset.rs"]
mod dataset;
#[path = "../../../fuzz/harness/provenance.rs"]
mod provenance;
#[path = "../../../fuzz/harness/url_state.rs"]
mod url_state;
#[path = "../../../fuzz/harness/wishlist.rs"]
mod wishlist;

/// Runs every file of `fuzz/corpus/<target>/` through `run`, naming the file that panics.
/// A missing or empty corpus folder fails: the corpus is part of the repository.
fn replay(target: &str, run: fn(&[u8])) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus").join(target);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|error| panic!("fuzz corpus {} missing: {error}", dir.display()));
    let mut files: Vec<_> = entries.map(|entry| entry.expect("readable corpus folder").path()).filter(|p| p.is_file()).collect();
    files.sort();
    assert!(!files.is_empty(), "fuzz corpus {} is empty", dir.display());
    for path in files {
        let bytes = std::fs::read(&path).expect("readable corpus file");
        if std::panic::catch_unwind(|| run(&bytes)).is_err() {
            panic!("fuzz corpus input {} panics (reproduce with `cargo +nightly fuzz run {target} {}`)", path.display(), path.display());
        }
    }
}

#[test]
fn url_state_corpus() {
    replay("url_state", url_state::run);
}

#[test]
fn wishlist_corpus() {
    replay("wishlist", wishlist::run);
}

#[test]
fn dataset_corpus() {
    replay("dataset", dataset::run);
}

#[test]
fn provenance_corpus() {
    replay("provenance", provenance::run);
}

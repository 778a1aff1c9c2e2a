//! Replays a committed fuzz corpus through its harness; used by the stable
//! `crates/*/tests/fuzz_corpus.rs` tests, so CI keeps guarding what the fuzzer found.

/// Runs every file of `fuzz/corpus/<target>/` through `run`, naming the file that panics.
/// A missing or empty corpus folder fails: the corpus is part of the repository.
pub fn replay(target: &str, run: fn(&[u8])) {
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

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

#[path = "../../../fuzz/harness/replay.rs"]
mod replay;
use replay::replay;

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

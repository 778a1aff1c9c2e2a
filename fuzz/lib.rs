//! The fuzz harnesses, one module per input. The same files are compiled into the
//! corpus replay tests of the crates (`crates/*/tests/fuzz_corpus.rs`), so CI runs
//! the committed corpus through exactly what the fuzzer ran.

#[path = "harness/builder_csv.rs"]
pub mod builder_csv;
#[path = "harness/dataset.rs"]
pub mod dataset;
#[path = "harness/futurpro.rs"]
pub mod futurpro;
#[path = "harness/network.rs"]
pub mod network;
#[path = "harness/provenance.rs"]
pub mod provenance;
#[path = "harness/url_state.rs"]
pub mod url_state;
#[path = "harness/wishlist.rs"]
pub mod wishlist;

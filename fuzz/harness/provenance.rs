//! Fuzz harness: `provenance.json` → `Provenance` (crates/model), as the app loads it.
//! Shared by `fuzz/fuzz_targets/provenance.rs` and the corpus replay test of crates/explore.

use proxipro_model::Provenance;

pub fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match serde_json::from_str::<Provenance>(text) {
        Ok(provenance) => {
            if let Err(message) = provenance.check_version() {
                assert!(!message.is_empty());
            }
            // The sources page only displays strings; a round trip is what it relies on.
            let json = serde_json::to_string(&provenance).expect("model types always serialise");
            let back: Provenance = serde_json::from_str(&json).expect("what we write reads back");
            assert_eq!(back, provenance);
        }
        Err(error) => assert!(!error.to_string().is_empty()),
    }
}

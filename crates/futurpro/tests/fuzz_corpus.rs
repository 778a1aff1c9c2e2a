//! Replays the committed fuzz corpus of the Futur Pro adapter (`fuzz/corpus/futurpro/`) through
//! the fuzz harness: list page, detail, conversion (see `fuzz/README.md`).

#[path = "../../../fuzz/harness/futurpro.rs"]
mod futurpro;

#[path = "../../../fuzz/harness/replay.rs"]
mod replay;
use replay::replay;

#[test]
fn futurpro_corpus() {
    replay("futurpro", futurpro::run);
}

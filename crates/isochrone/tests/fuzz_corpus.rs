//! Replays the committed fuzz corpus of `network.bin` (`fuzz/corpus/network/`) through the
//! fuzz harness: decode, engine, one query of each kind (see `fuzz/README.md`).

#[path = "../../../fuzz/harness/network.rs"]
mod network;

#[path = "../../../fuzz/harness/replay.rs"]
mod replay;
use replay::replay;

#[test]
fn network_corpus() {
    replay("network", network::run);
}

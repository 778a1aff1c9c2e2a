//! Replays the committed fuzz corpus of the CSV reader (`fuzz/corpus/builder_csv/`) through the
//! fuzz harness: `Table`, the annuaire and Affelnet parsers (see `fuzz/README.md`).

#[path = "../../../fuzz/harness/builder_csv.rs"]
mod builder_csv;

#[path = "../../../fuzz/harness/replay.rs"]
mod replay;
use replay::replay;

#[test]
fn builder_csv_corpus() {
    replay("builder_csv", builder_csv::run);
}

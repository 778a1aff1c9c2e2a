//! Fuzz harness: the page address → `ViewState` (crates/explore `url_state`).
//! Shared by `fuzz/fuzz_targets/url_state.rs` and the corpus replay test of crates/explore.

use proxipro_explore::url_state::{parse_time, ViewState, BUDGET_RANGE};

/// A percent-decoder like `URLSearchParams`: `+` is a space, bad escapes stay as they are.
fn decode_component(raw: &[u8]) -> String {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < raw.len() => {
                let hex = std::str::from_utf8(&raw[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `a=b&c=d`, decoded, as the app gets it from `URLSearchParams`.
pub fn query_pairs(data: &[u8]) -> Vec<(String, String)> {
    let data = data.strip_prefix(b"?").unwrap_or(data);
    data.split(|&b| b == b'&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = match part.iter().position(|&b| b == b'=') {
                Some(at) => (&part[..at], &part[at + 1..]),
                None => (part, &b""[..]),
            };
            (decode_component(key), decode_component(value))
        })
        .collect()
}

pub fn run(data: &[u8]) {
    let pairs = query_pairs(data);
    let (state, notes) = ViewState::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert!(BUDGET_RANGE.contains(&state.budget));
    assert!(state.time < 24 * 60);
    assert!(notes.len() <= 10_000);
    // What the app writes back must read again without a complaint, and be stable.
    let written = state.to_pairs();
    let (again, notes) = ViewState::from_pairs(written.iter().map(|(k, v)| (*k, v.as_str())));
    assert!(notes.is_empty(), "the app's own address is unreadable: {notes:?} in {written:?}");
    let rewritten = again.to_pairs();
    let (third, _) = ViewState::from_pairs(rewritten.iter().map(|(k, v)| (*k, v.as_str())));
    assert_eq!(again, third, "writing the address twice changes the view: {written:?} then {rewritten:?}");
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_time(text);
    }
}

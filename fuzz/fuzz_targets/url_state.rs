#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| proxipro_fuzz::url_state::run(data));

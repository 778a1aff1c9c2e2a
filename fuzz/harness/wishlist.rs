//! Fuzz harness: the selection saved in localStorage → `WishList` (crates/explore `wishlist`).
//! Shared by `fuzz/fuzz_targets/wishlist.rs` and the corpus replay test of crates/explore.

use proxipro_explore::wishlist::{WishList, MAX_NOTE, MAX_WISHES};

pub fn run(data: &[u8]) {
    // localStorage holds strings: the browser hands over valid UTF-16, i.e. valid UTF-8 here.
    let text = String::from_utf8_lossy(data);
    let (list, message) = WishList::from_storage(&text);
    assert!(list.wishes.len() <= MAX_WISHES);
    assert!(list.wishes.iter().all(|w| w.note.chars().count() <= MAX_NOTE));
    if message.is_some() {
        assert!(list.wishes.is_empty(), "a refused selection must not be half-read");
    }
    // What the app saves reads back as it was.
    let (again, message) = WishList::from_storage(&list.to_storage());
    assert_eq!(message, None);
    assert_eq!(again, list);
}

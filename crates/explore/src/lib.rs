//! The explorer's logic without a browser: which offers match the filters and
//! how many each choice would leave ([`filters`]), in what order ([`sort`]),
//! how the whole view is written in a shareable URL ([`url_state`]), and the
//! wish list with its exports ([`wishlist`], [`export`]).

pub mod export;
pub mod filters;
pub mod format;
pub mod search;
pub mod sort;
pub mod url_state;
pub mod wishlist;

pub use filters::{Facets, Filters, NoProspectsMode};
pub use search::SearchIndex;
pub use sort::SortKey;
pub use url_state::ViewState;
pub use wishlist::{Ambition, Wish, WishList};

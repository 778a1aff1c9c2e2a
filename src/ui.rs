//! Small shared pieces of interface.

pub mod header;
pub mod load_state;

//! Small shared pieces of interface.

pub mod cache_notice;
pub mod clipboard;
pub mod figure;
pub mod focus;
pub mod header;
pub mod load_state;
pub mod pointer;
pub mod shell_handover;

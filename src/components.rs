//! Views shared by several pages.
pub mod icons;
pub mod layout;
pub mod search_box;

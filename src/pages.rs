//! Route components, grouped by feature.
pub mod home;
pub mod not_found;

//! Route components, grouped by feature.
pub mod directory;
pub mod home;
pub mod not_found;
pub mod organization;
pub mod solutions;

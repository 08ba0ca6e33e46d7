//! Route components, grouped by feature.
pub mod account;
pub mod curation;
pub mod directory;
pub mod editing;
pub mod forum;
pub mod home;
pub mod landscape;
pub mod not_found;
pub mod organization;
pub mod site_page;
pub mod solutions;
pub mod startups;

//! Route components, grouped by feature.
pub mod account;
pub mod directory;
pub mod editor;
pub mod forum;
pub mod home;
pub mod landscape;
pub mod not_found;
pub mod organization;
pub mod site_page;
pub mod solutions;
pub mod staff;
pub mod startups;

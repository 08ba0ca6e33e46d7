//! Views shared by several pages.
pub mod charts;
pub mod facets;
pub mod form;
pub mod icons;
pub mod in_language;
pub mod layout;
pub mod live_form;
pub mod organization_card;
pub mod pagination;
pub mod results;
pub mod search_box;
pub mod search_page;
pub mod structured_data;

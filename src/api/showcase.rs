//! The startup showcase, the landscape and the home page's overview. Public.
use leptos::prelude::*;

use crate::{
    domain::{
        directory::DirectoryQuery,
        lang::Lang,
        showcase::{Landscape, Overview, StartupShowcase},
    },
    error::AppError,
};

/// Listings a landscape group shows before linking to the rest.
pub const LANDSCAPE_TILES_PER_GROUP: usize = 48;

#[server(endpoint = "startups/search", input = leptos::server_fn::codec::Json)]
pub async fn search_startups(query: DirectoryQuery, lang: Lang) -> Result<StartupShowcase, AppError> {
    use crate::domain::directory::SearchQuery;
    query.check_limits()?;
    crate::server::app_state()?.search.startups(&query, lang).await
}

#[server(endpoint = "landscape", input = leptos::server_fn::codec::Json)]
pub async fn get_landscape(query: DirectoryQuery, lang: Lang) -> Result<Landscape, AppError> {
    use crate::domain::directory::SearchQuery;
    query.check_limits()?;
    crate::server::app_state()?.search.landscape(&query, lang, LANDSCAPE_TILES_PER_GROUP).await
}

#[server(endpoint = "overview")]
pub async fn get_overview(lang: Lang) -> Result<Overview, AppError> {
    crate::server::app_state()?.search.overview(lang, 6, 6).await
}

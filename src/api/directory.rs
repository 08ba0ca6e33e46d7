//! The public directory's search.
use leptos::prelude::*;

use crate::{
    domain::{
        directory::{DirectoryPage, DirectoryQuery},
        lang::Lang,
    },
    error::AppError,
};

/// One page of the directory for a question, read in `lang`. Public: anyone may search.
#[server(endpoint = "directory/search", input = leptos::server_fn::codec::Json)]
pub async fn search_directory(query: DirectoryQuery, lang: Lang) -> Result<DirectoryPage, AppError> {
    use crate::domain::directory::SearchQuery;
    query.check_limits()?;
    crate::server::app_state()?.search.directory(&query, lang).await
}

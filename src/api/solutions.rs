//! The solutions directory, solution pages and comparisons. Public.
use leptos::prelude::*;

use crate::{
    domain::{
        directory::{SolutionQuery, SolutionResults},
        lang::Lang,
        profile::SolutionPage,
    },
    error::AppError,
};

#[server(endpoint = "solutions/search", input = leptos::server_fn::codec::Json)]
pub async fn search_solutions(query: SolutionQuery, lang: Lang) -> Result<SolutionResults, AppError> {
    use crate::domain::directory::SearchQuery;
    query.check_limits()?;
    crate::server::app_state()?.search.solutions(&query, lang).await
}

/// A public solution's page in `lang`; `None` when the slug names no public solution.
#[server(endpoint = "solutions/page")]
pub async fn get_solution_page(slug: String, lang: Lang) -> Result<Option<SolutionPage>, AppError> {
    let state = crate::server::app_state()?;
    crate::server::profiles::solution_page(&state, &slug, lang).await
}

/// Up to four public solutions for side-by-side comparison, in the order asked.
#[server(endpoint = "solutions/compare", input = leptos::server_fn::codec::Json)]
pub async fn compare_solutions(slugs: Vec<String>, lang: Lang) -> Result<Vec<SolutionPage>, AppError> {
    crate::domain::limits::check_count("slugs", slugs.len(), crate::domain::directory::COMPARED_SOLUTIONS)?;
    let state = crate::server::app_state()?;
    crate::server::profiles::compare_solutions(&state, &slugs, lang).await
}

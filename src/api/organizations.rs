//! Listings' public profiles.
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::routes;
use crate::{
    domain::{lang::Lang, profile::OrganizationPage},
    error::AppError,
};

/// A published listing's profile in `lang`; `None` when the slug names no public listing.
#[server(endpoint = "organizations/profile")]
pub async fn get_organization_page(slug: String, lang: Lang) -> Result<Option<OrganizationPage>, AppError> {
    let state = crate::server::app_state()?;
    let page = crate::server::profiles::organization_page(&state, &slug, lang).await?;
    if page.is_none()
        && let Some(kept) = state.db.redirected_slug(&slug).await?
    {
        crate::server::forms::moved_permanently(&routes::profile(lang, &kept));
    }
    Ok(page)
}

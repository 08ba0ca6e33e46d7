//! The site's own pages (about, contact, privacy, terms): read by everyone, kept by forum staff, whose
//! saves are plain form posts to `server::curation::site_pages`.
use leptos::prelude::*;

use super::curation::WithForm;
use crate::{
    domain::{
        lang::Lang,
        site_page::{SitePage, SitePageKind, SitePageText},
    },
    error::AppError,
};

#[server(endpoint = "site-page")]
pub async fn get_site_page(kind: SitePageKind, lang: Lang) -> Result<SitePage, AppError> {
    crate::server::site_pages::page(&crate::server::app_state()?, kind, lang).await
}

#[server(endpoint = "staff/site-pages")]
pub async fn get_site_page_texts() -> Result<WithForm<Vec<SitePageText>>, AppError> {
    let state = crate::server::app_state()?;
    let user = crate::server::auth::require_user().await?;
    let texts = crate::server::curation::site_pages::texts(&state, &user).await?;
    super::curation::with_form(texts, crate::server::forms::FormKey::SitePages).await
}

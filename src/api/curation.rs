//! What forum staff read: the queue, a change under review, a listing's state, people, the audit log.
//! Their decisions are plain form posts to the routes of `server::curation`.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    domain::{
        bulk::ImportReport,
        curation::{AuditEntry, AuditFilter, Person, QualityReport, Review, StaffDashboard, StaffListing},
        directory::OrganizationCard,
        forum::ForumAdmin,
        lang::Lang,
        taxonomy::ManagedTaxonomy,
        validation::FieldError,
    },
    error::AppError,
};

/// A staff page's data, with the messages of a refused form and what was typed into it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WithForm<T> {
    pub data: T,
    pub typed: Vec<(String, String)>,
    pub errors: Vec<FieldError>,
}

#[cfg(feature = "ssr")]
pub(super) async fn with_form<T>(data: T, form: crate::server::forms::FormKey) -> Result<WithForm<T>, AppError> {
    let refused = crate::server::forms::take(&form).await?;
    Ok(WithForm { data, typed: refused.values, errors: refused.errors })
}

#[server(endpoint = "staff/dashboard")]
pub async fn get_staff_dashboard(lang: Lang) -> Result<WithForm<StaffDashboard>, AppError> {
    let state = crate::server::app_state()?;
    let user = crate::server::auth::require_user().await?;
    let dashboard = crate::server::curation::dashboard(&state, &user, lang, time::OffsetDateTime::now_utc()).await?;
    with_form(dashboard, crate::server::forms::FormKey::Claims).await
}

#[server(endpoint = "staff/review")]
pub async fn get_review(revision_id: i64, lang: Lang) -> Result<WithForm<Review>, AppError> {
    let state = crate::server::app_state()?;
    let user = crate::server::auth::require_user().await?;
    let review = crate::server::curation::review(&state, &user, revision_id, lang).await?;
    with_form(review, crate::server::forms::FormKey::Decision(revision_id)).await
}

#[server(endpoint = "staff/listing")]
pub async fn get_staff_listing(slug: String, lang: Lang) -> Result<WithForm<StaffListing>, AppError> {
    let state = crate::server::app_state()?;
    let user = crate::server::auth::require_user().await?;
    let listing = crate::server::curation::listing(&state, &user, &slug, lang).await?;
    with_form(listing, crate::server::forms::FormKey::Listing(slug)).await
}

#[server(endpoint = "staff/people")]
pub async fn get_people(search: String) -> Result<WithForm<Vec<Person>>, AppError> {
    let state = crate::server::app_state()?;
    let user = crate::server::auth::require_user().await?;
    let people = crate::server::curation::people(&state, &user, &search).await?;
    with_form(people, crate::server::forms::FormKey::People).await
}

/// Listings whose names match `text` in any language, for choosing one by name.
#[server(endpoint = "staff/find-listings")]
pub async fn find_listings(text: String, lang: Lang) -> Result<Vec<OrganizationCard>, AppError> {
    let state = crate::server::app_state()?;
    let user = crate::server::auth::require_user().await?;
    crate::server::curation::find_listings(&state, &user, &text, lang).await
}

#[server(endpoint = "staff/audit")]
pub async fn get_audit(filter: AuditFilter, page: u32) -> Result<Vec<AuditEntry>, AppError> {
    let state = crate::server::app_state()?;
    let user = crate::server::auth::require_user().await?;
    crate::server::curation::audit(&state, &user, &filter, page).await
}

#[server(endpoint = "staff/taxonomy")]
pub async fn get_taxonomy() -> Result<WithForm<ManagedTaxonomy>, AppError> {
    let state = crate::server::app_state()?;
    let user = crate::server::auth::require_user().await?;
    let taxonomy = crate::server::curation::taxonomy::taxonomy(&state, &user).await?;
    with_form(taxonomy, crate::server::forms::FormKey::Taxonomy).await
}

#[server(endpoint = "staff/forum")]
pub async fn get_forum_admin(edition: Option<String>, lang: Lang) -> Result<WithForm<ForumAdmin>, AppError> {
    let state = crate::server::app_state()?;
    let user = crate::server::auth::require_user().await?;
    let edition = edition.as_deref().filter(|slug| !slug.is_empty());
    let forum = crate::server::curation::forum::forum(&state, &user, edition, lang).await?;
    with_form(forum, crate::server::forms::FormKey::Forum).await
}

/// The report of the signed-in staff member's last import (shown once), or a refused form's messages.
#[server(endpoint = "staff/import-report")]
pub async fn get_import_report() -> Result<WithForm<Option<ImportReport>>, AppError> {
    let user = crate::server::auth::require_user().await?;
    let session = crate::server::auth::request_session().await?;
    let report = crate::server::curation::take_import_report(&user, &session).await?;
    with_form(report, crate::server::forms::FormKey::Import).await
}

#[server(endpoint = "staff/quality")]
pub async fn get_quality_report() -> Result<QualityReport, AppError> {
    let state = crate::server::app_state()?;
    let user = crate::server::auth::require_user().await?;
    crate::server::curation::quality(&state, &user, time::OffsetDateTime::now_utc()).await
}

//! A listing as staff manage it: its state, position and verification, merging two listings, inviting
//! an owner, and finding a listing by name.
use time::OffsetDateTime;

use crate::server::{
    AppState,
    auth::policy::require_staff,
    db::{Actor, AuditRecord},
    editing::{Compose, bring_in, display_name},
    mail::Message,
};
use crate::{
    domain::{
        audit::AuditAction,
        curation::{LISTING_CHOICES, ListingAction, StaffListing},
        directory::{DirectoryQuery, MAX_QUERY_CHARS, OrganizationCard},
        lang::Lang,
        organization::{Organization, OrganizationKind},
        user::{MembershipRole, User},
        validation::{FieldError, Problem},
    },
    error::AppError,
};

/// A listing as staff manage it.
pub async fn listing(state: &AppState, user: &User, slug: &str, lang: Lang) -> Result<StaffListing, AppError> {
    require_staff(user)?;
    let organization = state.db.organization_by_slug(slug).await?.ok_or(AppError::NotFound)?;
    Ok(staff_listing(&organization, lang))
}

pub(super) fn staff_listing(organization: &Organization, lang: Lang) -> StaffListing {
    StaffListing {
        slug: organization.slug.to_string(),
        name: display_name(organization, lang),
        status: organization.status,
        verified_at: organization.verified_at,
        featured_position: organization.featured_position,
        is_startup: organization.profile.kind == OrganizationKind::Startup,
    }
}

/// Verifies, features, hides, archives or restores a listing.
pub async fn act_on_listing(
    state: &AppState,
    user: &User,
    slug: &str,
    action: ListingAction,
    position: Option<i64>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    require_staff(user)?;
    let organization = state.db.organization_by_slug(slug).await?.ok_or(AppError::NotFound)?;
    if action == ListingAction::Feature {
        match position {
            Some(1..=999) => {}
            _ => return Err(FieldError::new("position", Problem::OutOfRange { min: 1, max: 999 }).into()),
        }
    }
    let before = staff_listing(&organization, Lang::En);
    if !before.offers(action) {
        return Err(FieldError::new("action", Problem::AlreadyDecided).into());
    }
    let mut after = before.clone();
    match action {
        ListingAction::Verify => after.verified_at = Some(now),
        ListingAction::Unverify => after.verified_at = None,
        ListingAction::Feature => after.featured_position = position,
        ListingAction::Unfeature => after.featured_position = None,
        _ => after.status = action.status().unwrap_or(after.status),
    }
    let actor = Actor::person(user);
    let record = AuditRecord::new(&actor, action.into(), organization.slug.as_str())
        .of_listing(organization.id)
        .change(Some(&before), Some(&after));
    state.db.apply_listing_action(organization.id, action, position, &record, now).await
}

/// Merges a duplicate listing into the one kept (named by slug); returns the kept listing's slug.
pub async fn merge_listings(
    state: &AppState,
    user: &User,
    duplicate_slug: &str,
    kept_slug: &str,
    now: OffsetDateTime,
) -> Result<String, AppError> {
    require_staff(user)?;
    let duplicate = state.db.organization_by_slug(duplicate_slug).await?.ok_or(AppError::NotFound)?;
    let kept = match state.db.organization_by_slug(kept_slug.trim()).await? {
        Some(kept) if kept.id != duplicate.id => kept,
        _ => return Err(FieldError::new("keep", Problem::InvalidChoice).into()),
    };
    let actor = Actor::person(user);
    let record = AuditRecord::new(&actor, AuditAction::ListingMerge, duplicate.slug.as_str())
        .of_listing(kept.id)
        .change(Some(&duplicate.profile), Some(&kept.profile));
    state.db.merge_organizations(duplicate.id, kept.id, &record, now).await?;
    Ok(kept.slug.to_string())
}

/// Invites the owner of a listing that has none: an address with a confirmed account owns it at once,
/// any other when it confirms an account. Either way the address is told by mail.
pub async fn invite_owner(
    state: &AppState,
    user: &User,
    slug: &str,
    email: &str,
    lang: Lang,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    require_staff(user)?;
    let organization = state.db.organization_by_slug(slug).await?.ok_or(AppError::NotFound)?;
    let email = crate::domain::user::EmailAddress::parse(email)?;
    if state.db.members_of(organization.id).await?.iter().any(|member| member.role == MembershipRole::Owner) {
        return Err(FieldError::new("email", Problem::AlreadyOwned).into());
    }
    let message: Compose = |organization, link, _| Message::OwnerInvitation { organization, link };
    bring_in(
        state,
        user,
        &organization,
        &email,
        MembershipRole::Owner,
        AuditAction::MemberInviteOwner,
        lang,
        now,
        message,
    )
    .await
}

/// Listings found by name in any language (the directory's own search, typos forgiven), for staff
/// choosing one by name: the listing a duplicate merges into, a forum participant.
pub async fn find_listings(
    state: &AppState,
    user: &User,
    text: &str,
    lang: Lang,
) -> Result<Vec<OrganizationCard>, AppError> {
    require_staff(user)?;
    let text: String = text.trim().chars().take(MAX_QUERY_CHARS).collect();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let query = DirectoryQuery { text, page: 1, ..DirectoryQuery::default() };
    let mut found = state.search.directory(&query, lang).await?.results;
    found.truncate(LISTING_CHOICES);
    Ok(found)
}

//! Organizations editing their own listings, and nobody else's (who may is `auth::policy`'s answer):
//! new listings, claims, profile changes and logos. Changes to a verified published listing publish at once; every
//! other change waits for staff, while the public keeps seeing the last approved version.
//!
//! The profile and logo forms are plain POST routes (`form_routes`); a listing's people are `people`'s. A
//! refused form goes back to its page through `forms`.
mod form_routes;
mod people;

use time::OffsetDateTime;

use super::{
    AppState,
    auth::policy::{EditRight, listing_to_edit},
    db::{Actor, AuditRecord, Proposal, Revision},
    forms::{self, FormKey},
    logos,
};
use crate::{
    domain::{
        audit::AuditAction,
        editing::{
            ClaimStatus, Completeness, MyOrganization, ProfileForm, RevisionStatus, SolutionForm,
            solutions::{SolutionEdit, SolutionIntent, SolutionKey, with_intent, working_solutions},
            views::{Choice, ClaimState, EditorData, SolutionEditorData},
        },
        lang::Lang,
        organization::{ListingStatus, Organization, OrganizationProfile},
        user::{MembershipRole, User},
        validation::{FieldError, Problem},
    },
    error::AppError,
    routes,
};

pub use form_routes::routes;
pub(crate) use people::{Compose, bring_in};
pub use people::{hand_over, invite_editor, members, remove_member};

/// The status a change gets: verified, published listings trust their members; everything else waits.
fn status_for_change(organization: &Organization, right: EditRight) -> RevisionStatus {
    let trusted = organization.is_verified() && organization.status == ListingStatus::Published;
    if trusted || right == EditRight::Staff { RevisionStatus::Published } else { RevisionStatus::Pending }
}

/// What a listing's editors work on: the change waiting for review if there is one, else the listing
/// as it is. Each new change starts from it, so a later edit never drops what an earlier one proposed
/// (a logo, a solution) while it waits.
struct WorkingChange {
    profile: OrganizationProfile,
    logo: Option<Vec<u8>>,
    solution_edits: Vec<SolutionEdit>,
}

impl WorkingChange {
    async fn of(state: &AppState, organization: &Organization) -> Result<WorkingChange, AppError> {
        Ok(WorkingChange::from(organization, state.db.latest_revision(organization.id).await?))
    }

    /// The working change, given the listing's latest change (read once by callers that show it too).
    fn from(organization: &Organization, latest: Option<Revision>) -> WorkingChange {
        match latest.filter(|revision| revision.summary.status == RevisionStatus::Pending) {
            Some(Revision { profile, logo, solution_edits, .. }) => WorkingChange { profile, logo, solution_edits },
            None => WorkingChange { profile: organization.profile.clone(), logo: None, solution_edits: Vec::new() },
        }
    }

    fn proposal(&self) -> Proposal<'_> {
        Proposal { profile: &self.profile, logo: self.logo.as_deref(), solution_edits: &self.solution_edits }
    }
}

/// Refuses categories and sectors a listing or solution cannot take: unknown ones, and top-level
/// categories (only subcategories are chosen).
async fn check_terms(state: &AppState, category_ids: &[i64], sector_ids: &[i64]) -> Result<(), AppError> {
    let categories = state.db.categories().await?;
    let sectors = state.db.sectors().await?;
    let mut errors = Vec::new();
    if !category_ids
        .iter()
        .all(|id| categories.iter().any(|category| category.id == *id && category.parent_id.is_some()))
    {
        errors.push(FieldError::new("category", Problem::InvalidChoice));
    }
    if !sector_ids.iter().all(|id| sectors.iter().any(|sector| sector.id == *id)) {
        errors.push(FieldError::new("sector", Problem::InvalidChoice));
    }
    if errors.is_empty() { Ok(()) } else { Err(AppError::Invalid(errors)) }
}

/// Saves a profile change from the form. Tags stay as staff set them.
pub async fn save_profile(
    state: &AppState,
    user: &User,
    slug: &str,
    form: &ProfileForm,
    now: OffsetDateTime,
) -> Result<RevisionStatus, AppError> {
    let (organization, right) = listing_to_edit(state, user, slug).await?;
    let profile = form.parse(organization.profile.tag_ids.clone(), now.year()).map_err(AppError::Invalid)?;
    check_terms(state, &profile.category_ids, &profile.sector_ids).await?;
    let status = status_for_change(&organization, right);
    let mut working = WorkingChange::of(state, &organization).await?;
    working.profile = profile;
    let actor = Actor::person(user);
    let record = change_record(&actor, &organization, status, &working.profile);
    state.db.save_revision(working.proposal(), status, &record, now).await?;
    Ok(status)
}

/// Adds, changes, removes one of a listing's solutions, or takes back the change waiting on it, as the
/// form's `intent` says. Like profile changes, it publishes at once for verified listings and waits for
/// staff otherwise. The form is read only once the person may change the listing.
pub async fn save_solution(
    state: &AppState,
    user: &User,
    slug: &str,
    key: &str,
    form: &SolutionForm,
    now: OffsetDateTime,
) -> Result<RevisionStatus, AppError> {
    let (organization, right) = listing_to_edit(state, user, slug).await?;
    let key = SolutionKey::parse(key).ok_or(AppError::NotFound)?;
    let intent = match form.intent() {
        "remove" => SolutionIntent::Remove,
        "withdraw" => SolutionIntent::Withdraw,
        _ => SolutionIntent::Save(form.parse().map_err(AppError::Invalid)?),
    };
    let live = state.db.solutions_of(organization.id).await?;
    let before = match key {
        SolutionKey::Live(id) => Some(live.iter().find(|solution| solution.id == id).ok_or(AppError::NotFound)?),
        _ => None,
    };
    if let SolutionIntent::Save(details) = &intent {
        check_terms(state, &details.category_ids, &details.sector_ids).await?;
    }
    let after = match &intent {
        SolutionIntent::Save(details) => Some(details.clone()),
        _ => None,
    };
    let mut working = WorkingChange::of(state, &organization).await?;
    let fresh = fastrand::u32(1..1_000_000);
    working.solution_edits = with_intent(working.solution_edits, key, intent, fresh).ok_or(AppError::NotFound)?;
    let status = status_for_change(&organization, right);
    let actor = Actor::person(user);
    let action =
        if status == RevisionStatus::Published { AuditAction::SolutionPublish } else { AuditAction::SolutionSubmit };
    let record = AuditRecord::new(&actor, action, organization.slug.as_str())
        .of_listing(organization.id)
        .change(before.map(|solution| &solution.details), after.as_ref());
    state.db.save_revision(working.proposal(), status, &record, now).await?;
    Ok(status)
}

/// Replaces a listing's logo: at once when changes publish at once, else as a change for review.
pub async fn save_logo(
    state: &AppState,
    user: &User,
    slug: &str,
    bytes: &[u8],
    now: OffsetDateTime,
) -> Result<RevisionStatus, AppError> {
    let (organization, right) = listing_to_edit(state, user, slug).await?;
    let logo = logos::logo_from_upload(bytes.to_vec()).await?;
    let largest = logo.images.last().map(|image| image.bytes.clone()).unwrap_or_default();
    let status = status_for_change(&organization, right);
    let mut working = WorkingChange::of(state, &organization).await?;
    working.logo = Some(largest);
    let actor = Actor::person(user);
    let action = if status == RevisionStatus::Published { AuditAction::LogoPublish } else { AuditAction::LogoSubmit };
    let record = AuditRecord::new(&actor, action, organization.slug.as_str()).of_listing(organization.id);
    state.db.save_revision(working.proposal(), status, &record, now).await?;
    if status == RevisionStatus::Published {
        state.db.set_logo(organization.id, &logo, now).await?;
    }
    Ok(status)
}

/// Creates a listing for a signed-in person with a confirmed address; it waits for staff review.
pub async fn request_listing(
    state: &AppState,
    user: &User,
    form: &ProfileForm,
    now: OffsetDateTime,
) -> Result<String, AppError> {
    if user.email_verified_at.is_none() {
        return Err(FieldError::new("az.name", Problem::EmailNotConfirmed).into());
    }
    let profile = form.parse(Vec::new(), now.year()).map_err(AppError::Invalid)?;
    let id = state.db.create_draft_listing(&Actor::person(user), profile, now).await?;
    let listing = state.db.organizations_by_ids(&[id]).await?.pop().ok_or(AppError::NotFound)?;
    Ok(listing.slug.to_string())
}

/// Asks to own a published listing without an owner. Approved at once when the person's confirmed
/// address is at the listing's own website domain; otherwise staff decide.
pub async fn claim(state: &AppState, user: &User, slug: &str, now: OffsetDateTime) -> Result<ClaimStatus, AppError> {
    let organization = state
        .db
        .organization_by_slug(slug)
        .await?
        .filter(|found| found.status.is_public())
        .ok_or(AppError::NotFound)?;
    if user.email_verified_at.is_none() {
        return Err(FieldError::new("claim", Problem::EmailNotConfirmed).into());
    }
    if state.db.has_owner(organization.id).await? {
        return Err(FieldError::new("claim", Problem::AlreadyOwned).into());
    }
    let matches_website =
        organization.profile.facts.website.as_deref().and_then(website_domain).is_some_and(|domain| {
            let email_domain = user.email.domain();
            email_domain == domain || email_domain.ends_with(&format!(".{domain}"))
        });
    let status = if matches_website { ClaimStatus::Approved } else { ClaimStatus::Pending };
    let claimed = state.db.create_claim(organization.id, user.id, status, now).await?;
    let action =
        if claimed == ClaimStatus::Approved { AuditAction::ClaimApproveByDomain } else { AuditAction::ClaimRequest };
    let actor = Actor::person(user);
    state
        .db
        .record(&AuditRecord::new(&actor, action, organization.slug.as_str()).of_listing(organization.id), now)
        .await?;
    Ok(claimed)
}

/// The audit record of a profile change: the listing before, and the profile proposed.
fn change_record<'a>(
    actor: &'a Actor,
    organization: &'a Organization,
    status: RevisionStatus,
    profile: &OrganizationProfile,
) -> AuditRecord<'a> {
    let action =
        if status == RevisionStatus::Published { AuditAction::ProfilePublish } else { AuditAction::ProfileSubmit };
    AuditRecord::new(actor, action, organization.slug.as_str())
        .of_listing(organization.id)
        .change(Some(&organization.profile), Some(profile))
}

/// The domain of a website address, without `www.`.
fn website_domain(url: &str) -> Option<String> {
    let host = url.split("://").nth(1)?.split(['/', '?', '#', ':']).next()?.to_lowercase();
    let domain = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    domain.contains('.').then_some(domain)
}

/// The person's organizations, with their role, where their latest change stands, and what to add.
pub async fn my_organizations(state: &AppState, user: &User, lang: Lang) -> Result<Vec<MyOrganization>, AppError> {
    let roles = state.db.memberships_with_roles(user.id).await?;
    let ids: Vec<i64> = roles.iter().map(|(id, _)| *id).collect();
    let mut mine = Vec::new();
    for organization in state.db.organizations_by_ids(&ids).await? {
        let role = roles
            .iter()
            .find(|(id, _)| *id == organization.id)
            .map(|(_, role)| *role)
            .unwrap_or(MembershipRole::Editor);
        let latest = state.db.latest_revision(organization.id).await?;
        let summary = latest.as_ref().map(|revision| revision.summary.clone());
        let working = WorkingChange::from(&organization, latest);
        let has_logo = organization.logo_version.is_some() || working.logo.is_some();
        let completeness = Completeness::of(&working.profile, has_logo);
        mine.push(MyOrganization {
            slug: organization.slug.to_string(),
            name: display_name(&organization, lang),
            role,
            status: organization.status,
            verified: organization.is_verified(),
            completeness,
            latest_revision: summary,
        });
    }
    Ok(mine)
}

pub(super) fn display_name(organization: &Organization, lang: Lang) -> String {
    organization
        .profile
        .texts
        .pick(lang)
        .map(|text| text.value.name.clone())
        .unwrap_or_else(|| organization.slug.to_string())
}

/// The profile editor of a listing the person may change.
pub async fn editor_data(state: &AppState, user: &User, slug: &str, lang: Lang) -> Result<EditorData, AppError> {
    let (organization, right) = listing_to_edit(state, user, slug).await?;
    let latest = state.db.latest_revision(organization.id).await?;
    let latest_revision = latest.as_ref().map(|revision| revision.summary.clone());
    let working = WorkingChange::from(&organization, latest);
    let pending_logo_url =
        working.logo.as_ref().zip(latest_revision.as_ref()).map(|(_, revision)| {
            format!("{}?revision={}", routes::editing::pending_logo(&organization.slug), revision.id)
        });
    let refused = forms::take(&FormKey::Profile(slug.to_owned())).await?;
    let (form, errors) = match refused.values.is_empty() && refused.errors.is_empty() {
        true => (ProfileForm::of(&working.profile), Vec::new()),
        false => (ProfileForm(refused.values), refused.errors),
    };
    let logo_errors = forms::take(&FormKey::Logo(slug.to_owned())).await?.errors;
    let (categories, sectors) = term_choices(state, lang).await?;
    let live = state.db.solutions_of(organization.id).await?;
    Ok(EditorData {
        slug: organization.slug.to_string(),
        name: display_name(&organization, lang),
        status: organization.status,
        verified: organization.is_verified(),
        role: match right {
            EditRight::Member(role) => Some(role),
            EditRight::Staff => None,
        },
        form,
        errors,
        logo_errors,
        logo_url: organization.logo_version.as_ref().map(|version| routes::logo(&organization.slug, 128, version)),
        pending_logo_url,
        latest_revision,
        categories,
        sectors,
        solutions: working_solutions(&live, &working.solution_edits),
    })
}

/// The logo of a listing's change waiting for review, for its editors to see what they sent.
pub async fn pending_logo(state: &AppState, user: &User, slug: &str) -> Result<Vec<u8>, AppError> {
    let (organization, _) = listing_to_edit(state, user, slug).await?;
    WorkingChange::of(state, &organization).await?.logo.ok_or(AppError::NotFound)
}

/// The categories (subcategories, under their parent's name) and sectors an editor chooses from.
async fn term_choices(state: &AppState, lang: Lang) -> Result<(Vec<Choice>, Vec<Choice>), AppError> {
    let categories = state.db.categories().await?;
    let name_of = |names: &crate::domain::lang::Translations<String>| {
        names.pick(lang).map(|name| name.value.clone()).unwrap_or_default()
    };
    let category_choices = categories
        .iter()
        .filter(|category| category.parent_id.is_some())
        .map(|category| Choice {
            id: category.id,
            name: name_of(&category.names),
            group: categories
                .iter()
                .find(|parent| Some(parent.id) == category.parent_id)
                .map(|parent| name_of(&parent.names)),
        })
        .collect();
    let sectors = state
        .db
        .sectors()
        .await?
        .iter()
        .map(|sector| Choice { id: sector.id, name: name_of(&sector.names), group: None })
        .collect();
    Ok((category_choices, sectors))
}

/// The form of one of a listing's solutions (`key` is `new`, a solution's id, or a waiting addition).
pub async fn solution_editor_data(
    state: &AppState,
    user: &User,
    slug: &str,
    key: &str,
    lang: Lang,
) -> Result<SolutionEditorData, AppError> {
    let (organization, right) = listing_to_edit(state, user, slug).await?;
    let parsed = SolutionKey::parse(key).ok_or(AppError::NotFound)?;
    let working = WorkingChange::of(state, &organization).await?;
    let live = state.db.solutions_of(organization.id).await?;
    let solution = working_solutions(&live, &working.solution_edits).into_iter().find(|solution| solution.key == key);
    if parsed != SolutionKey::New && solution.is_none() {
        return Err(AppError::NotFound);
    }
    let refused = forms::take(&FormKey::Solution { slug: slug.to_owned(), key: key.to_owned() }).await?;
    let (form, errors) = match refused.values.is_empty() && refused.errors.is_empty() {
        true => (solution.as_ref().map(|solution| SolutionForm::of(&solution.details)).unwrap_or_default(), Vec::new()),
        false => (SolutionForm(refused.values), refused.errors),
    };
    let (categories, sectors) = term_choices(state, lang).await?;
    Ok(SolutionEditorData {
        organization_slug: organization.slug.to_string(),
        organization_name: display_name(&organization, lang),
        key: key.to_owned(),
        state: solution.as_ref().map(|solution| solution.state),
        public_slug: solution.and_then(|solution| solution.public_slug),
        publishes_at_once: status_for_change(&organization, right) == RevisionStatus::Published,
        form,
        errors,
        categories,
        sectors,
    })
}

/// Where a signed-in person stands with a listing's ownership.
pub async fn claim_state(state: &AppState, user: Option<&User>, slug: &str) -> Result<ClaimState, AppError> {
    let Some(organization) = state.db.organization_by_slug(slug).await? else {
        return Ok(ClaimState::Closed);
    };
    let Some(user) = user else {
        let owned = state.db.has_owner(organization.id).await?;
        return Ok(if owned { ClaimState::Closed } else { ClaimState::SignInToClaim });
    };
    if state.db.membership_role(user.id, organization.id).await?.is_some() {
        return Ok(ClaimState::Member);
    }
    if let Some(status) = state.db.claim_status(organization.id, user.id).await? {
        return Ok(ClaimState::Claimed(status));
    }
    Ok(if state.db.has_owner(organization.id).await? { ClaimState::Closed } else { ClaimState::Open })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn website_domains_drop_www_and_paths() {
        assert_eq!(website_domain("https://www.cert.gov.az/en").as_deref(), Some("cert.gov.az"));
        assert_eq!(website_domain("http://qalxan.example:8080").as_deref(), Some("qalxan.example"));
        assert_eq!(website_domain("https://localhost"), None);
    }
}

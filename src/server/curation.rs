//! Forum staff curating the directory: the review queue and its decisions, listing state, people,
//! imports and the audit log. Every function checks the caller first: staff (curator or admin) signed in with two
//! factors; people need an admin. Every change is recorded in the audit log with the change itself.
mod audit;
mod form_routes;
pub mod forum;
mod import;
mod listings;
mod people;
pub mod site_pages;
pub mod taxonomy;

pub use audit::{audit, audit_csv};
pub use form_routes::routes;
pub use import::{import_file, take_import_report};
pub use listings::{act_on_listing, find_listings, invite_owner, listing, merge_listings};
pub use people::{people, set_disabled, set_role};

use time::{Duration, OffsetDateTime};

use super::{
    AppState,
    auth::policy::require_staff,
    db::{Actor, AuditRecord, Decision, OutgoingMail, Proposal, Revision, Waiting},
    editing::display_name,
    mail::Message,
};
use crate::{
    domain::{
        audit::AuditAction,
        curation::{
            CLAIM_REASON_MAX, ClaimItem, LogoChange, QUALITY_LIST_LIMIT, QualityReport, QueueItem,
            REJECTION_REASON_MAX, Review, ReviewDecision, ReviewField, SolutionChange, StaffDashboard, field_changes,
        },
        editing::solutions::{SolutionEdit, SolutionState},
        editing::{ProfileForm, RevisionStatus, SolutionForm, field::FieldName},
        lang::Lang,
        organization::{ListingStatus, Organization},
        solution::{Solution, SolutionDetails},
        user::User,
        validation::{FieldError, Problem, required_text},
    },
    error::AppError,
    i18n::Locale,
    labels::{country_name, deployment_name, kind_label, need_name, solution_kind_name, stage_name},
    routes,
};

/// How staff decide a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    ApproveAll,
    /// Publish only these parts of the change.
    ApproveFields(Vec<ReviewField>),
    Reject {
        reason: String,
    },
}

/// The queue, oldest first, with what else needs a look.
pub async fn dashboard(
    state: &AppState,
    user: &User,
    lang: Lang,
    now: OffsetDateTime,
) -> Result<StaffDashboard, AppError> {
    require_staff(user)?;
    let revisions = state.db.pending_revisions().await?;
    let claims = state.db.pending_claims().await?;
    let ids: Vec<i64> = revisions.iter().chain(&claims).map(|waiting| waiting.organization_id).collect();
    let listings = state.db.organizations_by_ids(&ids).await?;
    let listing = |waiting: &Waiting| listings.iter().find(|listing| listing.id == waiting.organization_id);
    let queue = revisions
        .iter()
        .filter_map(|waiting| {
            let organization = listing(waiting)?;
            Some(QueueItem {
                revision_id: waiting.id,
                slug: organization.slug.to_string(),
                name: display_name(organization, lang),
                new_listing: is_new(organization),
                author: waiting.person.clone(),
                created_at: waiting.created_at,
            })
        })
        .collect();
    let claims = claims
        .iter()
        .filter_map(|waiting| {
            let organization = listing(waiting)?;
            Some(ClaimItem {
                claim_id: waiting.id,
                slug: organization.slug.to_string(),
                name: display_name(organization, lang),
                claimant: waiting.person.clone().unwrap_or_default(),
                website: organization.profile.facts.website.clone(),
                created_at: waiting.created_at,
            })
        })
        .collect();
    let (stale, new_this_week) = state.db.stale_and_new(now - Duration::days(365), now - Duration::days(7)).await?;
    Ok(StaffDashboard { queue, claims, stale, new_this_week })
}

/// A listing never made public yet: its first change is the listing itself.
fn is_new(organization: &Organization) -> bool {
    matches!(organization.status, ListingStatus::Draft | ListingStatus::Pending)
}

async fn revision_and_listing(state: &AppState, revision_id: i64) -> Result<(Revision, Organization), AppError> {
    let revision = state.db.revision_by_id(revision_id).await?.ok_or(AppError::NotFound)?;
    let organization =
        state.db.organizations_by_ids(&[revision.organization_id]).await?.pop().ok_or(AppError::NotFound)?;
    Ok((revision, organization))
}

/// A change with its field-by-field differences marked, values named in the reader's language, and
/// once decided, the decision.
pub async fn review(state: &AppState, user: &User, revision_id: i64, lang: Lang) -> Result<Review, AppError> {
    require_staff(user)?;
    let (revision, organization) = revision_and_listing(state, revision_id).await?;
    let new_listing = is_new(&organization);
    let before = if new_listing { ProfileForm::default() } else { ProfileForm::of(&organization.profile) };
    let terms = TermNames::load(state, lang).await?;
    let changes = field_changes(
        &terms.readable(&before.0, Readable::Profile),
        &terms.readable(&ProfileForm::of(&revision.profile).0, Readable::Profile),
    );
    let live = state.db.solutions_of(organization.id).await?;
    let solutions = revision.solution_edits.iter().map(|edit| solution_change(edit, &live, &terms)).collect();
    let decision = match revision.summary.status {
        RevisionStatus::Pending => None,
        _ => Some(ReviewDecision {
            decided_by: email_of(state, revision.decided_by).await?,
            decided_at: revision.decided_at,
            approved_fields: revision.approved_fields.clone(),
            reason: revision
                .summary
                .staff_comment
                .clone()
                .filter(|_| revision.summary.status == RevisionStatus::Rejected),
        }),
    };
    Ok(Review {
        revision_id,
        slug: organization.slug.to_string(),
        name: display_name(&organization, lang),
        status: revision.summary.status,
        listing_status: organization.status,
        new_listing,
        author: email_of(state, revision.author_id).await?,
        created_at: revision.summary.created_at,
        changes,
        logo: revision.logo.is_some().then(|| LogoChange {
            before: organization.logo_version.as_ref().map(|version| routes::logo(&organization.slug, 128, version)),
            after: routes::curation::proposed_logo(revision_id),
        }),
        solutions,
        decision,
    })
}

async fn email_of(state: &AppState, user_id: Option<i64>) -> Result<Option<String>, AppError> {
    Ok(match user_id {
        Some(id) => state.db.credentials_by_id(id).await?.map(|person| person.user.email.to_string()),
        None => None,
    })
}

/// A solution edit as staff review it: its fields as it is and as proposed (none, when it is new or
/// removed). Staff choose it like a profile field.
fn solution_change(edit: &SolutionEdit, live: &[Solution], terms: &TermNames) -> SolutionChange {
    let live_details = |id: &i64| live.iter().find(|solution| solution.id == *id).map(|solution| &solution.details);
    let (state, before, after) = match edit {
        SolutionEdit::Add { details, .. } => (SolutionState::Added, None, Some(details)),
        SolutionEdit::Change { id, details } => (SolutionState::Changed, live_details(id), Some(details)),
        SolutionEdit::Remove { id } => (SolutionState::Removed, live_details(id), None),
    };
    let form = |details: Option<&SolutionDetails>| {
        terms.readable(&details.map(SolutionForm::of).unwrap_or_default().0, Readable::Solution)
    };
    let name = after
        .or(before)
        .and_then(|details| details.texts.pick(terms.lang))
        .map(|text| text.value.name.clone())
        .unwrap_or_default();
    SolutionChange {
        field: ReviewField::Solution(edit.key()),
        name,
        state,
        changes: field_changes(&form(before), &form(after)),
    }
}

/// Which form a value comes from: a kind means something else in each.
#[derive(Clone, Copy)]
enum Readable {
    Profile,
    Solution,
}

/// Category and sector names, kinds, countries and the like in the reader's language, for showing
/// the ids and codes a change holds.
struct TermNames {
    categories: Vec<crate::domain::taxonomy::Category>,
    sectors: Vec<crate::domain::taxonomy::Sector>,
    lang: Lang,
}

impl TermNames {
    async fn load(state: &AppState, lang: Lang) -> Result<TermNames, AppError> {
        Ok(TermNames { categories: state.db.categories().await?, sectors: state.db.sectors().await?, lang })
    }

    /// A form's pairs with each value as staff read it.
    fn readable(&self, pairs: &[(String, String)], form: Readable) -> Vec<(String, String)> {
        pairs.iter().map(|(field, value)| (field.clone(), self.value(field, value, form))).collect()
    }

    /// A form value as staff read it: a category or sector id by its name, a code by its label,
    /// anything else as it is.
    fn value(&self, field: &str, value: &str, form: Readable) -> String {
        let locale = Locale::from(self.lang);
        let label = match (field, form) {
            ("category" | "sector", _) => {
                let id: i64 = value.parse().unwrap_or_default();
                let names = match field {
                    "category" => self.categories.iter().find(|term| term.id == id).map(|term| &term.names),
                    _ => self.sectors.iter().find(|term| term.id == id).map(|term| &term.names),
                };
                return names
                    .and_then(|names| names.pick(self.lang))
                    .map_or_else(|| value.to_owned(), |name| name.value.clone());
            }
            ("kind", Readable::Profile) => value.parse().ok().map(|kind| kind_label(locale, kind)),
            ("kind", Readable::Solution) => value.parse().ok().map(|kind| solution_kind_name(locale, kind)),
            ("country", _) => value.parse().ok().map(|country| country_name(locale, country)),
            ("stage", _) => value.parse().ok().map(|stage| stage_name(locale, stage)),
            ("need", _) => value.parse().ok().map(|need| need_name(locale, need)),
            ("deployment", _) => value.parse().ok().map(|deployment| deployment_name(locale, deployment)),
            _ => None,
        };
        label.map_or_else(|| value.to_owned(), str::to_owned)
    }
}

/// The proposed logo of a change, for staff comparing it with the current one.
pub async fn proposed_logo(state: &AppState, user: &User, revision_id: i64) -> Result<Vec<u8>, AppError> {
    require_staff(user)?;
    state.db.revision_by_id(revision_id).await?.and_then(|revision| revision.logo).ok_or(AppError::NotFound)
}

/// Approves a change (all of it or the chosen fields) or rejects it with a reason; the listing's
/// members are told by mail, and see the decision on their dashboard.
pub async fn decide(
    state: &AppState,
    user: &User,
    revision_id: i64,
    verdict: Verdict,
    lang: Lang,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    require_staff(user)?;
    let (revision, organization) = revision_and_listing(state, revision_id).await?;
    if revision.summary.status != RevisionStatus::Pending {
        return Err(FieldError::new("decision", Problem::AlreadyDecided).into());
    }
    if let Verdict::ApproveFields(fields) = &verdict
        && !fields.iter().all(|field| names_part_of(field, &revision))
    {
        // A tick for a solution edit or a logo the change does not hold: a forged or stale form.
        return Err(FieldError::new("fields", Problem::InvalidChoice).into());
    }
    let chosen_edits: Vec<SolutionEdit> = match &verdict {
        Verdict::ApproveFields(fields) => revision
            .solution_edits
            .iter()
            .filter(|edit| fields.contains(&ReviewField::Solution(edit.key())))
            .cloned()
            .collect(),
        _ => revision.solution_edits.clone(),
    };
    let profile = match &verdict {
        Verdict::ApproveAll => Some(revision.profile.clone()),
        Verdict::ApproveFields(fields) if fields.is_empty() => {
            return Err(FieldError::new("fields", Problem::Required).into());
        }
        Verdict::ApproveFields(fields) => {
            let chosen: Vec<FieldName> = fields
                .iter()
                .filter_map(|field| match field {
                    ReviewField::Profile(name) => Some(*name),
                    ReviewField::Solution(_) => None,
                })
                .collect();
            let merged =
                ProfileForm::of(&organization.profile).with_fields_from(&ProfileForm::of(&revision.profile), &chosen);
            Some(merged.parse(organization.profile.tag_ids.clone(), now.year()).map_err(AppError::Invalid)?)
        }
        Verdict::Reject { reason } => {
            required_text("reason", reason, REJECTION_REASON_MAX)?;
            None
        }
    };
    let name = display_name(&organization, lang);
    let link = format!("{}{}", state.public_url, routes::account::home(lang));
    let (action, comment, message) = match &verdict {
        Verdict::ApproveAll => {
            (AuditAction::RevisionApprove, None, Message::ChangeApproved { organization: &name, link: &link })
        }
        Verdict::ApproveFields(_) => {
            (AuditAction::RevisionApproveFields, None, Message::ChangeApproved { organization: &name, link: &link })
        }
        Verdict::Reject { reason } => (
            AuditAction::RevisionReject,
            Some(reason.trim().to_owned()),
            Message::ChangeRejected { organization: &name, reason: reason.trim(), link: &link },
        ),
    };
    let mails = member_mails(state, organization.id, message, lang).await?;
    let actor = Actor::person(user);
    let record = AuditRecord::new(&actor, action, organization.slug.as_str())
        .of_listing(organization.id)
        .change(Some(&organization.profile), profile.as_ref());
    let approved_fields = match &verdict {
        Verdict::ApproveFields(fields) => fields.as_slice(),
        _ => &[],
    };
    let decision = profile.as_ref().map_or(Decision::Reject, |profile| Decision::Approve {
        proposal: Proposal { profile, logo: None, solution_edits: &chosen_edits },
        fields: approved_fields,
    });
    state.db.decide_revision(revision_id, decision, comment.as_deref(), &record, &mails, now).await?;
    let logo_approved = match &verdict {
        Verdict::ApproveAll => true,
        Verdict::ApproveFields(fields) => fields.contains(&ReviewField::LOGO),
        Verdict::Reject { .. } => false,
    };
    if logo_approved && let Some(logo) = &revision.logo {
        let logo = super::logos::logo_from_upload(logo.clone()).await?;
        state.db.set_logo(organization.id, &logo, now).await?;
    }
    Ok(())
}

/// Whether a change holds what a tick names: any profile field (approving one it leaves as it is
/// changes nothing), its new logo, or one of its solution edits.
fn names_part_of(field: &ReviewField, revision: &Revision) -> bool {
    match field {
        _ if *field == ReviewField::LOGO => revision.logo.is_some(),
        ReviewField::Profile(_) => true,
        ReviewField::Solution(key) => revision.solution_edits.iter().any(|edit| edit.key() == *key),
    }
}

/// The mail to every member of a listing.
async fn member_mails(
    state: &AppState,
    organization_id: i64,
    message: Message<'_>,
    lang: Lang,
) -> Result<Vec<OutgoingMail>, AppError> {
    let members = state.db.members_of(organization_id).await?;
    Ok(members.iter().map(|member| message.to(&member.email, lang)).collect())
}

/// Approves or rejects an ownership claim; the claimant is told by mail.
pub async fn decide_claim(
    state: &AppState,
    user: &User,
    claim_id: i64,
    approve: bool,
    reason: &str,
    lang: Lang,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    require_staff(user)?;
    if !approve {
        required_text("reason", reason, CLAIM_REASON_MAX)?;
    }
    let claim = state
        .db
        .pending_claim(claim_id)
        .await?
        .ok_or_else(|| AppError::from(FieldError::new("decision", Problem::AlreadyDecided)))?;
    let organization =
        state.db.organizations_by_ids(&[claim.organization_id]).await?.pop().ok_or(AppError::NotFound)?;
    let name = display_name(&organization, lang);
    let link = format!("{}{}", state.public_url, routes::account::home(lang));
    let message = if approve {
        Message::ClaimApproved { organization: &name, link: &link }
    } else {
        Message::ClaimRejected { organization: &name, reason: reason.trim(), link: &link }
    };
    let mails: Vec<OutgoingMail> = claim.person.iter().map(|to| message.to(to, lang)).collect();
    let actor = Actor::person(user);
    let action = if approve { AuditAction::ClaimApprove } else { AuditAction::ClaimReject };
    let claimant = claim.person.unwrap_or_default();
    let record = AuditRecord::new(&actor, action, organization.slug.as_str())
        .of_listing(organization.id)
        .change(None, Some(&claimant));
    let reason = (!approve).then(|| reason.trim());
    state.db.decide_claim(claim_id, approve, reason, &record, &mails, now).await
}

/// The data-quality report: listings not updated for a year, missing a language, without a logo.
pub async fn quality(state: &AppState, user: &User, now: OffsetDateTime) -> Result<QualityReport, AppError> {
    require_staff(user)?;
    state.db.quality_report(now - Duration::days(365), QUALITY_LIST_LIMIT).await
}

//! Forum staff curating the directory: the review queue and its decisions, listing state, people,
//! imports and the audit log. Every function checks the caller first: staff (curator or admin) signed in with two
//! factors; people need an admin. Every change is recorded in the audit log with the change itself.
pub mod forum;
pub mod site_pages;
pub mod taxonomy;

use axum::{
    Router,
    extract::{Multipart, Path, Query, State},
    http::header,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use time::{Duration, OffsetDateTime};
use tower_sessions::Session;

use super::{
    AppState,
    auth::policy::{require_admin, require_staff},
    bulk::import::{ImportFormat, import},
    db::{Actor, AuditRecord, Decision, OutgoingMail, Proposal, Revision, Waiting},
    editing::{Compose, bring_in, display_name},
    forms::{FormKey, back_to_form},
    http::plain::{error_response, private_png, signed_in_user},
    mail::Message,
    spreadsheet::CsvWriter,
};
use crate::{
    domain::{
        audit::AuditAction,
        bulk::ImportReport,
        curation::{
            AUDIT_PAGE, AuditEntry, AuditFilter, CLAIM_REASON_MAX, ClaimItem, LISTING_CHOICES, LOGO_FIELD,
            ListingAction, LogoChange, Person, QUALITY_LIST_LIMIT, QualityReport, QueueItem, REJECTION_REASON_MAX,
            Review, ReviewDecision, SolutionChange, StaffDashboard, StaffListing, field_changes,
        },
        directory::{DirectoryQuery, MAX_QUERY_CHARS, OrganizationCard},
        editing::solutions::{SolutionEdit, SolutionState},
        editing::{ProfileForm, RevisionStatus, SolutionForm},
        lang::Lang,
        organization::{ListingStatus, Organization, OrganizationKind},
        solution::{Solution, SolutionDetails},
        user::{MembershipRole, StaffRole, User},
        validation::{FieldError, FormValues, Problem, required_text},
    },
    error::AppError,
    i18n::Locale,
    labels::{country_name, deployment_name, kind_label, need_name, solution_kind_name, stage_name},
};

/// How staff decide a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    ApproveAll,
    /// Publish only these fields of the change (profile form field names).
    ApproveFields(Vec<String>),
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
                website: organization.profile.website.clone(),
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
            before: organization
                .logo_version
                .as_ref()
                .map(|version| format!("/logos/{}/128?v={version}", organization.slug)),
            after: format!("/staff/revisions/{revision_id}/logo"),
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
/// removed). Its field is `solution:{key}`, which staff choose like a profile field.
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
        field: format!("solution:{}", edit.key()),
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
    let chosen_edits: Vec<SolutionEdit> = match &verdict {
        Verdict::ApproveFields(fields) => revision
            .solution_edits
            .iter()
            .filter(|edit| fields.contains(&format!("solution:{}", edit.key())))
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
            let merged =
                ProfileForm::of(&organization.profile).with_fields_from(&ProfileForm::of(&revision.profile), fields);
            Some(merged.parse(organization.profile.tag_ids.clone(), now.year()).map_err(AppError::Invalid)?)
        }
        Verdict::Reject { reason } => {
            required_text("reason", reason, REJECTION_REASON_MAX)?;
            None
        }
    };
    let name = display_name(&organization, lang);
    let link = format!("{}/{lang}/account", state.public_url);
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
        Verdict::ApproveFields(fields) => fields.iter().any(|field| field == LOGO_FIELD),
        Verdict::Reject { .. } => false,
    };
    if logo_approved && let Some(logo) = &revision.logo {
        let logo = super::logos::logo_from_upload(logo.clone()).await?;
        state.db.set_logo(organization.id, &logo, now).await?;
    }
    Ok(())
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
    let link = format!("{}/{lang}/account", state.public_url);
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

/// A listing as staff manage it.
pub async fn listing(state: &AppState, user: &User, slug: &str, lang: Lang) -> Result<StaffListing, AppError> {
    require_staff(user)?;
    let organization = state.db.organization_by_slug(slug).await?.ok_or(AppError::NotFound)?;
    Ok(staff_listing(&organization, lang))
}

fn staff_listing(organization: &Organization, lang: Lang) -> StaffListing {
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

/// The data-quality report: listings not updated for a year, missing a language, without a logo.
pub async fn quality(state: &AppState, user: &User, now: OffsetDateTime) -> Result<QualityReport, AppError> {
    require_staff(user)?;
    state.db.quality_report(now - Duration::days(365), QUALITY_LIST_LIMIT).await
}

/// Accounts whose address contains `search`, for admins.
pub async fn people(state: &AppState, user: &User, search: &str) -> Result<Vec<Person>, AppError> {
    require_admin(user)?;
    state.db.people(search, 200).await
}

/// Gives or takes a staff role. Admins cannot change their own, so there is always one left.
pub async fn set_role(
    state: &AppState,
    user: &User,
    person_id: i64,
    role: Option<StaffRole>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    require_admin(user)?;
    let person = other_person(state, user, person_id).await?;
    let actor = Actor::person(user);
    let record = AuditRecord::new(&actor, AuditAction::PersonRole, person.email.as_str())
        .change(Some(&person.staff_role), Some(&role));
    state.db.set_staff_role(person_id, role, &record, now).await
}

/// Disables an account (its sessions end at once, everywhere) or enables it again.
pub async fn set_disabled(
    state: &AppState,
    user: &User,
    person_id: i64,
    disabled: bool,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    require_admin(user)?;
    let person = other_person(state, user, person_id).await?;
    let actor = Actor::person(user);
    let action = if disabled { AuditAction::PersonDisable } else { AuditAction::PersonEnable };
    let record = AuditRecord::new(&actor, action, person.email.as_str());
    state.db.set_disabled(person_id, disabled, &record, now).await
}

async fn other_person(state: &AppState, user: &User, person_id: i64) -> Result<User, AppError> {
    if person_id == user.id {
        return Err(AppError::Forbidden);
    }
    Ok(state.db.credentials_by_id(person_id).await?.ok_or(AppError::NotFound)?.user)
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
    let mut found = state.db.search_directory(&query, lang).await?.results;
    found.truncate(LISTING_CHOICES);
    Ok(found)
}

/// The audit log, newest first, a page at a time.
pub async fn audit(
    state: &AppState,
    user: &User,
    filter: &AuditFilter,
    page: u32,
) -> Result<Vec<AuditEntry>, AppError> {
    require_staff(user)?;
    let offset = i64::from(page.saturating_sub(1)) * AUDIT_PAGE;
    state.db.audit_entries(filter, AUDIT_PAGE, offset).await
}

/// The whole filtered audit log as CSV, for staff.
pub async fn audit_csv(state: &AppState, user: &User, filter: &AuditFilter) -> Result<String, AppError> {
    require_staff(user)?;
    let entries = state.db.audit_entries(filter, i64::MAX, 0).await?;
    let mut writer = CsvWriter::new();
    let internal = |error: csv::Error| {
        tracing::error!(%error, "writing the audit CSV failed");
        AppError::Internal
    };
    writer
        .write_row(["id", "at", "actor", "action", "organization_id", "subject", "before", "after"])
        .map_err(internal)?;
    for entry in entries {
        writer
            .write_row([
                entry.id.to_string(),
                entry.at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
                entry.actor,
                entry.action,
                entry.organization_id.map(|id| id.to_string()).unwrap_or_default(),
                entry.subject,
                entry.before.unwrap_or_default(),
                entry.after.unwrap_or_default(),
            ])
            .map_err(internal)?;
    }
    let bytes = writer.finish().map_err(internal)?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}

/// Imports listings and solutions from a file in the export's format (see `server::bulk`), all or nothing.
pub async fn import_file(
    state: &AppState,
    user: &User,
    file_name: &str,
    bytes: &[u8],
    dry_run: bool,
    now: OffsetDateTime,
) -> Result<ImportReport, AppError> {
    require_staff(user)?;
    let Some(format) = ImportFormat::of_file_name(file_name) else {
        return Err(FieldError::new("file", Problem::InvalidChoice).into());
    };
    import(&state.db, bytes, format, dry_run, &Actor::person(user), now).await
}

/// Where the last import's report waits for the import page.
const IMPORT_REPORT: &str = "staff:import-report";

/// The report of the signed-in staff member's last import, shown once.
pub async fn take_import_report(user: &User, session: &Session) -> Result<Option<ImportReport>, AppError> {
    require_staff(user)?;
    session.remove::<ImportReport>(IMPORT_REPORT).await.map_err(super::auth::session_error)
}

/// The staff forms: plain posts that go back to their page (303) with what was decided, or with the
/// refusal's messages and what was typed kept in the session for the page to show.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/{lang}/staff/revisions/{id}", post(post_decision))
        .route("/{lang}/staff/claims/{id}", post(post_claim_decision))
        .route("/{lang}/staff/listings/{slug}", post(post_listing_action))
        .route("/{lang}/staff/people/{id}", post(post_person_change))
        .route("/{lang}/staff/taxonomy/{kind}", post(taxonomy::post_term_change))
        .route("/{lang}/staff/forum", post(forum::post_forum_change))
        .route("/{lang}/staff/pages", post(site_pages::post_site_page))
        .route("/{lang}/staff/import", post(post_import))
        .route("/staff/revisions/{id}/logo", get(get_proposed_logo))
        .route("/staff/audit.csv", get(get_audit_csv))
}

type Pairs = axum::Form<Vec<(String, String)>>;

/// Runs a staff form for the signed-in person and answers with where to go next.
async fn staff_form<F>(
    state: &AppState,
    session: &Session,
    lang: Lang,
    key: FormKey,
    page: String,
    pairs: Vec<(String, String)>,
    act: F,
) -> Result<Response, Response>
where
    F: AsyncFnOnce(&User, &FormValues) -> Result<String, AppError>,
{
    let credentials = signed_in_user(state, session, lang).await?;
    let form = FormValues(pairs);
    // Staff first: nobody else learns even whether what they typed would pass.
    let outcome = match require_staff(&credentials.user) {
        Ok(()) => act(&credentials.user, &form).await,
        Err(error) => Err(error),
    };
    let outcome = outcome.map_err(|error| (error, form.0));
    Ok(back_to_form(session, &key, page, outcome).await)
}

async fn post_decision(
    State(state): State<AppState>,
    session: Session,
    Path((lang, id)): Path<(Lang, i64)>,
    axum::Form(pairs): Pairs,
) -> Result<Response, Response> {
    let page = format!("/{lang}/staff/revisions/{id}");
    staff_form(&state, &session, lang, FormKey::Decision(id), page.clone(), pairs, async |user, form| {
        let verdict = match form.value("decision") {
            "approve" => Verdict::ApproveAll,
            "approve_fields" => Verdict::ApproveFields(form.values("field").into_iter().map(str::to_owned).collect()),
            _ => Verdict::Reject { reason: form.value("reason").to_owned() },
        };
        decide(&state, user, id, verdict, lang, OffsetDateTime::now_utc()).await?;
        Ok(format!("{page}?decided=1"))
    })
    .await
}

async fn post_claim_decision(
    State(state): State<AppState>,
    session: Session,
    Path((lang, id)): Path<(Lang, i64)>,
    axum::Form(pairs): Pairs,
) -> Result<Response, Response> {
    let page = format!("/{lang}/staff");
    staff_form(&state, &session, lang, FormKey::Claim(id), format!("{page}#claim-{id}"), pairs, async |user, form| {
        let approve = form.value("decision") == "approve";
        decide_claim(&state, user, id, approve, form.value("reason"), lang, OffsetDateTime::now_utc()).await?;
        Ok(format!("{page}?claim=decided"))
    })
    .await
}

async fn post_listing_action(
    State(state): State<AppState>,
    session: Session,
    Path((lang, slug)): Path<(Lang, String)>,
    axum::Form(pairs): Pairs,
) -> Result<Response, Response> {
    let page = format!("/{lang}/staff/listings/{slug}");
    staff_form(&state, &session, lang, FormKey::Listing(slug.clone()), page.clone(), pairs, async |user, form| {
        let now = OffsetDateTime::now_utc();
        match form.value("action") {
            "merge" => {
                let kept = merge_listings(&state, user, &slug, form.value("keep"), now).await?;
                return Ok(format!("/{lang}/staff/listings/{kept}?done=merge"));
            }
            "invite_owner" => {
                invite_owner(&state, user, &slug, form.value("email"), lang, now).await?;
                return Ok(format!("{page}?done=invite_owner"));
            }
            _ => {}
        }
        let action: ListingAction =
            form.value("action").parse().map_err(|_| FieldError::new("action", Problem::InvalidChoice))?;
        let position = match form.value("position").trim() {
            "" => None,
            text => {
                Some(text.parse().map_err(|_| FieldError::new("position", Problem::OutOfRange { min: 1, max: 999 }))?)
            }
        };
        act_on_listing(&state, user, &slug, action, position, now).await?;
        Ok(format!("{page}?done={action}"))
    })
    .await
}

async fn post_person_change(
    State(state): State<AppState>,
    session: Session,
    Path((lang, id)): Path<(Lang, i64)>,
    axum::Form(pairs): Pairs,
) -> Result<Response, Response> {
    let page = format!("/{lang}/staff/people");
    staff_form(&state, &session, lang, FormKey::People, page.clone(), pairs, async |user, form| {
        let now = OffsetDateTime::now_utc();
        match form.value("change") {
            "disable" => set_disabled(&state, user, id, true, now).await?,
            "enable" => set_disabled(&state, user, id, false, now).await?,
            _ => {
                let role = match form.value("role") {
                    "" | "none" => None,
                    role => Some(role.parse().map_err(|_| FieldError::new("role", Problem::InvalidChoice))?),
                };
                set_role(&state, user, id, role, now).await?;
            }
        }
        Ok(format!("{page}?q={}&changed={id}", urlencoding(form.value("q"))))
    })
    .await
}

/// A query-string value, percent-encoded.
fn urlencoding(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The import form: a file and a "dry run" box, posted as multipart (files need it); the report waits
/// in the session for the page the post goes back to.
async fn post_import(
    State(state): State<AppState>,
    session: Session,
    Path(lang): Path<Lang>,
    mut multipart: Multipart,
) -> Result<Response, Response> {
    let credentials = signed_in_user(&state, &session, lang).await?;
    // Staff first: nobody else gets their upload read.
    require_staff(&credentials.user).map_err(|error| error_response(&error))?;
    let (mut file_name, mut bytes, mut dry_run) = (String::new(), Vec::new(), false);
    while let Some(field) = multipart.next_field().await.map_err(|error| error.into_response())? {
        match field.name() {
            Some("file") => {
                file_name = field.file_name().unwrap_or_default().to_owned();
                bytes = field.bytes().await.map_err(|error| error.into_response())?.to_vec();
            }
            Some("dry_run") => dry_run = true,
            _ => {}
        }
    }
    let page = format!("/{lang}/staff/import");
    let outcome = if bytes.is_empty() {
        Err(FieldError::new("file", Problem::Required).into())
    } else {
        import_file(&state, &credentials.user, &file_name, &bytes, dry_run, OffsetDateTime::now_utc()).await
    };
    match outcome {
        Ok(report) => {
            session
                .insert(IMPORT_REPORT, report)
                .await
                .map_err(|error| error_response(&super::auth::session_error(error)))?;
            Ok(Redirect::to(&format!("{page}?done=1")).into_response())
        }
        Err(error) => Ok(back_to_form(&session, &FormKey::Import, page, Err((error, Vec::new()))).await),
    }
}

async fn get_proposed_logo(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, Response> {
    let credentials = signed_in_user(&state, &session, Lang::En).await?;
    let bytes = proposed_logo(&state, &credentials.user, id).await.map_err(|error| error_response(&error))?;
    Ok(private_png(bytes))
}

async fn get_audit_csv(
    State(state): State<AppState>,
    session: Session,
    Query(filter): Query<AuditFilter>,
) -> Result<Response, Response> {
    let credentials = signed_in_user(&state, &session, Lang::En).await?;
    let csv = audit_csv(&state, &credentials.user, &filter).await.map_err(|error| error_response(&error))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"qala-audit-log.csv\""),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        csv,
    )
        .into_response())
}

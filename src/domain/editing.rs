//! Organizations keep their own listings: revisions and claims, how complete a profile is, the profile
//! and solution forms and their rules (the same wherever they are checked; the server has the last
//! word), what a change does to the listing's solutions, and what the editing pages show.
pub mod field;
mod profile_form;
mod solution_form;
pub mod solutions;
pub mod views;

pub use field::FormField;
pub use profile_form::ProfileForm;
pub use solution_form::SolutionForm;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{
    lang::Lang,
    organization::{ListingStatus, OrganizationProfile},
    user::MembershipRole,
};

text_enum! {
    /// Where a saved change stands. Changes to verified listings publish at once; others wait for staff.
    pub enum RevisionStatus {
        Pending = "pending",
        Published = "published",
        Rejected = "rejected",
        /// A later change replaced it before staff decided.
        Superseded = "superseded",
    }
}

text_enum! {
    pub enum ClaimStatus {
        Pending = "pending",
        Approved = "approved",
        Rejected = "rejected",
    }
}

/// The latest change to a listing, as its editors see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionSummary {
    pub id: i64,
    pub status: RevisionStatus,
    pub staff_comment: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// One of the signed-in person's organizations, for their dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyOrganization {
    pub slug: String,
    pub name: String,
    pub role: MembershipRole,
    pub status: ListingStatus,
    pub verified: bool,
    pub latest_revision: Option<RevisionSummary>,
    pub completeness: Completeness,
}

/// A listing someone may ask to own, and whether they already asked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimOutcome {
    pub status: ClaimStatus,
}

/// How much of a profile is filled in, with what to add next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completeness {
    /// 0 to 100.
    pub percent: u8,
    /// The fields still missing, most useful first.
    pub missing: Vec<FormField>,
}

impl Completeness {
    pub fn of(profile: &OrganizationProfile, has_logo: bool) -> Completeness {
        let texts_in_every_language = Lang::ALL.iter().all(|lang| profile.texts.get(*lang).is_some());
        let described = profile.texts.iter().any(|(_, text)| text.description.is_some());
        let summarised = profile.texts.iter().any(|(_, text)| text.short_description.is_some());
        let checks: [(FormField, bool); 10] = [
            (FormField::Logo, has_logo),
            (FormField::ShortDescription, summarised),
            (FormField::Description, described),
            (FormField::Translations, texts_in_every_language),
            (FormField::Website, profile.facts.website.is_some()),
            (FormField::Email, profile.facts.email.is_some()),
            (FormField::City, profile.facts.city.is_some()),
            (FormField::Category, !profile.category_ids.is_empty()),
            (FormField::Sector, !profile.sector_ids.is_empty()),
            (FormField::FoundedYear, profile.facts.founded_year.is_some()),
        ];
        let done = checks.iter().filter(|(_, done)| *done).count();
        let percent = u8::try_from(done * 100 / checks.len()).unwrap_or(100);
        let missing = checks.iter().filter(|(_, done)| !done).map(|(field, _)| *field).collect();
        Completeness { percent, missing }
    }
}

/// The longest texts the form accepts.
pub const SHORT_DESCRIPTION_MAX: usize = 300;
pub const DESCRIPTION_MAX: usize = 8000;
pub const NAME_MAX: usize = 200;

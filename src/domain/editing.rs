//! Organizations keep their own listings: revisions and claims, how complete a profile is, the profile
//! and solution forms and their rules (the same wherever they are checked; the server has the last
//! word), what a change does to the listing's solutions, and what the editing pages show.
mod profile_form;
mod solution_form;
pub mod solutions;
pub mod views;

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
    /// The fields still missing, by form field name, most useful first.
    pub missing: Vec<String>,
}

impl Completeness {
    pub fn of(profile: &OrganizationProfile, has_logo: bool) -> Completeness {
        let texts_in_every_language = Lang::ALL.iter().all(|lang| profile.texts.get(*lang).is_some());
        let described = profile.texts.iter().any(|(_, text)| text.description.is_some());
        let summarised = profile.texts.iter().any(|(_, text)| text.short_description.is_some());
        let checks: [(&str, bool); 10] = [
            ("logo", has_logo),
            ("short_description", summarised),
            ("description", described),
            ("translations", texts_in_every_language),
            ("website", profile.website.is_some()),
            ("email", profile.email.is_some()),
            ("city", profile.city.is_some()),
            ("category", !profile.category_ids.is_empty()),
            ("sector", !profile.sector_ids.is_empty()),
            ("founded_year", profile.founded_year.is_some()),
        ];
        let done = checks.iter().filter(|(_, done)| *done).count();
        let percent = u8::try_from(done * 100 / checks.len()).unwrap_or(100);
        let missing = checks.iter().filter(|(_, done)| !done).map(|(name, _)| (*name).to_owned()).collect();
        Completeness { percent, missing }
    }
}

/// The longest texts the form accepts.
pub const SHORT_DESCRIPTION_MAX: usize = 300;
pub const DESCRIPTION_MAX: usize = 8000;
pub const NAME_MAX: usize = 200;

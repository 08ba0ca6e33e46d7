//! Organizations: every listing in the directory, from ministries to startups.
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{country::Country, lang::Translations, slug::Slug, solution::SolutionDetails, startup::StartupFacts};

/// The square sizes, in pixels, every logo is stored and served in (`/logos/{slug}/{size}`).
pub const LOGO_SIZES: [u32; 3] = [64, 128, 256];

text_enum! {
    /// What an organization is; decides where it shows up and which facts it carries.
    pub enum OrganizationKind {
        GovernmentAgency = "government_agency",
        Regulator = "regulator",
        Cert = "cert",
        Association = "association",
        Company = "company",
        Startup = "startup",
        University = "university",
        TrainingProvider = "training_provider",
        ResearchLab = "research_lab",
        Investor = "investor",
        InternationalOrganization = "international_organization",
    }
}

impl OrganizationKind {
    /// Kinds people turn to in order to report or ask (CERTs, agencies, regulators): their profile
    /// puts how to reach them (phone too) at the top, before what they offer.
    pub fn answers_the_public(self) -> bool {
        matches!(self, OrganizationKind::Cert | OrganizationKind::GovernmentAgency | OrganizationKind::Regulator)
    }
}

text_enum! {
    /// Where a listing is in its life. Only published listings are public.
    pub enum ListingStatus {
        Draft = "draft",
        Pending = "pending",
        Published = "published",
        Hidden = "hidden",
        Archived = "archived",
    }
}

text_enum! {
    /// Head count bands, wide enough that organizations can answer without disclosing exact numbers.
    pub enum EmployeeRange {
        Micro = "1-10",
        Small = "11-50",
        Medium = "51-200",
        Large = "201-1000",
        Enterprise = "1001+",
    }
}

text_enum! {
    /// Networks a profile can link to; each gets its own icon and label.
    pub enum SocialNetwork {
        LinkedIn = "linkedin",
        X = "x",
        Facebook = "facebook",
        Instagram = "instagram",
        YouTube = "youtube",
        Telegram = "telegram",
        GitHub = "github",
    }
}

impl ListingStatus {
    pub fn is_public(self) -> bool {
        self == ListingStatus::Published
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SocialLink {
    pub network: SocialNetwork,
    pub url: String,
}

/// The parts of a profile written in a particular language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationText {
    pub name: String,
    pub short_description: Option<String>,
    /// Markdown, rendered through a sanitizer.
    pub description: Option<String>,
}

/// What an organization states about itself besides its texts and taxonomy: how to reach it, where
/// it is, since when, how big, certified for what, and where else it is online. Declared once, so
/// the profile its members edit, its public page and its open-data record carry the same fields;
/// each of them flattens it, so their JSON has the fields in place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationFacts {
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub city: Option<String>,
    pub country: Country,
    /// Where to report an incident (a mail address or a web address), for CERTs and agencies that
    /// take reports. Absent from profiles saved before it existed.
    #[serde(default)]
    pub incident_contact: Option<String>,
    /// Whom a CERT serves ("operators of the energy sector"), as typed.
    #[serde(default)]
    pub constituency: Option<String>,
    pub founded_year: Option<i32>,
    pub employee_range: Option<EmployeeRange>,
    pub certifications: Vec<String>,
    pub social_links: Vec<SocialLink>,
}

impl OrganizationFacts {
    /// The incident contact as a link: a web address as it is, a mail address as `mailto:`.
    pub fn incident_href(&self) -> Option<String> {
        self.incident_contact.as_deref().map(|contact| match contact.contains("://") {
            true => contact.to_owned(),
            false => format!("mailto:{contact}"),
        })
    }
}

/// What an organization says about itself: the part of a listing its members edit, and what a
/// revision records.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganizationProfile {
    pub kind: OrganizationKind,
    pub texts: Translations<OrganizationText>,
    #[serde(flatten)]
    pub facts: OrganizationFacts,
    /// Sorted ids of the categories (second level), sectors and tags it describes itself with.
    pub category_ids: Vec<i64>,
    pub sector_ids: Vec<i64>,
    pub tag_ids: Vec<i64>,
    /// The showcase facts of a startup; ignored for every other kind.
    pub startup: Option<StartupFacts>,
}

impl OrganizationProfile {
    /// The name a slug is made from: Azerbaijani first, as the directory's primary language.
    pub fn slug_source(&self) -> Option<&str> {
        self.texts.pick(super::lang::Lang::Az).map(|text| text.value.name.as_str())
    }
}

/// A listing: its profile, and the state forum staff keep (status, verification, featuring).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    pub id: i64,
    pub slug: Slug,
    pub profile: OrganizationProfile,
    pub status: ListingStatus,
    #[serde(with = "time::serde::rfc3339::option")]
    pub verified_at: Option<OffsetDateTime>,
    /// Place on the startup showcase; `None` when not featured.
    pub featured_position: Option<i64>,
    /// Changes whenever the logo does, so logo URLs can be cached forever; `None` without a logo.
    pub logo_version: Option<String>,
    /// When it was first published; `None` while it never has been.
    #[serde(with = "time::serde::rfc3339::option")]
    pub published_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl Organization {
    pub fn is_verified(&self) -> bool {
        self.verified_at.is_some()
    }

    pub fn is_featured(&self) -> bool {
        self.featured_position.is_some()
    }
}

/// What it takes to create a listing. The slug is made from the name when not given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewOrganization {
    pub slug: Option<Slug>,
    pub profile: OrganizationProfile,
    pub status: ListingStatus,
    /// Set by staff and by imports only; a new listing from an organization is never verified.
    #[serde(with = "time::serde::rfc3339::option")]
    pub verified_at: Option<OffsetDateTime>,
    pub featured_position: Option<i64>,
    /// The solutions it offers from the start.
    pub solutions: Vec<SolutionDetails>,
}

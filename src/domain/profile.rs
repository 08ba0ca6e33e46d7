//! What public pages show of a listing and its solutions, resolved for one reader's language.
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{
    directory::OrganizationCard,
    lang::Localized,
    organization::{OrganizationFacts, OrganizationKind},
    slug::Slug,
    solution::{Deployment, SolutionKind},
    startup::{Money, ReadinessLevel, StartupNeed, StartupStage},
    taxonomy::NistFunction,
};

/// A taxonomy value to show and link to the directory filtered by it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxonomyLink {
    pub slug: Slug,
    pub name: String,
}

/// A solution as a list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolutionSummary {
    pub slug: Slug,
    pub kind: SolutionKind,
    pub name: Localized<String>,
    /// The first paragraph of its description, as plain text.
    pub summary: Option<Localized<String>>,
    pub deployment: Option<Deployment>,
    pub categories: Vec<TaxonomyLink>,
}

/// A startup's showcase facts, resolved for a reader.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartupView {
    pub stage: StartupStage,
    pub funding_raised: Option<Money>,
    pub looking_for: Vec<StartupNeed>,
    pub pitch: Option<Localized<String>>,
    pub demo_video_url: Option<String>,
    pub technology_readiness: Option<ReadinessLevel>,
}

/// A published listing's profile page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationPage {
    pub slug: Slug,
    /// The page's absolute address, for sharing and structured data.
    pub url: String,
    pub kind: OrganizationKind,
    pub name: Localized<String>,
    pub short_description: Option<Localized<String>>,
    /// The description rendered from Markdown and sanitized.
    pub description_html: Option<Localized<String>>,
    #[serde(flatten)]
    pub facts: OrganizationFacts,
    #[serde(with = "time::serde::rfc3339::option")]
    pub verified_at: Option<OffsetDateTime>,
    /// Absolute addresses of the logo, small and large; `None` without a logo.
    pub logo_url: Option<String>,
    pub categories: Vec<TaxonomyLink>,
    pub sectors: Vec<TaxonomyLink>,
    pub tags: Vec<TaxonomyLink>,
    pub solutions: Vec<SolutionSummary>,
    pub startup: Option<StartupView>,
    pub related: Vec<OrganizationCard>,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// A published solution's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolutionPage {
    pub slug: Slug,
    pub url: String,
    pub kind: SolutionKind,
    pub name: Localized<String>,
    pub description_html: Option<Localized<String>>,
    /// The description's first paragraph as plain text, for the meta description and JSON-LD.
    pub summary: Option<Localized<String>>,
    pub deployment: Option<Deployment>,
    pub certifications: Vec<String>,
    pub website: Option<String>,
    pub categories: Vec<TaxonomyLink>,
    pub nist_functions: Vec<NistFunction>,
    pub sectors: Vec<TaxonomyLink>,
    pub organization: OrganizationCard,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

//! Solutions: the products, services and training programs organizations offer.
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{lang::Translations, slug::Slug};

text_enum! {
    pub enum SolutionKind {
        Product = "product",
        Service = "service",
        Training = "training",
    }
}

text_enum! {
    /// Where a product runs.
    pub enum Deployment {
        OnPremises = "on_premises",
        Cloud = "cloud",
        Hybrid = "hybrid",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolutionText {
    pub name: String,
    /// Markdown, rendered through a sanitizer.
    pub description: Option<String>,
}

/// What a solution is: the part its organization edits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SolutionDetails {
    pub kind: SolutionKind,
    pub texts: Translations<SolutionText>,
    pub deployment: Option<Deployment>,
    pub certifications: Vec<String>,
    pub url: Option<String>,
    /// Sorted ids of its categories (second level) and of the sectors it serves.
    pub category_ids: Vec<i64>,
    pub sector_ids: Vec<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Solution {
    pub id: i64,
    pub organization_id: i64,
    pub slug: Slug,
    pub details: SolutionDetails,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// What it takes to add a solution. The slug is made from the name when not given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewSolution {
    pub organization_id: i64,
    pub slug: Option<Slug>,
    pub details: SolutionDetails,
}

//! The standard cybersecurity market taxonomy every installation starts with.
//!
//! It is reference data, not demo data: `migrate` and `serve` load it into an empty database, and
//! staff curate it from there.
use serde::Deserialize;

use super::db::Database;
use crate::{
    domain::{
        lang::Translations,
        slug::Slug,
        taxonomy::{NewCategory, NewSector, NewTag, NistFunction},
    },
    error::AppError,
};

const REFERENCE_TAXONOMY: &str = include_str!("taxonomy/reference.json");

#[derive(Deserialize)]
struct ReferenceTaxonomy {
    categories: Vec<ReferenceCategory>,
    sectors: Vec<ReferenceSector>,
    tags: Vec<NewTag>,
}

#[derive(Deserialize)]
struct ReferenceCategory {
    slug: Slug,
    nist: NistFunction,
    names: Translations<String>,
    #[serde(default)]
    children: Vec<ReferenceCategory>,
}

#[derive(Deserialize)]
struct ReferenceSector {
    slug: Slug,
    critical: bool,
    names: Translations<String>,
}

/// Loads the reference taxonomy when the database has no categories yet; says whether it did.
pub async fn ensure_reference_taxonomy(db: &Database) -> Result<bool, AppError> {
    if !db.taxonomy_is_empty().await? {
        return Ok(false);
    }
    let reference: ReferenceTaxonomy = serde_json::from_str(REFERENCE_TAXONOMY).map_err(|error| {
        tracing::error!(%error, "the bundled reference taxonomy does not parse");
        AppError::Internal
    })?;
    let mut categories = Vec::new();
    for top in reference.categories {
        categories.push(NewCategory {
            slug: top.slug.clone(),
            parent: None,
            nist_function: top.nist,
            names: top.names,
        });
        categories.extend(top.children.into_iter().map(|child| NewCategory {
            slug: child.slug,
            parent: Some(top.slug.clone()),
            nist_function: child.nist,
            names: child.names,
        }));
    }
    db.insert_categories(&categories).await?;
    let sectors: Vec<NewSector> = reference
        .sectors
        .into_iter()
        .map(|sector| NewSector { slug: sector.slug, critical_infrastructure: sector.critical, names: sector.names })
        .collect();
    db.insert_sectors(&sectors).await?;
    db.insert_tags(&reference.tags).await?;
    Ok(true)
}

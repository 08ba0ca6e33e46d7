//! The vocabulary listings are described with: market categories, sectors served, free tags.
use serde::{Deserialize, Serialize};

use super::{
    lang::Translations,
    slug::Slug,
    validation::{FieldError, Problem, names_in_every_language},
};

text_enum! {
    /// The six functions of the NIST Cybersecurity Framework 2.0.
    pub enum NistFunction {
        Govern = "govern",
        Identify = "identify",
        Protect = "protect",
        Detect = "detect",
        Respond = "respond",
        Recover = "recover",
    }
}

/// A market category. Top-level categories have no parent; their children are one level below.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: i64,
    pub slug: Slug,
    pub parent_id: Option<i64>,
    pub nist_function: NistFunction,
    pub names: Translations<String>,
    pub position: i64,
}

/// A sector an organization serves; critical-infrastructure sectors are marked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sector {
    pub id: i64,
    pub slug: Slug,
    pub critical_infrastructure: bool,
    pub names: Translations<String>,
    pub position: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub id: i64,
    pub slug: Slug,
    pub names: Translations<String>,
}

/// What it takes to add a category; `parent` names a top-level category by slug.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCategory {
    pub slug: Slug,
    pub parent: Option<Slug>,
    pub nist_function: NistFunction,
    pub names: Translations<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSector {
    pub slug: Slug,
    pub critical_infrastructure: bool,
    pub names: Translations<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTag {
    pub slug: Slug,
    pub names: Translations<String>,
}

text_enum! {
    /// The three vocabularies staff curate.
    pub enum TermKind {
        Category = "category",
        Sector = "sector",
        Tag = "tag",
    }
}

/// A term as staff manage it, with how many listings, solutions and waiting changes use it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedTerm {
    pub id: i64,
    pub slug: String,
    pub parent_id: Option<i64>,
    pub nist_function: Option<NistFunction>,
    pub critical_infrastructure: bool,
    pub names: Translations<String>,
    pub uses: i64,
}

/// The whole taxonomy for the staff page, each vocabulary in display order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedTaxonomy {
    pub categories: Vec<ManagedTerm>,
    pub sectors: Vec<ManagedTerm>,
    pub tags: Vec<ManagedTerm>,
}

/// A term as staff typed it, checked: what adding or editing one needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermDraft {
    pub slug: Slug,
    /// A category's parent (a top-level category's id); none for the others.
    pub parent_id: Option<i64>,
    /// Categories only.
    pub nist_function: Option<NistFunction>,
    /// Sectors only.
    pub critical_infrastructure: bool,
    pub names: Translations<String>,
}

impl TermDraft {
    /// Reads a staff form (`slug`, `az.name`, `en.name`, `ru.name`, `parent`, `nist`, `critical`).
    /// Every language needs a name: the facets show terms in all three.
    pub fn parse(kind: TermKind, value: impl Fn(&str) -> String) -> Result<TermDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let slug = Slug::parse(value("slug").trim()).map_err(|error| errors.push(error)).ok();
        let names = names_in_every_language(&value, "name", 80, &mut errors);
        let parent_id = match value("parent").trim() {
            "" => None,
            id => id.parse().map_err(|_| errors.push(FieldError::new("parent", Problem::InvalidChoice))).ok(),
        };
        let nist_function = match kind {
            TermKind::Category => {
                value("nist").parse().map_err(|_| errors.push(FieldError::new("nist", Problem::InvalidChoice))).ok()
            }
            _ => None,
        };
        match slug {
            Some(slug) if errors.is_empty() => Ok(TermDraft {
                slug,
                parent_id: parent_id.filter(|_| kind == TermKind::Category),
                nist_function,
                critical_infrastructure: kind == TermKind::Sector && value("critical") == "on",
                names,
            }),
            _ => Err(errors),
        }
    }
}

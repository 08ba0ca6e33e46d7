//! The vocabulary listings are described with: market categories, sectors served, free tags.
use serde::{Deserialize, Serialize};

use super::{lang::Translations, slug::Slug};

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

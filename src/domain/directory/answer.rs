//! One page of a directory's answer: result cards with their highlighted words, facet counts, the
//! total and the pages, as the server sends them and the pages show them.
use serde::{Deserialize, Serialize};

use crate::domain::{
    country::Country,
    lang::Lang,
    organization::OrganizationKind,
    slug::Slug,
    solution::{Deployment, SolutionKind},
    startup::{StartupNeed, StartupStage},
    taxonomy::NistFunction,
};

/// One solution as a result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolutionCard {
    pub slug: Slug,
    pub kind: SolutionKind,
    pub deployment: Option<Deployment>,
    pub name: HighlightedText,
    pub summary: Option<HighlightedText>,
    pub organization_slug: Slug,
    pub organization_name: String,
    pub country: Country,
    pub categories: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolutionFacets {
    pub categories: Vec<NamedFacet>,
    pub nist_functions: Vec<FacetCount<NistFunction>>,
    pub sectors: Vec<NamedFacet>,
    pub deployments: Vec<FacetCount<Deployment>>,
    pub kinds: Vec<FacetCount<SolutionKind>>,
    pub countries: Vec<FacetCount<Country>>,
}

/// One page of the solutions directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolutionResults {
    pub results: Vec<SolutionCard>,
    pub total: u64,
    pub page: u32,
    pub page_count: u32,
    pub facets: SolutionFacets,
}

/// A piece of displayed text, marked when it matched the search words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fragment {
    pub text: String,
    pub matched: bool,
}

/// Text split into fragments for highlighting, with the language it is written in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HighlightedText {
    pub lang: Lang,
    pub fragments: Vec<Fragment>,
}

impl HighlightedText {
    pub fn plain(&self) -> String {
        self.fragments.iter().map(|fragment| fragment.text.as_str()).collect()
    }
}

/// One listing as a directory result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationCard {
    pub slug: Slug,
    pub kind: OrganizationKind,
    pub name: HighlightedText,
    pub short_description: Option<HighlightedText>,
    pub city: Option<String>,
    pub country: Country,
    pub verified: bool,
    pub logo_url: Option<String>,
    pub stage: Option<StartupStage>,
    /// Featured on the startup showcase.
    pub featured: bool,
    /// Names of its categories in the reader's language (fallbacks allowed), at most three.
    pub categories: Vec<String>,
}

/// A facet value with the number of results choosing it would give under the other filters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount<T> {
    pub value: T,
    pub count: u64,
    pub selected: bool,
}

/// A named taxonomy value (category or sector) as a facet, with its children for categories.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedFacet {
    pub slug: Slug,
    pub name: String,
    pub count: u64,
    pub selected: bool,
    pub children: Vec<NamedFacet>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryFacets {
    pub kinds: Vec<FacetCount<OrganizationKind>>,
    pub categories: Vec<NamedFacet>,
    pub sectors: Vec<NamedFacet>,
    pub countries: Vec<FacetCount<Country>>,
    pub cities: Vec<FacetCount<String>>,
    pub stages: Vec<FacetCount<StartupStage>>,
    pub needs: Vec<FacetCount<StartupNeed>>,
    /// Forum panels with participants among the results, newest edition first.
    pub panels: Vec<NamedFacet>,
    /// How many results are verified (the count the "verified only" filter would give).
    pub verified: FacetCount<bool>,
}

/// One page of the directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub results: Vec<OrganizationCard>,
    pub total: u64,
    pub page: u32,
    pub page_count: u32,
    pub facets: DirectoryFacets,
}

//! What the open-data API and the CSV download publish about a listing: every public fact, texts in
//! every language they were written in, taxonomy by slug and name, and the addresses of its pages.
use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use time::OffsetDateTime;

use crate::domain::{
    country::Country,
    directory::SolutionCard,
    lang::{Lang, Translations},
    organization::{Organization, OrganizationFacts, OrganizationKind, OrganizationText},
    slug::Slug,
    solution::{Deployment, Solution, SolutionKind, SolutionText},
    startup::StartupFacts,
    taxonomy::{Category, NistFunction, Sector, Tag},
};
use crate::routes;

/// The taxonomy, keyed by id, to name what listings link to.
pub struct Vocabulary {
    categories: HashMap<i64, Category>,
    sectors: HashMap<i64, Sector>,
    tags: HashMap<i64, Tag>,
}

impl Vocabulary {
    pub fn new(categories: Vec<Category>, sectors: Vec<Sector>, tags: Vec<Tag>) -> Vocabulary {
        Vocabulary {
            categories: categories.into_iter().map(|category| (category.id, category)).collect(),
            sectors: sectors.into_iter().map(|sector| (sector.id, sector)).collect(),
            tags: tags.into_iter().map(|tag| (tag.id, tag)).collect(),
        }
    }

    fn categories(&self, ids: &[i64]) -> Vec<TermRecord> {
        ids.iter()
            .filter_map(|id| self.categories.get(id))
            .map(|category| TermRecord {
                slug: category.slug.clone(),
                names: category.names.clone(),
                nist_function: Some(category.nist_function),
            })
            .collect()
    }

    fn sectors(&self, ids: &[i64]) -> Vec<TermRecord> {
        ids.iter()
            .filter_map(|id| self.sectors.get(id))
            .map(|sector| TermRecord { slug: sector.slug.clone(), names: sector.names.clone(), nist_function: None })
            .collect()
    }

    fn tags(&self, ids: &[i64]) -> Vec<TermRecord> {
        ids.iter()
            .filter_map(|id| self.tags.get(id))
            .map(|tag| TermRecord { slug: tag.slug.clone(), names: tag.names.clone(), nist_function: None })
            .collect()
    }
}

/// A category, sector or tag a listing links to.
#[derive(Clone, Debug, Serialize)]
pub struct TermRecord {
    pub slug: Slug,
    pub names: Translations<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nist_function: Option<NistFunction>,
}

impl TermRecord {
    /// The name in `lang`, or the first in its fallback order.
    pub fn name(&self, lang: Lang) -> String {
        self.names.pick(lang).map_or_else(|| self.slug.to_string(), |name| name.value.clone())
    }
}

/// A published listing, as open data.
#[derive(Clone, Debug, Serialize)]
pub struct OrganizationRecord {
    pub slug: Slug,
    pub kind: OrganizationKind,
    /// Name, short description and Markdown description in each language written.
    pub texts: Translations<OrganizationText>,
    #[serde(flatten)]
    pub facts: OrganizationFacts,
    #[serde(with = "time::serde::rfc3339::option")]
    pub verified_at: Option<OffsetDateTime>,
    pub featured: bool,
    pub categories: Vec<TermRecord>,
    pub sectors: Vec<TermRecord>,
    pub tags: Vec<TermRecord>,
    pub startup: Option<StartupFacts>,
    /// Present on the single-listing endpoint only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub solutions: Option<Vec<SolutionRecord>>,
    pub logo_url: Option<String>,
    /// The profile page in each language.
    pub profile_urls: BTreeMap<Lang, String>,
    pub api_url: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub published_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// Addresses of one page in every language.
fn page_urls(public_url: &str, page: impl Fn(Lang) -> String) -> BTreeMap<Lang, String> {
    Lang::ALL.iter().map(|lang| (*lang, format!("{public_url}{}", page(*lang)))).collect()
}

impl OrganizationRecord {
    pub fn new(organization: Organization, vocabulary: &Vocabulary, public_url: &str) -> OrganizationRecord {
        let Organization {
            slug, profile, verified_at, featured_position, logo_version, published_at, updated_at, ..
        } = organization;
        OrganizationRecord {
            kind: profile.kind,
            texts: profile.texts,
            facts: profile.facts,
            verified_at,
            featured: featured_position.is_some(),
            categories: vocabulary.categories(&profile.category_ids),
            sectors: vocabulary.sectors(&profile.sector_ids),
            tags: vocabulary.tags(&profile.tag_ids),
            startup: profile.startup,
            solutions: None,
            logo_url: logo_version.map(|version| format!("{public_url}{}", routes::logo(&slug, 256, version))),
            profile_urls: page_urls(public_url, |lang| routes::profile(lang, &slug)),
            api_url: format!("{public_url}{}", routes::api::organization(&slug)),
            published_at,
            updated_at,
            slug,
        }
    }

    /// The name in `lang`, or the first in its fallback order.
    pub fn name(&self, lang: Lang) -> String {
        self.texts.pick(lang).map_or_else(|| self.slug.to_string(), |text| text.value.name.clone())
    }
}

/// A solution on its organization's record.
#[derive(Clone, Debug, Serialize)]
pub struct SolutionRecord {
    pub slug: Slug,
    pub kind: SolutionKind,
    pub texts: Translations<SolutionText>,
    pub deployment: Option<Deployment>,
    pub certifications: Vec<String>,
    pub url: Option<String>,
    pub categories: Vec<TermRecord>,
    pub sectors: Vec<TermRecord>,
    pub page_urls: BTreeMap<Lang, String>,
}

impl SolutionRecord {
    pub fn new(solution: Solution, vocabulary: &Vocabulary, public_url: &str) -> SolutionRecord {
        let details = solution.details;
        SolutionRecord {
            kind: details.kind,
            texts: details.texts,
            deployment: details.deployment,
            certifications: details.certifications,
            url: details.url,
            categories: vocabulary.categories(&details.category_ids),
            sectors: vocabulary.sectors(&details.sector_ids),
            page_urls: page_urls(public_url, |lang| routes::solution(lang, &solution.slug)),
            slug: solution.slug,
        }
    }
}

/// A solution as a search result, read in the language asked for.
#[derive(Clone, Debug, Serialize)]
pub struct SolutionSummary {
    pub slug: Slug,
    pub kind: SolutionKind,
    pub deployment: Option<Deployment>,
    pub name: String,
    pub summary: Option<String>,
    pub organization: OrganizationLink,
    pub country: Country,
    /// Category names, at most three.
    pub categories: Vec<String>,
    pub page_url: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct OrganizationLink {
    pub slug: Slug,
    pub name: String,
    pub api_url: String,
}

impl SolutionSummary {
    pub fn new(card: SolutionCard, lang: Lang, public_url: &str) -> SolutionSummary {
        SolutionSummary {
            page_url: format!("{public_url}{}", routes::solution(lang, &card.slug)),
            slug: card.slug,
            kind: card.kind,
            deployment: card.deployment,
            name: card.name.plain(),
            summary: card.summary.map(|summary| summary.plain()),
            organization: OrganizationLink {
                api_url: format!("{public_url}{}", routes::api::organization(&card.organization_slug)),
                slug: card.organization_slug,
                name: card.organization_name,
            },
            country: card.country,
            categories: card.categories,
        }
    }
}

/// A top-level category with its subcategories.
#[derive(Clone, Debug, Serialize)]
pub struct CategoryTree {
    #[serde(flatten)]
    pub term: TermRecord,
    pub children: Vec<TermRecord>,
}

impl CategoryTree {
    pub fn from_categories(categories: &[Category]) -> Vec<CategoryTree> {
        let term = |category: &Category| TermRecord {
            slug: category.slug.clone(),
            names: category.names.clone(),
            nist_function: Some(category.nist_function),
        };
        categories
            .iter()
            .filter(|category| category.parent_id.is_none())
            .map(|parent| CategoryTree {
                term: term(parent),
                children: categories.iter().filter(|child| child.parent_id == Some(parent.id)).map(term).collect(),
            })
            .collect()
    }
}

//! Solutions in the directory: how their index is built from the rows the repository reads, the
//! questions it answers and the answers.
use std::collections::HashMap;

use super::{Directory, Search, category_search_names, facet_counts, order_of, parents, sort_names, words};
use crate::{
    domain::{
        country::Country,
        directory::{PAGE_SIZE, SolutionCard, SolutionFacets, SolutionQuery, SolutionResults},
        lang::Lang,
        slug::Slug,
        solution::{Deployment, SolutionKind},
        taxonomy::{Category, NistFunction, Sector},
    },
    error::AppError,
    server::{
        db::{DirectorySink, SolutionPart, SolutionRow},
        markdown,
        search::{
            DESCRIPTION_WEIGHT, NAME_WEIGHT, SUMMARY_WEIGHT, highlight,
            index::{Dimension, DocumentInput, IndexBuilder, Request},
        },
    },
};

/// The dimensions of solutions, by position.
mod dim {
    pub const KIND: usize = 0;
    pub const DEPLOYMENT: usize = 1;
    pub const COUNTRY: usize = 2;
    pub const NIST: usize = 3;
    pub const CATEGORY: usize = 4;
    pub const PARENT_CATEGORY: usize = 5;
    pub const SECTOR: usize = 6;
}

const SOLUTION_DIMENSIONS: &[Dimension] = &[
    Dimension { name: "kind", group: Some(0) },
    Dimension { name: "deployment", group: Some(1) },
    Dimension { name: "country", group: Some(2) },
    Dimension { name: "nist", group: Some(3) },
    Dimension { name: "category", group: Some(4) },
    Dimension { name: "parent_category", group: Some(4) },
    Dimension { name: "sector", group: Some(5) },
];

/// What a result card shows of a solution besides its texts.
#[derive(Clone, Debug)]
pub struct SolutionListing {
    pub slug: Slug,
    pub kind: SolutionKind,
    pub deployment: Option<Deployment>,
    pub organization_id: i64,
    pub organization_slug: Slug,
    pub country: Country,
    pub categories: Vec<i64>,
}

impl Search {
    /// One page of the solutions of published listings for a question, read in `lang`.
    pub async fn solutions(&self, query: &SolutionQuery, lang: Lang) -> Result<SolutionResults, AppError> {
        let directory = self.current().await?;
        let index = &directory.solutions;
        let accept = |dimension: usize, asked: bool, values: Vec<String>| index.filter(dimension, asked, &values);
        let mut filters: Vec<Option<Vec<u16>>> = vec![None; SOLUTION_DIMENSIONS.len()];
        filters[dim::KIND] = accept(dim::KIND, !query.kinds.is_empty(), words(&query.kinds));
        filters[dim::DEPLOYMENT] = accept(dim::DEPLOYMENT, !query.deployments.is_empty(), words(&query.deployments));
        filters[dim::COUNTRY] = accept(dim::COUNTRY, !query.countries.is_empty(), words(&query.countries));
        filters[dim::NIST] = accept(dim::NIST, !query.nist_functions.is_empty(), words(&query.nist_functions));
        let categories = directory.chosen_categories(&query.categories);
        filters[dim::CATEGORY] = accept(dim::CATEGORY, !query.categories.is_empty(), categories);
        filters[dim::SECTOR] = accept(dim::SECTOR, !query.sectors.is_empty(), directory.chosen_sectors(&query.sectors));
        let order = order_of(query.sort);
        let outcome =
            index.search(&Request { text: &query.text, filters, order, lang, page: query.page, page_size: PAGE_SIZE });
        let ids: Vec<i64> = outcome.page.iter().map(|doc| doc.id).collect();
        let owners: Vec<i64> = outcome.page.iter().map(|doc| doc.payload.organization_id).collect();
        let texts = self.db.solution_texts(&ids).await?;
        let owner_texts = self.db.organization_texts(&owners).await?;
        let results = outcome
            .page
            .iter()
            .map(|doc| {
                let listing = &doc.payload;
                let text = texts.get(&doc.id).and_then(|texts| texts.pick(lang));
                let (name, summary, written_in) = match &text {
                    Some(text) => (
                        text.value.name.clone(),
                        text.value.description.as_deref().map(markdown::first_paragraph),
                        text.lang,
                    ),
                    None => (listing.slug.to_string(), None, lang),
                };
                let organization_name = owner_texts
                    .get(&listing.organization_id)
                    .and_then(|texts| texts.pick(lang))
                    .map_or_else(|| listing.organization_slug.to_string(), |text| text.value.name.clone());
                SolutionCard {
                    slug: listing.slug.clone(),
                    kind: listing.kind,
                    deployment: listing.deployment,
                    name: highlight(&name, written_in, &outcome.words),
                    summary: summary
                        .filter(|summary| !summary.is_empty())
                        .map(|summary| highlight(&summary, written_in, &outcome.words)),
                    organization_slug: listing.organization_slug.clone(),
                    organization_name,
                    country: listing.country,
                    categories: directory.category_names(&listing.categories, lang),
                }
            })
            .collect();
        Ok(SolutionResults {
            results,
            total: outcome.total,
            page: query.page,
            page_count: u32::try_from(outcome.total.div_ceil(u64::from(PAGE_SIZE))).unwrap_or(u32::MAX).max(1),
            facets: directory.solution_facets(&outcome.counts, query, lang),
        })
    }
}

impl Directory {
    fn solution_facets(&self, counts: &[Vec<u64>], query: &SolutionQuery, lang: Lang) -> SolutionFacets {
        let index = &self.solutions;
        let count = |dimension: usize, value: &str| {
            index.position_of(dimension, value).map_or(0, |at| counts[dimension][usize::from(at)])
        };
        SolutionFacets {
            categories: self.category_facets(lang, &query.categories, |parent, id| {
                count(if parent { dim::PARENT_CATEGORY } else { dim::CATEGORY }, &id.to_string())
            }),
            nist_functions: facet_counts(NistFunction::ALL, &query.nist_functions, |value| count(dim::NIST, value)),
            sectors: self.sector_facets(lang, &query.sectors, |id| count(dim::SECTOR, &id.to_string())),
            deployments: facet_counts(Deployment::ALL, &query.deployments, |value| count(dim::DEPLOYMENT, value)),
            kinds: facet_counts(SolutionKind::ALL, &query.kinds, |value| count(dim::KIND, value)),
            countries: facet_counts(Country::ALL, &query.countries, |value| count(dim::COUNTRY, value)),
        }
    }
}

/// Builds the solutions' index from the solutions the repository reads.
pub(super) struct Reader {
    builder: IndexBuilder<SolutionListing>,
    /// The names each solution has, for ordering by name once all are read.
    names: HashMap<i64, Vec<(Lang, String)>>,
    parents: HashMap<i64, i64>,
    nist_functions: HashMap<i64, NistFunction>,
}

impl Reader {
    pub(super) fn new(categories: &[Category]) -> Reader {
        Reader {
            builder: IndexBuilder::new(SOLUTION_DIMENSIONS),
            names: HashMap::new(),
            parents: parents(categories),
            nist_functions: categories.iter().map(|category| (category.id, category.nist_function)).collect(),
        }
    }

    /// The builder, with what orders documents by name and what lets the words of category and sector
    /// names find the solutions that have them.
    pub(super) fn finish(self, categories: &[Category], sectors: &[Sector]) -> IndexBuilder<SolutionListing> {
        let Reader { mut builder, names, .. } = self;
        for (id, names) in names {
            if let Some(document) = builder.document_mut(id) {
                document.sort_names = sort_names(&names);
            }
        }
        for (id, names) in category_search_names(categories) {
            builder.add_value_names(dim::CATEGORY, id.to_string(), names);
        }
        for sector in sectors {
            builder.add_value_names(dim::SECTOR, sector.id.to_string(), sector.names.clone());
        }
        builder
    }
}

impl DirectorySink for Reader {
    type Row = SolutionRow;
    type Part<'a> = SolutionPart<'a>;

    fn row(&mut self, row: SolutionRow) {
        let mut values = vec![Vec::new(); SOLUTION_DIMENSIONS.len()];
        values[dim::KIND].push(row.kind.to_string());
        values[dim::DEPLOYMENT].extend(row.deployment.map(|deployment| deployment.to_string()));
        values[dim::COUNTRY].push(row.country.to_string());
        self.builder.add_document(DocumentInput {
            id: row.id,
            listed_at: row.listed_at,
            sort_names: Default::default(),
            featured: None,
            values,
            payload: SolutionListing {
                slug: row.slug,
                kind: row.kind,
                deployment: row.deployment,
                organization_id: row.organization_id,
                organization_slug: row.organization_slug,
                country: row.country,
                categories: Vec::new(),
            },
        });
    }

    fn part(&mut self, id: i64, part: SolutionPart<'_>) {
        let builder = &mut self.builder;
        match part {
            SolutionPart::Text { lang, name, description } => {
                builder.add_text(id, name, NAME_WEIGHT);
                description.inspect(|description| builder.add_text(id, description, DESCRIPTION_WEIGHT));
                if builder.document_mut(id).is_some() {
                    self.names.entry(id).or_default().push((lang, name.to_owned()));
                }
            }
            // A solution is found by its organization's name too.
            SolutionPart::OrganizationName(name) => builder.add_text(id, name, SUMMARY_WEIGHT),
            SolutionPart::Category(category) => {
                builder.add_value(id, dim::CATEGORY, category.to_string());
                if let Some(nist) = self.nist_functions.get(&category) {
                    builder.add_value(id, dim::NIST, nist.to_string());
                }
                if let Some(parent) = self.parents.get(&category) {
                    builder.add_value(id, dim::PARENT_CATEGORY, parent.to_string());
                }
                if let Some(document) = builder.document_mut(id) {
                    document.payload.categories.push(category);
                }
            }
            SolutionPart::Sector(sector) => builder.add_value(id, dim::SECTOR, sector.to_string()),
        }
    }
}

//! Solutions in the directory: their index, questions and answers.
use std::collections::HashMap;

use futures_util::TryStreamExt;
use sqlx::{AnyConnection, Row};

use super::{Directory, category_search_names, facet_counts, order_of, sort_names, words};
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
        db::{Database, decode_slug, decode_time, decode_word},
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

impl Database {
    /// One page of the solutions of published listings for a question, read in `lang`.
    pub async fn search_solutions(&self, query: &SolutionQuery, lang: Lang) -> Result<SolutionResults, AppError> {
        let directory = self.directory().await?;
        let index = &directory.solutions;
        let accept = |dimension: usize, asked: bool, values: Vec<String>| -> Option<Vec<u16>> {
            asked.then(|| values.iter().filter_map(|value| index.position_of(dimension, value)).collect())
        };
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
        let texts = self.solution_texts(&ids).await?;
        let owner_texts = self.organization_texts(&owners).await?;
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

/// Lets the words of category and sector names find the solutions that have them.
pub(super) fn name_values(builder: &mut IndexBuilder<SolutionListing>, categories: &[Category], sectors: &[Sector]) {
    for (id, names) in category_search_names(categories) {
        builder.add_value_names(dim::CATEGORY, id.to_string(), names);
    }
    for sector in sectors {
        builder.add_value_names(dim::SECTOR, sector.id.to_string(), sector.names.clone());
    }
}

/// Streams the solutions of every published listing, their words and facet values into an index builder.
pub(super) async fn load(connection: &mut AnyConnection) -> Result<IndexBuilder<SolutionListing>, AppError> {
    let mut builder = IndexBuilder::new(SOLUTION_DIMENSIONS);
    {
        let mut rows = sqlx::query(
            "SELECT s.id, s.slug, s.kind, s.deployment, s.created_at, s.organization_id, \
             o.slug AS organization_slug, o.country FROM solutions s \
             JOIN organizations o ON o.id = s.organization_id WHERE o.status = 'published'",
        )
        .fetch(&mut *connection);
        while let Some(row) = rows.try_next().await? {
            let kind: SolutionKind = decode_word(&row.try_get::<String, _>("kind")?)?;
            let deployment: Option<Deployment> =
                row.try_get::<Option<String>, _>("deployment")?.as_deref().map(decode_word).transpose()?;
            let country: Country = decode_word(&row.try_get::<String, _>("country")?)?;
            let mut values = vec![Vec::new(); SOLUTION_DIMENSIONS.len()];
            values[dim::KIND].push(kind.to_string());
            values[dim::DEPLOYMENT].extend(deployment.map(|deployment| deployment.to_string()));
            values[dim::COUNTRY].push(country.to_string());
            builder.add_document(DocumentInput {
                id: row.try_get("id")?,
                listed_at: decode_time(&row.try_get::<String, _>("created_at")?)?.unix_timestamp(),
                sort_names: Default::default(),
                featured: None,
                values,
                payload: SolutionListing {
                    slug: decode_slug(&row)?,
                    kind,
                    deployment,
                    organization_id: row.try_get("organization_id")?,
                    organization_slug: crate::domain::slug::Slug::parse(
                        &row.try_get::<String, _>("organization_slug")?,
                    )
                    .map_err(|error| sqlx::Error::Decode(error.field.into()))?,
                    country,
                    categories: Vec::new(),
                },
            });
        }
    }

    let mut names: HashMap<i64, Vec<(Lang, String)>> = HashMap::new();
    {
        let mut rows = sqlx::query(
            "SELECT st.solution_id, st.lang, st.name, st.description FROM solution_texts st \
             JOIN solutions s ON s.id = st.solution_id JOIN organizations o ON o.id = s.organization_id \
             WHERE o.status = 'published'",
        )
        .fetch(&mut *connection);
        while let Some(row) = rows.try_next().await? {
            let id: i64 = row.try_get("solution_id")?;
            let name: String = row.try_get("name")?;
            builder.add_text(id, &name, NAME_WEIGHT);
            if let Some(description) = row.try_get::<Option<String>, _>("description")? {
                builder.add_text(id, &description, DESCRIPTION_WEIGHT);
            }
            names.entry(id).or_default().push((decode_word(&row.try_get::<String, _>("lang")?)?, name));
        }
    }
    for (id, names) in names {
        if let Some(document) = builder.document_mut(id) {
            document.sort_names = sort_names(&names);
        }
    }
    {
        // A solution is found by its organization's name too.
        let mut rows = sqlx::query(
            "SELECT s.id AS solution_id, t.name FROM solutions s \
             JOIN organization_texts t ON t.organization_id = s.organization_id \
             JOIN organizations o ON o.id = s.organization_id WHERE o.status = 'published'",
        )
        .fetch(&mut *connection);
        while let Some(row) = rows.try_next().await? {
            builder.add_text(row.try_get("solution_id")?, &row.try_get::<String, _>("name")?, SUMMARY_WEIGHT);
        }
    }
    {
        let mut rows = sqlx::query(
            "SELECT sc.solution_id, sc.category_id, c.parent_id, c.nist_function FROM solution_categories sc \
             JOIN categories c ON c.id = sc.category_id",
        )
        .fetch(&mut *connection);
        while let Some(row) = rows.try_next().await? {
            let id: i64 = row.try_get("solution_id")?;
            let category: i64 = row.try_get("category_id")?;
            let parent: Option<i64> = row.try_get("parent_id")?;
            let nist: String = row.try_get("nist_function")?;
            builder.add_value(id, dim::CATEGORY, category.to_string());
            builder.add_value(id, dim::NIST, nist);
            if let Some(parent) = parent {
                builder.add_value(id, dim::PARENT_CATEGORY, parent.to_string());
            }
            if let Some(document) = builder.document_mut(id) {
                document.payload.categories.push(category);
            }
        }
    }
    {
        let mut rows = sqlx::query("SELECT solution_id, sector_id FROM solution_sectors").fetch(&mut *connection);
        while let Some(row) = rows.try_next().await? {
            builder.add_value(
                row.try_get("solution_id")?,
                dim::SECTOR,
                row.try_get::<i64, _>("sector_id")?.to_string(),
            );
        }
    }
    Ok(builder)
}

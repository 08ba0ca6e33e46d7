//! The organizations of the directory's index: the dimensions their facets are counted on, what a
//! result card keeps of each, and how the rows the repository reads become documents.
use std::collections::HashMap;

use super::super::{category_search_names, parents, sort_names};
use crate::{
    domain::{
        city::{KnownCity, city_value},
        country::Country,
        lang::Lang,
        organization::OrganizationKind,
        slug::Slug,
        startup::StartupStage,
        taxonomy::{Category, Sector, Tag},
    },
    server::{
        db::{DirectorySink, ListingPart, ListingRow},
        search::{
            DESCRIPTION_WEIGHT, NAME_WEIGHT, SUMMARY_WEIGHT,
            index::{Dimension, DocumentInput, IndexBuilder},
        },
    },
};

/// The dimensions of organizations, by position.
pub(in super::super) mod dim {
    pub const KIND: usize = 0;
    pub const COUNTRY: usize = 1;
    pub const CITY: usize = 2;
    pub const VERIFIED: usize = 3;
    pub const STAGE: usize = 4;
    pub const NEED: usize = 5;
    pub const CATEGORY: usize = 6;
    pub const PARENT_CATEGORY: usize = 7;
    pub const SECTOR: usize = 8;
    pub const TAG: usize = 9;
    pub const SOLUTION_CATEGORY: usize = 10;
    pub const PANEL: usize = 11;
}

pub(in super::super) const ORGANIZATION_DIMENSIONS: &[Dimension] = &[
    Dimension { name: "kind", group: Some(0) },
    Dimension { name: "country", group: Some(1) },
    Dimension { name: "city", group: Some(2) },
    Dimension { name: "verified", group: Some(3) },
    Dimension { name: "stage", group: Some(4) },
    Dimension { name: "need", group: Some(5) },
    Dimension { name: "category", group: Some(6) },
    // Counted with the category filter, never filtered on itself: a top-level choice is expanded to children.
    Dimension { name: "parent_category", group: Some(6) },
    Dimension { name: "sector", group: Some(7) },
    Dimension { name: "tag", group: None },
    Dimension { name: "solution_category", group: None },
    Dimension { name: "panel", group: Some(8) },
];

/// What a result card shows of a listing besides its texts.
#[derive(Clone, Debug)]
pub struct ListingCard {
    pub slug: Slug,
    /// Featured on the startup showcase.
    pub featured: bool,
    pub kind: OrganizationKind,
    pub country: Country,
    pub city: Option<String>,
    pub verified: bool,
    pub logo_version: Option<String>,
    pub stage: Option<StartupStage>,
    pub categories: Vec<i64>,
}

/// Builds the organizations' index from the listings the repository reads.
pub(in super::super) struct Reader {
    builder: IndexBuilder<ListingCard>,
    /// The names each listing has, for ordering by name once all are read.
    names: HashMap<i64, Vec<(Lang, String)>>,
    parents: HashMap<i64, i64>,
}

impl Reader {
    pub(in super::super) fn new(categories: &[Category]) -> Reader {
        Reader {
            builder: IndexBuilder::new(ORGANIZATION_DIMENSIONS),
            names: HashMap::new(),
            parents: parents(categories),
        }
    }

    /// The builder, with what orders documents by name and what lets the words of taxonomy names find
    /// the listings that have those values.
    pub(in super::super) fn finish(
        self,
        categories: &[Category],
        sectors: &[Sector],
        tags: &[Tag],
    ) -> IndexBuilder<ListingCard> {
        let Reader { mut builder, names, .. } = self;
        for (id, names) in names {
            if let Some(document) = builder.document_mut(id) {
                document.sort_names = sort_names(&names);
            }
        }
        for (id, names) in category_search_names(categories) {
            builder.add_value_names(dim::CATEGORY, id.to_string(), names.clone());
            builder.add_value_names(dim::SOLUTION_CATEGORY, id.to_string(), names);
        }
        for sector in sectors {
            builder.add_value_names(dim::SECTOR, sector.id.to_string(), sector.names.clone());
        }
        for tag in tags {
            builder.add_value_names(dim::TAG, tag.id.to_string(), tag.names.clone());
        }
        builder
    }
}

impl DirectorySink for Reader {
    type Row = ListingRow;
    type Part<'a> = ListingPart<'a>;

    fn row(&mut self, row: ListingRow) {
        let builder = &mut self.builder;
        let mut values = vec![Vec::new(); ORGANIZATION_DIMENSIONS.len()];
        values[dim::KIND].push(row.kind.to_string());
        values[dim::COUNTRY].push(row.country.to_string());
        values[dim::CITY].extend(row.city.as_deref().map(city_value));
        if row.verified {
            values[dim::VERIFIED].push("1".to_owned());
        }
        builder.add_document(DocumentInput {
            id: row.id,
            listed_at: row.listed_at,
            sort_names: Default::default(),
            featured: row.featured_position,
            values,
            payload: ListingCard {
                slug: row.slug,
                featured: row.featured_position.is_some(),
                kind: row.kind,
                country: row.country,
                city: row.city.clone(),
                verified: row.verified,
                logo_version: row.logo_version,
                stage: None,
                categories: Vec::new(),
            },
        });
        // A city the vocabulary knows is found by any of its names.
        match row.city.as_deref().map(|typed| (typed, KnownCity::find(typed))) {
            Some((_, Some(known))) => {
                known.search_names().for_each(|name| builder.add_text(row.id, name, SUMMARY_WEIGHT))
            }
            Some((typed, None)) => builder.add_text(row.id, typed, SUMMARY_WEIGHT),
            None => {}
        }
    }

    fn part(&mut self, id: i64, part: ListingPart<'_>) {
        let builder = &mut self.builder;
        match part {
            ListingPart::Text { lang, name, summary, description } => {
                builder.add_text(id, name, NAME_WEIGHT);
                summary.inspect(|summary| builder.add_text(id, summary, SUMMARY_WEIGHT));
                description.inspect(|description| builder.add_text(id, description, DESCRIPTION_WEIGHT));
                // Each language orders by the name its readers see: their own, else the first in its
                // fallback order.
                if builder.document_mut(id).is_some() {
                    self.names.entry(id).or_default().push((lang, name.to_owned()));
                }
            }
            ListingPart::SolutionText { name, description } => {
                builder.add_text(id, name, SUMMARY_WEIGHT);
                description.inspect(|description| builder.add_text(id, description, DESCRIPTION_WEIGHT));
            }
            ListingPart::Category(category) => {
                builder.add_value(id, dim::CATEGORY, category.to_string());
                if let Some(parent) = self.parents.get(&category) {
                    builder.add_value(id, dim::PARENT_CATEGORY, parent.to_string());
                }
                if let Some(document) = builder.document_mut(id) {
                    document.payload.categories.push(category);
                }
            }
            ListingPart::Sector(sector) => builder.add_value(id, dim::SECTOR, sector.to_string()),
            ListingPart::Tag(tag) => builder.add_value(id, dim::TAG, tag.to_string()),
            ListingPart::SolutionCategory(category) => {
                builder.add_value(id, dim::SOLUTION_CATEGORY, category.to_string());
            }
            ListingPart::Panel(slug) => builder.add_value(id, dim::PANEL, slug.to_owned()),
            ListingPart::Stage(stage) => {
                if let Some(document) = builder.document_mut(id)
                    && document.payload.stage.is_none()
                {
                    document.payload.stage = Some(stage);
                    document.values[dim::STAGE].push(stage.to_string());
                }
            }
            ListingPart::Need(need) => builder.add_value(id, dim::NEED, need.to_string()),
        }
    }
}

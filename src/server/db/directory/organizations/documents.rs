//! The organizations of the directory's index: the dimensions their facets are counted on, what a
//! result card keeps of each, and how the published listings load from the database into a builder.
use std::collections::HashMap;

use futures_util::TryStreamExt;
use sqlx::{AnyConnection, Row};

use super::super::{category_search_names, sort_names};
use crate::{
    domain::{
        city::{KnownCity, city_value},
        country::Country,
        lang::Lang,
        organization::OrganizationKind,
        slug::Slug,
        startup::{StartupNeed, StartupStage},
        taxonomy::{Category, Sector, Tag},
    },
    error::AppError,
    server::{
        db::{decode_optional_time, decode_slug, decode_time, decode_word},
        search::{
            DESCRIPTION_WEIGHT, NAME_WEIGHT, SUMMARY_WEIGHT,
            index::{Dimension, DocumentInput, IndexBuilder},
        },
    },
};

/// The dimensions of organizations, by position.
pub(super) mod dim {
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

pub(super) const ORGANIZATION_DIMENSIONS: &[Dimension] = &[
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

/// Lets the words of taxonomy names find the listings that have those values.
pub(in super::super) fn name_values(
    builder: &mut IndexBuilder<ListingCard>,
    categories: &[Category],
    sectors: &[Sector],
    tags: &[Tag],
) {
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
}

/// Streams every published listing, its words and facet values into an index builder.
pub(in super::super) async fn load(connection: &mut AnyConnection) -> Result<IndexBuilder<ListingCard>, AppError> {
    let mut builder = IndexBuilder::new(ORGANIZATION_DIMENSIONS);
    {
        let mut rows = sqlx::query(
            "SELECT id, slug, kind, country, city, verified_at, COALESCE(published_at, created_at) AS listed_at, logo_version, featured_position \
             FROM organizations WHERE status = 'published'",
        )
        .fetch(&mut *connection);
        while let Some(row) = rows.try_next().await? {
            let id: i64 = row.try_get("id")?;
            let city: Option<String> = row.try_get("city")?;
            let kind: OrganizationKind = decode_word(&row.try_get::<String, _>("kind")?)?;
            let country: Country = decode_word(&row.try_get::<String, _>("country")?)?;
            let verified = decode_optional_time(row.try_get("verified_at")?)?.is_some();
            let mut values = vec![Vec::new(); ORGANIZATION_DIMENSIONS.len()];
            values[dim::KIND].push(kind.to_string());
            values[dim::COUNTRY].push(country.to_string());
            values[dim::CITY].extend(city.as_deref().map(city_value));
            if verified {
                values[dim::VERIFIED].push("1".to_owned());
            }
            let featured: Option<i64> = row.try_get("featured_position")?;
            builder.add_document(DocumentInput {
                id,
                listed_at: decode_time(&row.try_get::<String, _>("listed_at")?)?.unix_timestamp(),
                sort_names: Default::default(),
                featured,
                values,
                payload: ListingCard {
                    slug: decode_slug(&row)?,
                    featured: featured.is_some(),
                    kind,
                    country,
                    city: city.clone(),
                    verified,
                    logo_version: row.try_get("logo_version")?,
                    stage: None,
                    categories: Vec::new(),
                },
            });
            // A city the vocabulary knows is found by any of its names.
            match city.as_deref().map(|typed| (typed, KnownCity::find(typed))) {
                Some((_, Some(known))) => {
                    known.search_names().for_each(|name| builder.add_text(id, name, SUMMARY_WEIGHT))
                }
                Some((typed, None)) => builder.add_text(id, typed, SUMMARY_WEIGHT),
                None => {}
            }
        }
    }

    // Each language orders by the name its readers see: their own, else the first in its fallback order.
    let mut names: HashMap<i64, Vec<(Lang, String)>> = HashMap::new();
    {
        let mut rows = sqlx::query(
            "SELECT t.organization_id, t.lang, t.name, t.short_description, t.description FROM organization_texts t \
             JOIN organizations o ON o.id = t.organization_id WHERE o.status = 'published'",
        )
        .fetch(&mut *connection);
        while let Some(row) = rows.try_next().await? {
            let id: i64 = row.try_get("organization_id")?;
            let lang: Lang = decode_word(&row.try_get::<String, _>("lang")?)?;
            let name: String = row.try_get("name")?;
            builder.add_text(id, &name, NAME_WEIGHT);
            if let Some(summary) = row.try_get::<Option<String>, _>("short_description")? {
                builder.add_text(id, &summary, SUMMARY_WEIGHT);
            }
            if let Some(description) = row.try_get::<Option<String>, _>("description")? {
                builder.add_text(id, &description, DESCRIPTION_WEIGHT);
            }
            names.entry(id).or_default().push((lang, name));
        }
    }
    for (id, names) in names {
        if let Some(document) = builder.document_mut(id) {
            document.sort_names = sort_names(&names);
        }
    }

    {
        let mut rows = sqlx::query(
            "SELECT s.organization_id, st.name, st.description FROM solution_texts st \
             JOIN solutions s ON s.id = st.solution_id JOIN organizations o ON o.id = s.organization_id \
             WHERE o.status = 'published'",
        )
        .fetch(&mut *connection);
        while let Some(row) = rows.try_next().await? {
            let id: i64 = row.try_get("organization_id")?;
            builder.add_text(id, &row.try_get::<String, _>("name")?, SUMMARY_WEIGHT);
            if let Some(description) = row.try_get::<Option<String>, _>("description")? {
                builder.add_text(id, &description, DESCRIPTION_WEIGHT);
            }
        }
    }

    let links = [
        ("SELECT organization_id, category_id FROM organization_categories", dim::CATEGORY),
        ("SELECT organization_id, sector_id FROM organization_sectors", dim::SECTOR),
        ("SELECT organization_id, tag_id FROM organization_tags", dim::TAG),
        (
            "SELECT s.organization_id, sc.category_id FROM solution_categories sc JOIN solutions s ON s.id = sc.solution_id",
            dim::SOLUTION_CATEGORY,
        ),
    ];
    {
        let mut rows = sqlx::query(
            "SELECT forum_participants.organization_id, forum_panels.slug FROM forum_participants \
             JOIN forum_panels ON forum_panels.id = forum_participants.panel_id",
        )
        .fetch(&mut *connection);
        while let Some(row) = rows.try_next().await? {
            builder.add_value(row.try_get(0)?, dim::PANEL, row.try_get::<String, _>(1)?);
        }
    }
    let parents: HashMap<i64, i64> = {
        let rows = sqlx::query("SELECT id, parent_id FROM categories WHERE parent_id IS NOT NULL")
            .fetch_all(&mut *connection)
            .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("id")?, row.try_get("parent_id")?)))
            .collect::<Result<_, sqlx::Error>>()?
    };
    for (sql, dimension) in links {
        let mut rows = sqlx::query(sql).fetch(&mut *connection);
        while let Some(row) = rows.try_next().await? {
            let id: i64 = row.try_get(0)?;
            let target: i64 = row.try_get(1)?;
            builder.add_value(id, dimension, target.to_string());
            if dimension == dim::CATEGORY {
                if let Some(parent) = parents.get(&target) {
                    builder.add_value(id, dim::PARENT_CATEGORY, parent.to_string());
                }
                if let Some(document) = builder.document_mut(id) {
                    document.payload.categories.push(target);
                }
            }
        }
    }

    {
        let mut rows = sqlx::query(
            "SELECT p.organization_id, p.stage, n.need FROM startup_profiles p \
             LEFT JOIN startup_needs n ON n.organization_id = p.organization_id",
        )
        .fetch(&mut *connection);
        while let Some(row) = rows.try_next().await? {
            let id: i64 = row.try_get("organization_id")?;
            let stage: StartupStage = decode_word(&row.try_get::<String, _>("stage")?)?;
            let need: Option<StartupNeed> =
                row.try_get::<Option<String>, _>("need")?.as_deref().map(decode_word).transpose()?;
            if let Some(document) = builder.document_mut(id) {
                if document.payload.stage.is_none() {
                    document.payload.stage = Some(stage);
                    document.values[dim::STAGE].push(stage.to_string());
                }
                document.values[dim::NEED].extend(need.map(|need| need.to_string()));
            }
        }
    }
    Ok(builder)
}

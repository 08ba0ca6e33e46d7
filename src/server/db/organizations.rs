//! Organizations: listings, their texts per language, taxonomy links and startup facts, as read; writing
//! them is `writes`.
mod writes;

use std::collections::HashMap;

use sqlx::{Row, any::AnyRow};
use time::OffsetDateTime;

use super::{
    Database, SqlBuilder, decode_json, decode_optional_time, decode_slug, decode_time, decode_word,
    sql::translations_of,
};
use crate::{
    domain::{
        lang::Translations,
        organization::{NewOrganization, Organization, OrganizationFacts, OrganizationProfile, OrganizationText},
        slug::Slug,
        startup::{Currency, Money, ReadinessLevel, StartupFacts},
    },
    error::AppError,
    routes,
};

pub(super) use writes::{apply_profile, insert_organization_rows};

const ORGANIZATION_COLUMNS: &str = "id, slug, kind, website, email, phone, address, city, country, \
     incident_contact, constituency, founded_year, \
     employee_range, certifications, social_links, status, verified_at, featured_position, logo_version, \
     published_at, created_at, updated_at";

/// A public page about one listing or solution: `/{lang}/{path}/{slug}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicPage {
    pub path: &'static str,
    pub slug: Slug,
    pub updated_at: OffsetDateTime,
}

impl Database {
    /// Creates listings with everything they carry, all or nothing, in as few statements as the engines
    /// allow; returns their ids in input order. Slugs are made unique with numeric suffixes.
    pub async fn insert_organizations(
        &self,
        organizations: &[NewOrganization],
        now: OffsetDateTime,
    ) -> Result<Vec<i64>, AppError> {
        let mut transaction = self.begin_write().await?;
        let ids = insert_organization_rows(&mut transaction, organizations, now).await?;
        transaction.commit().await?;
        Ok(ids)
    }

    pub async fn organization_by_slug(&self, slug: &str) -> Result<Option<Organization>, AppError> {
        let rows = sqlx::query(&format!("SELECT {ORGANIZATION_COLUMNS} FROM organizations WHERE slug = $1"))
            .bind(slug)
            .fetch_all(self.pool())
            .await?;
        Ok(self.organizations_from_rows(rows).await?.pop())
    }

    /// Every listing whatever its status, oldest first: for exports, sitemaps and checks over the whole set.
    pub async fn all_organizations(&self) -> Result<Vec<Organization>, AppError> {
        let rows = sqlx::query(&format!("SELECT {ORGANIZATION_COLUMNS} FROM organizations ORDER BY id"))
            .fetch_all(self.pool())
            .await?;
        self.organizations_from_rows(rows).await
    }

    /// Up to `limit` published listings with ids above `after`, by id: the export reads the directory in
    /// such batches, so it never holds it whole nor binds a parameter per listing.
    pub async fn published_organizations_after(&self, after: i64, limit: i64) -> Result<Vec<Organization>, AppError> {
        let rows = sqlx::query(&format!(
            "SELECT {ORGANIZATION_COLUMNS} FROM organizations WHERE status = 'published' AND id > $1 ORDER BY id LIMIT $2"
        ))
        .bind(after)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        self.organizations_from_rows(rows).await
    }

    /// Listings by id, in the order asked; unknown ids are skipped. For exports of search results.
    pub async fn organizations_by_ids(&self, ids: &[i64]) -> Result<Vec<Organization>, AppError> {
        let mut found: HashMap<i64, Organization> = HashMap::with_capacity(ids.len());
        // Well below SQLite's 999 parameters per statement.
        for chunk in ids.chunks(900) {
            let mut sql = SqlBuilder::new(&format!("SELECT {ORGANIZATION_COLUMNS} FROM organizations WHERE id IN "));
            sql.bind_list(chunk.iter().copied());
            let rows = sql.query().fetch_all(self.pool()).await?;
            found.extend(self.organizations_from_rows(rows).await?.into_iter().map(|org| (org.id, org)));
        }
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }

    /// The most recently published listings, newest first: what the Atom feed announces.
    pub async fn newest_published(&self, limit: i64) -> Result<Vec<Organization>, AppError> {
        let rows = sqlx::query(&format!(
            "SELECT {ORGANIZATION_COLUMNS} FROM organizations WHERE status = 'published' \
             ORDER BY published_at DESC, id DESC LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        self.organizations_from_rows(rows).await
    }

    /// The slug and last change of every public page about one listing or solution, for sitemaps.
    pub async fn public_pages(&self) -> Result<Vec<PublicPage>, AppError> {
        let rows = sqlx::query(
            "SELECT 'organization' AS section, slug, updated_at FROM organizations WHERE status = 'published' \
             UNION ALL \
             SELECT 'solution' AS section, s.slug, s.updated_at FROM solutions s \
             JOIN organizations o ON o.id = s.organization_id WHERE o.status = 'published' \
             ORDER BY section, slug",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(PublicPage {
                    path: match row.try_get::<String, _>("section")?.as_str() {
                        "organization" => routes::segment::ORGANIZATIONS,
                        _ => routes::segment::SOLUTIONS,
                    },
                    slug: decode_slug(row)?,
                    updated_at: decode_time(&row.try_get::<String, _>("updated_at")?)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(AppError::from)
    }

    /// Every listing whatever its status.
    pub async fn count_organizations(&self) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM organizations").fetch_one(self.pool()).await?)
    }

    /// Completes organization rows with their texts, taxonomy links and startup facts, in a few batch
    /// queries per 500 rows (SQLite binds at most 32,766 parameters to a statement).
    async fn organizations_from_rows(&self, rows: Vec<AnyRow>) -> Result<Vec<Organization>, AppError> {
        let mut organizations = Vec::with_capacity(rows.len());
        for batch in rows.chunks(500) {
            organizations.extend(self.complete_organizations(batch).await?);
        }
        Ok(organizations)
    }

    async fn complete_organizations(&self, rows: &[AnyRow]) -> Result<Vec<Organization>, AppError> {
        let ids: Vec<i64> = rows.iter().map(|row| row.try_get("id")).collect::<Result<_, _>>()?;
        let mut texts = self.organization_texts(&ids).await?;
        let mut categories = self.links_of("organization_categories", "organization_id", "category_id", &ids).await?;
        let mut sectors = self.links_of("organization_sectors", "organization_id", "sector_id", &ids).await?;
        let mut tags = self.links_of("organization_tags", "organization_id", "tag_id", &ids).await?;
        let mut startups = self.startup_facts_of(&ids).await?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                let profile = OrganizationProfile {
                    kind: decode_word(&row.try_get::<String, _>("kind")?)?,
                    texts: texts.remove(&id).unwrap_or_default(),
                    facts: OrganizationFacts {
                        website: row.try_get("website")?,
                        email: row.try_get("email")?,
                        phone: row.try_get("phone")?,
                        address: row.try_get("address")?,
                        city: row.try_get("city")?,
                        country: decode_word(&row.try_get::<String, _>("country")?)?,
                        incident_contact: row.try_get("incident_contact")?,
                        constituency: row.try_get("constituency")?,
                        founded_year: row
                            .try_get::<Option<i64>, _>("founded_year")?
                            .and_then(|year| i32::try_from(year).ok()),
                        employee_range: row
                            .try_get::<Option<String>, _>("employee_range")?
                            .as_deref()
                            .map(decode_word)
                            .transpose()?,
                        certifications: decode_json(&row.try_get::<String, _>("certifications")?)?,
                        social_links: decode_json(&row.try_get::<String, _>("social_links")?)?,
                    },
                    category_ids: categories.remove(&id).unwrap_or_default(),
                    sector_ids: sectors.remove(&id).unwrap_or_default(),
                    tag_ids: tags.remove(&id).unwrap_or_default(),
                    startup: startups.remove(&id),
                };
                Ok(Organization {
                    id,
                    slug: decode_slug(row)?,
                    profile,
                    status: decode_word(&row.try_get::<String, _>("status")?)?,
                    verified_at: decode_optional_time(row.try_get("verified_at")?)?,
                    featured_position: row.try_get("featured_position")?,
                    logo_version: row.try_get("logo_version")?,
                    published_at: decode_optional_time(row.try_get("published_at")?)?,
                    created_at: decode_time(&row.try_get::<String, _>("created_at")?)?,
                    updated_at: decode_time(&row.try_get::<String, _>("updated_at")?)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(AppError::from)
    }

    /// The texts of several organizations, keyed by organization id.
    pub async fn organization_texts(
        &self,
        ids: &[i64],
    ) -> Result<HashMap<i64, Translations<OrganizationText>>, AppError> {
        let texts = translations_of(
            self.pool(),
            "organization_texts",
            "organization_id",
            "name, short_description, description",
            ids,
            |row| {
                Ok(OrganizationText {
                    name: row.try_get("name")?,
                    short_description: row.try_get("short_description")?,
                    description: row.try_get("description")?,
                })
            },
        )
        .await?;
        Ok(texts)
    }

    /// The showcase facts of those of the given organizations that are startups with facts.
    pub async fn startup_facts_of(&self, ids: &[i64]) -> Result<HashMap<i64, StartupFacts>, AppError> {
        let mut facts = HashMap::new();
        let mut sql = SqlBuilder::new(
            "SELECT organization_id, stage, funding_amount, funding_currency, demo_video_url, technology_readiness \
             FROM startup_profiles WHERE organization_id IN ",
        );
        sql.bind_list(ids.iter().copied());
        let rows = sql.query().fetch_all(self.pool()).await?;
        let startup_ids: Vec<i64> = rows.iter().map(|row| row.try_get("organization_id")).collect::<Result<_, _>>()?;
        let mut pitches =
            translations_of(self.pool(), "startup_pitches", "organization_id", "pitch", &startup_ids, |row| {
                row.try_get("pitch")
            })
            .await?;
        let mut needs: HashMap<i64, Vec<_>> = HashMap::new();
        let mut sql = SqlBuilder::new("SELECT organization_id, need FROM startup_needs WHERE organization_id IN ");
        sql.bind_list(startup_ids.iter().copied()).push(" ORDER BY organization_id, need");
        for row in sql.query().fetch_all(self.pool()).await? {
            let need = decode_word(&row.try_get::<String, _>("need")?)?;
            needs.entry(row.try_get("organization_id")?).or_default().push(need);
        }
        for row in &rows {
            let id: i64 = row.try_get("organization_id")?;
            let funding_raised = match (
                row.try_get::<Option<i64>, _>("funding_amount")?,
                row.try_get::<Option<String>, _>("funding_currency")?,
            ) {
                (Some(amount), Some(currency)) => Some(Money { amount, currency: Currency::parse(&currency)? }),
                _ => None,
            };
            let mut looking_for = needs.remove(&id).unwrap_or_default();
            looking_for.sort();
            facts.insert(
                id,
                StartupFacts {
                    stage: decode_word(&row.try_get::<String, _>("stage")?)?,
                    funding_raised,
                    looking_for,
                    pitch: pitches.remove(&id).unwrap_or_default(),
                    demo_video_url: row.try_get("demo_video_url")?,
                    technology_readiness: row
                        .try_get::<Option<i64>, _>("technology_readiness")?
                        .map(ReadinessLevel::new)
                        .transpose()?,
                },
            );
        }
        Ok(facts)
    }
}

//! Organizations: listings, their texts per language, taxonomy links and startup facts.
use std::collections::{HashMap, HashSet};

use sqlx::{AnyConnection, Row, any::AnyRow};
use time::OffsetDateTime;

use super::{
    Database, Value, decode_json, decode_optional_time, decode_slug, decode_time, decode_word, encode_json,
    encode_time,
    sql::{insert_links, insert_rows, insert_with_slugs, translations_of, unique_slugs},
};
use crate::{
    domain::{
        lang::Translations,
        organization::{NewOrganization, Organization, OrganizationKind, OrganizationText},
        slug::Slug,
        startup::{Currency, Money, ReadinessLevel, StartupFacts},
    },
    error::AppError,
    server::text::slug_from_name,
};

const ORGANIZATION_COLUMNS: &str = "id, slug, kind, website, email, phone, address, city, country, founded_year, \
     employee_range, certifications, social_links, status, verified_at, featured_position, logo_version, \
     created_at, updated_at";

impl Database {
    /// Creates listings with everything they carry, all or nothing, in as few statements as the engines
    /// allow; returns their ids in input order. Slugs are made unique with numeric suffixes.
    pub async fn insert_organizations(
        &self,
        organizations: &[NewOrganization],
        now: OffsetDateTime,
    ) -> Result<Vec<i64>, AppError> {
        let mut transaction = self.pool().begin().await?;
        let connection: &mut AnyConnection = &mut transaction;
        let wanted: Vec<Slug> = organizations
            .iter()
            .map(|organization| {
                organization.slug.clone().unwrap_or_else(|| {
                    organization
                        .slug_source()
                        .and_then(slug_from_name)
                        .unwrap_or_else(fallback_slug)
                })
            })
            .collect();
        let slugs = unique_slugs(connection, "organizations", wanted).await?;
        let now = encode_time(now);

        let rows = organizations.iter().zip(&slugs).map(|(organization, slug)| {
            vec![
                Value::from(slug.as_str()),
                organization.kind.as_str().into(),
                organization.website.clone().into(),
                organization.email.clone().into(),
                organization.phone.clone().into(),
                organization.address.clone().into(),
                organization.city.clone().into(),
                organization.country.as_str().into(),
                organization.founded_year.map(i64::from).into(),
                organization.employee_range.map(|range| range.as_str()).into(),
                encode_json(&organization.certifications).into(),
                encode_json(&organization.social_links).into(),
                organization.status.as_str().into(),
                organization.verified_at.map(encode_time).into(),
                organization.featured_position.into(),
                now.clone().into(),
                now.clone().into(),
            ]
        });
        let ids = insert_with_slugs(
            connection,
            "organizations",
            &[
                "slug",
                "kind",
                "website",
                "email",
                "phone",
                "address",
                "city",
                "country",
                "founded_year",
                "employee_range",
                "certifications",
                "social_links",
                "status",
                "verified_at",
                "featured_position",
                "created_at",
                "updated_at",
            ],
            rows,
            &slugs,
        )
        .await?;

        let texts = organizations.iter().zip(&ids).flat_map(|(organization, id)| {
            organization.texts.iter().map(move |(lang, text)| {
                vec![
                    Value::from(*id),
                    lang.as_str().into(),
                    text.name.as_str().into(),
                    text.short_description.as_deref().into(),
                    text.description.as_deref().into(),
                ]
            })
        });
        insert_rows(
            connection,
            "organization_texts",
            &["organization_id", "lang", "name", "short_description", "description"],
            texts,
            None,
        )
        .await?;

        let categories = organizations.iter().map(|organization| &organization.category_ids);
        insert_links(
            connection,
            "organization_categories",
            ["organization_id", "category_id"],
            &ids,
            categories,
        )
        .await?;
        let sectors = organizations.iter().map(|organization| &organization.sector_ids);
        insert_links(
            connection,
            "organization_sectors",
            ["organization_id", "sector_id"],
            &ids,
            sectors,
        )
        .await?;
        let tags = organizations.iter().map(|organization| &organization.tag_ids);
        insert_links(
            connection,
            "organization_tags",
            ["organization_id", "tag_id"],
            &ids,
            tags,
        )
        .await?;

        let startups: Vec<(i64, &StartupFacts)> = organizations
            .iter()
            .zip(&ids)
            .filter(|(organization, _)| organization.kind == OrganizationKind::Startup)
            .filter_map(|(organization, id)| organization.startup.as_ref().map(|facts| (*id, facts)))
            .collect();
        insert_startup_facts(connection, &startups).await?;

        transaction.commit().await?;
        Ok(ids)
    }

    pub async fn organization_by_slug(&self, slug: &str) -> Result<Option<Organization>, AppError> {
        let row = sqlx::query(&format!(
            "SELECT {ORGANIZATION_COLUMNS} FROM organizations WHERE slug = $1"
        ))
        .bind(slug)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let id: i64 = row.try_get("id")?;
        let mut texts = self.organization_texts(&[id]).await?;
        Ok(Some(organization_from_row(
            &row,
            texts.remove(&id).unwrap_or_default(),
        )?))
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

    /// A startup's showcase facts; `None` for other organizations and startups that gave none.
    pub async fn startup_facts(&self, organization_id: i64) -> Result<Option<StartupFacts>, AppError> {
        let Some(row) = sqlx::query(
            "SELECT stage, funding_amount, funding_currency, demo_video_url, technology_readiness \
             FROM startup_profiles WHERE organization_id = $1",
        )
        .bind(organization_id)
        .fetch_optional(self.pool())
        .await?
        else {
            return Ok(None);
        };
        let pitch = sqlx::query("SELECT lang, pitch FROM startup_pitches WHERE organization_id = $1")
            .bind(organization_id)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| Ok((decode_word(&row.try_get::<String, _>("lang")?)?, row.try_get("pitch")?)))
            .collect::<Result<Translations<String>, sqlx::Error>>()?;
        let mut looking_for = sqlx::query("SELECT need FROM startup_needs WHERE organization_id = $1")
            .bind(organization_id)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| decode_word(&row.try_get::<String, _>("need")?))
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        looking_for.sort();
        let funding_amount: Option<i64> = row.try_get("funding_amount")?;
        let funding_currency: Option<String> = row.try_get("funding_currency")?;
        let funding_raised = match (funding_amount, funding_currency) {
            (Some(amount), Some(currency)) => Some(Money {
                amount,
                currency: Currency::parse(&currency)?,
            }),
            _ => None,
        };
        Ok(Some(StartupFacts {
            stage: decode_word(&row.try_get::<String, _>("stage")?)?,
            funding_raised,
            looking_for,
            pitch,
            demo_video_url: row.try_get("demo_video_url")?,
            technology_readiness: row
                .try_get::<Option<i64>, _>("technology_readiness")?
                .map(ReadinessLevel::new)
                .transpose()?,
        }))
    }
}

async fn insert_startup_facts(
    connection: &mut AnyConnection,
    startups: &[(i64, &StartupFacts)],
) -> Result<(), sqlx::Error> {
    let profiles = startups.iter().map(|(id, facts)| {
        vec![
            Value::from(*id),
            facts.stage.as_str().into(),
            facts.funding_raised.as_ref().map(|money| money.amount).into(),
            facts
                .funding_raised
                .as_ref()
                .map(|money| money.currency.as_str())
                .into(),
            facts.demo_video_url.as_deref().into(),
            facts.technology_readiness.map(|level| i64::from(level.get())).into(),
        ]
    });
    insert_rows(
        connection,
        "startup_profiles",
        &[
            "organization_id",
            "stage",
            "funding_amount",
            "funding_currency",
            "demo_video_url",
            "technology_readiness",
        ],
        profiles,
        None,
    )
    .await?;
    let pitches = startups.iter().flat_map(|(id, facts)| {
        facts
            .pitch
            .iter()
            .map(move |(lang, pitch)| vec![Value::from(*id), lang.as_str().into(), pitch.as_str().into()])
    });
    insert_rows(
        connection,
        "startup_pitches",
        &["organization_id", "lang", "pitch"],
        pitches,
        None,
    )
    .await?;
    let needs = startups.iter().flat_map(|(id, facts)| {
        facts
            .looking_for
            .iter()
            .collect::<HashSet<_>>()
            .into_iter()
            .map(move |need| vec![Value::from(*id), need.as_str().into()])
    });
    insert_rows(connection, "startup_needs", &["organization_id", "need"], needs, None).await?;
    Ok(())
}

fn organization_from_row(row: &AnyRow, texts: Translations<OrganizationText>) -> Result<Organization, sqlx::Error> {
    Ok(Organization {
        id: row.try_get("id")?,
        slug: decode_slug(row)?,
        kind: decode_word(&row.try_get::<String, _>("kind")?)?,
        texts,
        website: row.try_get("website")?,
        email: row.try_get("email")?,
        phone: row.try_get("phone")?,
        address: row.try_get("address")?,
        city: row.try_get("city")?,
        country: decode_word(&row.try_get::<String, _>("country")?)?,
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
        status: decode_word(&row.try_get::<String, _>("status")?)?,
        verified_at: decode_optional_time(row.try_get("verified_at")?)?,
        featured_position: row.try_get("featured_position")?,
        logo_version: row.try_get("logo_version")?,
        created_at: decode_time(&row.try_get::<String, _>("created_at")?)?,
        updated_at: decode_time(&row.try_get::<String, _>("updated_at")?)?,
    })
}

/// The slug for a name that has no letters or digits in any script.
fn fallback_slug() -> Slug {
    Slug::parse("organization").expect("a valid literal slug")
}

impl Database {
    /// Every listing whatever its status.
    pub async fn count_organizations(&self) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM organizations")
            .fetch_one(self.pool())
            .await?)
    }
}

impl Database {
    /// Every listing with its texts, oldest first: for exports, sitemaps and checks over the whole set.
    pub async fn all_organizations(&self) -> Result<Vec<Organization>, AppError> {
        let rows = sqlx::query(&format!("SELECT {ORGANIZATION_COLUMNS} FROM organizations ORDER BY id"))
            .fetch_all(self.pool())
            .await?;
        let ids: Vec<i64> = rows.iter().map(|row| row.try_get("id")).collect::<Result<_, _>>()?;
        let mut texts = self.organization_texts(&ids).await?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                organization_from_row(row, texts.remove(&id).unwrap_or_default())
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(AppError::from)
    }
}

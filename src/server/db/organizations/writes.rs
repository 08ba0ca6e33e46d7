//! Writing a listing's rows: new listings with everything they carry, and a profile applied to an
//! existing one (texts, taxonomy links and startup facts replaced whole).
use std::collections::HashSet;

use sqlx::AnyConnection;
use time::OffsetDateTime;

use super::super::{
    Value,
    directory::directory_changed,
    encode_json, encode_time,
    solutions::insert_solution_rows,
    sql::{insert_links, insert_rows, insert_with_slugs, unique_slugs},
};
use crate::{
    domain::{
        organization::{NewOrganization, OrganizationKind, OrganizationProfile},
        slug::Slug,
        solution::NewSolution,
        startup::StartupFacts,
    },
    server::text::slug_from_name,
};
/// Writes listings with everything they carry inside the caller's transaction; see
/// [`Database::insert_organizations`].
pub(in super::super) async fn insert_organization_rows(
    connection: &mut AnyConnection,
    organizations: &[NewOrganization],
    now: OffsetDateTime,
) -> Result<Vec<i64>, sqlx::Error> {
    let wanted: Vec<Slug> = organizations
        .iter()
        .map(|organization| {
            organization.slug.clone().unwrap_or_else(|| {
                organization.profile.slug_source().and_then(slug_from_name).unwrap_or_else(fallback_slug)
            })
        })
        .collect();
    let slugs = unique_slugs(connection, "organizations", wanted).await?;
    let now_time = now;
    let now = encode_time(now);

    // Rows are collected before each await, so the future holds no borrowing iterators (it must be Send).
    let rows: Vec<Vec<Value>> = organizations
        .iter()
        .zip(&slugs)
        .map(|(organization, slug)| {
            let profile = &organization.profile;
            vec![
                Value::from(slug.as_str()),
                profile.kind.as_str().into(),
                profile.facts.website.as_deref().into(),
                profile.facts.email.as_deref().into(),
                profile.facts.phone.as_deref().into(),
                profile.facts.address.as_deref().into(),
                profile.facts.city.as_deref().into(),
                profile.facts.country.as_str().into(),
                profile.facts.incident_contact.as_deref().into(),
                profile.facts.constituency.as_deref().into(),
                profile.facts.founded_year.map(i64::from).into(),
                profile.facts.employee_range.map(|range| range.as_str()).into(),
                encode_json(&profile.facts.certifications).into(),
                encode_json(&profile.facts.social_links).into(),
                organization.status.as_str().into(),
                organization.verified_at.map(encode_time).into(),
                organization.featured_position.into(),
                organization.status.is_public().then(|| now.clone()).into(),
                now.clone().into(),
                now.clone().into(),
            ]
        })
        .collect();
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
            "incident_contact",
            "constituency",
            "founded_year",
            "employee_range",
            "certifications",
            "social_links",
            "status",
            "verified_at",
            "featured_position",
            "published_at",
            "created_at",
            "updated_at",
        ],
        rows,
        &slugs,
    )
    .await?;

    let profiles: Vec<&OrganizationProfile> = organizations.iter().map(|organization| &organization.profile).collect();
    let texts: Vec<Vec<Value>> = profiles.iter().zip(&ids).flat_map(|(profile, id)| text_rows(*id, profile)).collect();
    insert_rows(connection, "organization_texts", &TEXT_COLUMNS, texts, "").await?;
    let categories: Vec<&Vec<i64>> = profiles.iter().map(|profile| &profile.category_ids).collect();
    insert_links(connection, "organization_categories", ["organization_id", "category_id"], &ids, categories).await?;
    let sectors: Vec<&Vec<i64>> = profiles.iter().map(|profile| &profile.sector_ids).collect();
    insert_links(connection, "organization_sectors", ["organization_id", "sector_id"], &ids, sectors).await?;
    let tags: Vec<&Vec<i64>> = profiles.iter().map(|profile| &profile.tag_ids).collect();
    insert_links(connection, "organization_tags", ["organization_id", "tag_id"], &ids, tags).await?;

    let startups: Vec<(i64, &StartupFacts)> = profiles
        .iter()
        .zip(&ids)
        .filter(|(profile, _)| profile.kind == OrganizationKind::Startup)
        .filter_map(|(profile, id)| profile.startup.as_ref().map(|facts| (*id, facts)))
        .collect();
    insert_startup_facts(connection, &startups).await?;

    let solutions: Vec<NewSolution> = organizations
        .iter()
        .zip(&ids)
        .flat_map(|(organization, id)| {
            organization.solutions.iter().map(|details| NewSolution {
                organization_id: *id,
                slug: None,
                details: details.clone(),
            })
        })
        .collect();
    insert_solution_rows(connection, &solutions, now_time).await?;
    directory_changed(connection).await?;
    Ok(ids)
}

const TEXT_COLUMNS: [&str; 5] = ["organization_id", "lang", "name", "short_description", "description"];

/// A profile's rows of `organization_texts`, one per language.
fn text_rows(organization_id: i64, profile: &OrganizationProfile) -> Vec<Vec<Value>> {
    profile
        .texts
        .iter()
        .map(|(lang, text)| {
            vec![
                Value::from(organization_id),
                lang.as_str().into(),
                text.name.as_str().into(),
                text.short_description.as_deref().into(),
                text.description.as_deref().into(),
            ]
        })
        .collect()
}

/// Makes a profile the listing's public one: its row, texts, taxonomy links and startup facts, inside
/// the caller's transaction.
pub(in super::super) async fn apply_profile(
    connection: &mut AnyConnection,
    organization_id: i64,
    profile: &OrganizationProfile,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE organizations SET kind = $1, website = $2, email = $3, phone = $4, address = $5, city = $6, \
         country = $7, founded_year = $8, employee_range = $9, certifications = $10, social_links = $11, \
         updated_at = $12, incident_contact = $13, constituency = $14 WHERE id = $15",
    )
    .bind(profile.kind.as_str())
    .bind(profile.facts.website.as_deref())
    .bind(profile.facts.email.as_deref())
    .bind(profile.facts.phone.as_deref())
    .bind(profile.facts.address.as_deref())
    .bind(profile.facts.city.as_deref())
    .bind(profile.facts.country.as_str())
    .bind(profile.facts.founded_year.map(i64::from))
    .bind(profile.facts.employee_range.map(|range| range.as_str()))
    .bind(encode_json(&profile.facts.certifications))
    .bind(encode_json(&profile.facts.social_links))
    .bind(encode_time(now))
    .bind(profile.facts.incident_contact.as_deref())
    .bind(profile.facts.constituency.as_deref())
    .bind(organization_id)
    .execute(&mut *connection)
    .await?;
    for table in [
        "organization_texts",
        "organization_categories",
        "organization_sectors",
        "organization_tags",
        "startup_needs",
        "startup_pitches",
        "startup_profiles",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE organization_id = $1"))
            .bind(organization_id)
            .execute(&mut *connection)
            .await?;
    }
    // Rows are built before any await, so the future holds no borrowing iterators (it must be Send).
    insert_rows(connection, "organization_texts", &TEXT_COLUMNS, text_rows(organization_id, profile), "").await?;
    for (table, column, targets) in [
        ("organization_categories", "category_id", &profile.category_ids),
        ("organization_sectors", "sector_id", &profile.sector_ids),
        ("organization_tags", "tag_id", &profile.tag_ids),
    ] {
        let links: Vec<Vec<Value>> =
            targets.iter().map(|target| vec![Value::from(organization_id), Value::from(*target)]).collect();
        insert_rows(connection, table, &["organization_id", column], links, "").await?;
    }
    if profile.kind == OrganizationKind::Startup
        && let Some(facts) = &profile.startup
    {
        insert_startup_facts(connection, &[(organization_id, facts)]).await?;
    }
    directory_changed(connection).await
}

async fn insert_startup_facts(
    connection: &mut AnyConnection,
    startups: &[(i64, &StartupFacts)],
) -> Result<(), sqlx::Error> {
    // Rows are collected before any await, so the future holds no borrowing iterators (it must be Send).
    let profiles: Vec<Vec<Value>> = startups
        .iter()
        .map(|(id, facts)| {
            vec![
                Value::from(*id),
                facts.stage.as_str().into(),
                facts.funding_raised.as_ref().map(|money| money.amount).into(),
                facts.funding_raised.as_ref().map(|money| money.currency.as_str()).into(),
                facts.demo_video_url.as_deref().into(),
                facts.technology_readiness.map(|level| i64::from(level.get())).into(),
            ]
        })
        .collect();
    let pitches: Vec<Vec<Value>> = startups
        .iter()
        .flat_map(|(id, facts)| {
            facts
                .pitch
                .iter()
                .map(move |(lang, pitch)| vec![Value::from(*id), lang.as_str().into(), pitch.as_str().into()])
        })
        .collect();
    let needs: Vec<Vec<Value>> = startups
        .iter()
        .flat_map(|(id, facts)| {
            facts
                .looking_for
                .iter()
                .collect::<HashSet<_>>()
                .into_iter()
                .map(move |need| vec![Value::from(*id), need.as_str().into()])
        })
        .collect();
    insert_rows(
        connection,
        "startup_profiles",
        &["organization_id", "stage", "funding_amount", "funding_currency", "demo_video_url", "technology_readiness"],
        profiles,
        "",
    )
    .await?;
    insert_rows(connection, "startup_pitches", &["organization_id", "lang", "pitch"], pitches, "").await?;
    insert_rows(connection, "startup_needs", &["organization_id", "need"], needs, "").await?;
    Ok(())
}

/// The slug for a name that has no letters or digits in any script.
fn fallback_slug() -> Slug {
    Slug::parse("organization").expect("a valid literal slug")
}

//! Reading the published listings for the directory's index.
use futures_util::TryStreamExt;
use sqlx::{AnyConnection, Row};

use super::{DirectorySink, read_links};

use crate::{
    domain::{
        country::Country,
        lang::Lang,
        organization::OrganizationKind,
        slug::Slug,
        startup::{StartupNeed, StartupStage},
    },
    error::AppError,
    server::db::{decode_optional_time, decode_slug, decode_time, decode_word},
};

/// A published listing as the directory reads it, before its texts and links.
#[derive(Clone, Debug)]
pub struct ListingRow {
    pub id: i64,
    pub slug: Slug,
    pub kind: OrganizationKind,
    pub country: Country,
    pub city: Option<String>,
    pub verified: bool,
    /// When it was listed (published), in seconds since the Unix epoch.
    pub listed_at: i64,
    pub logo_version: Option<String>,
    /// Place on the startup showcase, for featured listings.
    pub featured_position: Option<i64>,
}

/// What else a listing is found by or filtered on, read after every listing's row.
#[derive(Clone, Copy, Debug)]
pub enum ListingPart<'a> {
    /// Its texts in one language.
    Text {
        lang: Lang,
        name: &'a str,
        summary: Option<&'a str>,
        description: Option<&'a str>,
    },
    /// The texts of one of its solutions, in one language.
    SolutionText {
        name: &'a str,
        description: Option<&'a str>,
    },
    Category(i64),
    Sector(i64),
    Tag(i64),
    /// A category one of its solutions is in.
    SolutionCategory(i64),
    /// A forum panel it takes part in, by slug.
    Panel(&'a str),
    Stage(StartupStage),
    Need(StartupNeed),
}

/// Makes a listing's part of the id a link table gives.
type LinkPart = fn(i64) -> ListingPart<'static>;

/// Streams every published listing, then its texts and links, into a sink.
pub(super) async fn read<S>(connection: &mut AnyConnection, sink: &mut S) -> Result<(), AppError>
where
    S: for<'a> DirectorySink<Row = ListingRow, Part<'a> = ListingPart<'a>>,
{
    let mut rows = sqlx::query(
        "SELECT id, slug, kind, country, city, verified_at, COALESCE(published_at, created_at) AS listed_at, \
         logo_version, featured_position FROM organizations WHERE status = 'published'",
    )
    .fetch(&mut *connection);
    while let Some(row) = rows.try_next().await? {
        sink.row(ListingRow {
            id: row.try_get("id")?,
            slug: decode_slug(&row)?,
            kind: decode_word(&row.try_get::<String, _>("kind")?)?,
            country: decode_word(&row.try_get::<String, _>("country")?)?,
            city: row.try_get("city")?,
            verified: decode_optional_time(row.try_get("verified_at")?)?.is_some(),
            listed_at: decode_time(&row.try_get::<String, _>("listed_at")?)?.unix_timestamp(),
            logo_version: row.try_get("logo_version")?,
            featured_position: row.try_get("featured_position")?,
        });
    }
    drop(rows);

    let mut rows = sqlx::query(
        "SELECT t.organization_id, t.lang, t.name, t.short_description, t.description FROM organization_texts t \
         JOIN organizations o ON o.id = t.organization_id WHERE o.status = 'published'",
    )
    .fetch(&mut *connection);
    while let Some(row) = rows.try_next().await? {
        let name: String = row.try_get("name")?;
        let summary: Option<String> = row.try_get("short_description")?;
        let description: Option<String> = row.try_get("description")?;
        let lang = decode_word(&row.try_get::<String, _>("lang")?)?;
        let text =
            ListingPart::Text { lang, name: &name, summary: summary.as_deref(), description: description.as_deref() };
        sink.part(row.try_get("organization_id")?, text);
    }
    drop(rows);

    let mut rows = sqlx::query(
        "SELECT s.organization_id, st.name, st.description FROM solution_texts st \
         JOIN solutions s ON s.id = st.solution_id JOIN organizations o ON o.id = s.organization_id \
         WHERE o.status = 'published'",
    )
    .fetch(&mut *connection);
    while let Some(row) = rows.try_next().await? {
        let name: String = row.try_get("name")?;
        let description: Option<String> = row.try_get("description")?;
        let text = ListingPart::SolutionText { name: &name, description: description.as_deref() };
        sink.part(row.try_get("organization_id")?, text);
    }
    drop(rows);

    let mut rows = sqlx::query(
        "SELECT forum_participants.organization_id, forum_panels.slug FROM forum_participants \
         JOIN forum_panels ON forum_panels.id = forum_participants.panel_id",
    )
    .fetch(&mut *connection);
    while let Some(row) = rows.try_next().await? {
        sink.part(row.try_get(0)?, ListingPart::Panel(&row.try_get::<String, _>(1)?));
    }
    drop(rows);

    let links: [(&str, LinkPart); 4] = [
        ("SELECT organization_id, category_id FROM organization_categories", ListingPart::Category),
        ("SELECT organization_id, sector_id FROM organization_sectors", ListingPart::Sector),
        ("SELECT organization_id, tag_id FROM organization_tags", ListingPart::Tag),
        (
            "SELECT s.organization_id, sc.category_id FROM solution_categories sc JOIN solutions s ON s.id = sc.solution_id",
            ListingPart::SolutionCategory,
        ),
    ];
    for (sql, part) in links {
        read_links(&mut *connection, sql, |id, linked| sink.part(id, part(linked))).await?;
    }

    let mut rows = sqlx::query("SELECT organization_id, stage FROM startup_profiles").fetch(&mut *connection);
    while let Some(row) = rows.try_next().await? {
        sink.part(row.try_get(0)?, ListingPart::Stage(decode_word(&row.try_get::<String, _>(1)?)?));
    }
    drop(rows);
    let mut rows = sqlx::query(
        "SELECT n.organization_id, n.need FROM startup_needs n \
         JOIN startup_profiles p ON p.organization_id = n.organization_id",
    )
    .fetch(&mut *connection);
    while let Some(row) = rows.try_next().await? {
        sink.part(row.try_get(0)?, ListingPart::Need(decode_word(&row.try_get::<String, _>(1)?)?));
    }
    Ok(())
}

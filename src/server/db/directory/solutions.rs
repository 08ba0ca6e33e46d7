//! Reading the solutions of published listings for the directory's index.
use futures_util::TryStreamExt;
use sqlx::{AnyConnection, Row};

use super::{DirectorySink, read_links};

use crate::{
    domain::{
        country::Country,
        lang::Lang,
        slug::Slug,
        solution::{Deployment, SolutionKind},
    },
    error::AppError,
    server::db::{decode_slug, decode_time, decode_word},
};

/// A solution of a published listing as the directory reads it, before its texts and links.
#[derive(Clone, Debug)]
pub struct SolutionRow {
    pub id: i64,
    pub slug: Slug,
    pub kind: SolutionKind,
    pub deployment: Option<Deployment>,
    /// When it was added, in seconds since the Unix epoch.
    pub listed_at: i64,
    pub organization_id: i64,
    pub organization_slug: Slug,
    /// Its organization's country.
    pub country: Country,
}

/// What else a solution is found by or filtered on, read after every solution's row.
#[derive(Clone, Copy, Debug)]
pub enum SolutionPart<'a> {
    /// Its texts in one language.
    Text {
        lang: Lang,
        name: &'a str,
        description: Option<&'a str>,
    },
    /// Its organization's name in one language.
    OrganizationName(&'a str),
    Category(i64),
    Sector(i64),
}

/// Makes a solution's part of the id a link table gives.
type LinkPart = fn(i64) -> SolutionPart<'static>;

/// Streams the solutions of every published listing, then their texts and links, into a sink.
pub(super) async fn read<S>(connection: &mut AnyConnection, sink: &mut S) -> Result<(), AppError>
where
    S: for<'a> DirectorySink<Row = SolutionRow, Part<'a> = SolutionPart<'a>>,
{
    let mut rows = sqlx::query(
        "SELECT s.id, s.slug, s.kind, s.deployment, s.created_at, s.organization_id, \
         o.slug AS organization_slug, o.country FROM solutions s \
         JOIN organizations o ON o.id = s.organization_id WHERE o.status = 'published'",
    )
    .fetch(&mut *connection);
    while let Some(row) = rows.try_next().await? {
        sink.row(SolutionRow {
            id: row.try_get("id")?,
            slug: decode_slug(&row)?,
            kind: decode_word(&row.try_get::<String, _>("kind")?)?,
            deployment: row.try_get::<Option<String>, _>("deployment")?.as_deref().map(decode_word).transpose()?,
            listed_at: decode_time(&row.try_get::<String, _>("created_at")?)?.unix_timestamp(),
            organization_id: row.try_get("organization_id")?,
            organization_slug: Slug::parse(&row.try_get::<String, _>("organization_slug")?)
                .map_err(|error| sqlx::Error::Decode(error.field.into()))?,
            country: decode_word(&row.try_get::<String, _>("country")?)?,
        });
    }
    drop(rows);

    let mut rows = sqlx::query(
        "SELECT st.solution_id, st.lang, st.name, st.description FROM solution_texts st \
         JOIN solutions s ON s.id = st.solution_id JOIN organizations o ON o.id = s.organization_id \
         WHERE o.status = 'published'",
    )
    .fetch(&mut *connection);
    while let Some(row) = rows.try_next().await? {
        let name: String = row.try_get("name")?;
        let description: Option<String> = row.try_get("description")?;
        let lang = decode_word(&row.try_get::<String, _>("lang")?)?;
        sink.part(
            row.try_get("solution_id")?,
            SolutionPart::Text { lang, name: &name, description: description.as_deref() },
        );
    }
    drop(rows);

    let mut rows = sqlx::query(
        "SELECT s.id AS solution_id, t.name FROM solutions s \
         JOIN organization_texts t ON t.organization_id = s.organization_id \
         JOIN organizations o ON o.id = s.organization_id WHERE o.status = 'published'",
    )
    .fetch(&mut *connection);
    while let Some(row) = rows.try_next().await? {
        sink.part(row.try_get("solution_id")?, SolutionPart::OrganizationName(&row.try_get::<String, _>("name")?));
    }
    drop(rows);

    let links: [(&str, LinkPart); 2] = [
        ("SELECT solution_id, category_id FROM solution_categories", SolutionPart::Category),
        ("SELECT solution_id, sector_id FROM solution_sectors", SolutionPart::Sector),
    ];
    for (sql, part) in links {
        read_links(&mut *connection, sql, |id, linked| sink.part(id, part(linked))).await?;
    }
    Ok(())
}

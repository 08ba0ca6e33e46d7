//! The public directory: the in-memory index (see `search::index`) kept in step with the database.
//!
//! Every change to what the directory shows moves the `directory_version` counter in the same
//! transaction. Each search reads the counter (one indexed row) and rebuilds the index when it has
//! moved, so every app instance sees every change without talking to the others. A small directory
//! rebuilds before answering; a large one (a rebuild slower than a quarter second) keeps answering from
//! the previous index while a new one is built in the background.
use std::{
    collections::HashMap,
    sync::{
        Arc, RwLock,
        atomic::{AtomicU64, Ordering},
    },
    time::Instant,
};

use futures_util::TryStreamExt;
use sqlx::{AnyConnection, Row};

use super::{Database, Engine, decode_optional_time, decode_slug, decode_time, decode_word};
use crate::{
    domain::{
        directory::{DirectoryPage, DirectoryQuery, OrganizationCard, PAGE_SIZE},
        lang::Lang,
    },
    error::AppError,
    server::{
        search::{
            DESCRIPTION_WEIGHT, NAME_WEIGHT, SUMMARY_WEIGHT, highlight,
            index::{DirectoryIndex, Doc, IndexBuilder, ListingFacts},
        },
        text::fold,
    },
};

/// Rebuilds slower than this happen in the background, serving the previous index meanwhile.
const BACKGROUND_REBUILD_MS: u64 = 250;

/// The current index of one app instance, shared by the clones of its `Database`.
#[derive(Default)]
pub(crate) struct DirectoryCache {
    index: RwLock<Option<Arc<DirectoryIndex>>>,
    rebuilding: Arc<tokio::sync::Mutex<()>>,
    last_build_ms: AtomicU64,
}

/// Records, inside the caller's transaction, that what the directory shows has changed.
pub(super) async fn directory_changed(connection: &mut AnyConnection) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE directory_version SET version = version + 1 WHERE id = 1").execute(connection).await?;
    Ok(())
}

impl Database {
    /// One page of published listings for a directory question, read in `lang`.
    pub async fn search_directory(&self, query: &DirectoryQuery, lang: Lang) -> Result<DirectoryPage, AppError> {
        let index = self.directory_index().await?;
        let found = index.search(query, lang);
        let ids: Vec<i64> = found.page.iter().map(|doc| doc.id).collect();
        let texts = self.organization_texts(&ids).await?;
        let results = found
            .page
            .iter()
            .map(|doc| {
                let text = texts.get(&doc.id).and_then(|texts| texts.pick(lang));
                let (name, summary, text_lang) = match &text {
                    Some(text) => (text.value.name.clone(), text.value.short_description.clone(), text.lang),
                    None => (doc.slug.to_string(), None, lang),
                };
                card(
                    &index,
                    doc,
                    lang,
                    highlight(&name, text_lang, &found.words),
                    summary.map(|s| highlight(&s, text_lang, &found.words)),
                )
            })
            .collect();
        Ok(DirectoryPage {
            results,
            total: found.total,
            page: query.page,
            page_count: u32::try_from(found.total.div_ceil(u64::from(PAGE_SIZE))).unwrap_or(u32::MAX).max(1),
            facets: found.facets,
        })
    }

    /// The index for the database's current directory version.
    pub async fn directory_index(&self) -> Result<Arc<DirectoryIndex>, AppError> {
        let version: i64 =
            sqlx::query_scalar("SELECT version FROM directory_version WHERE id = 1").fetch_one(self.pool()).await?;
        let cached = self.directory.index.read().map(|index| index.clone()).unwrap_or_default();
        if let Some(index) = &cached {
            if index.version() == version {
                return Ok(index.clone());
            }
            if self.directory.last_build_ms.load(Ordering::Relaxed) > BACKGROUND_REBUILD_MS {
                if let Ok(guard) = self.directory.rebuilding.clone().try_lock_owned() {
                    let db = self.clone();
                    tokio::spawn(async move {
                        if let Err(error) = db.rebuild_directory_index().await {
                            tracing::error!(%error, "rebuilding the directory index failed");
                        }
                        drop(guard);
                    });
                }
                return Ok(index.clone());
            }
        }
        let _guard = self.directory.rebuilding.lock().await;
        if let Some(index) = self.directory.index.read().map(|index| index.clone()).unwrap_or_default()
            && index.version() >= version
        {
            return Ok(index);
        }
        self.rebuild_directory_index().await
    }

    /// Reads every published listing in one consistent snapshot and builds a new index from it.
    async fn rebuild_directory_index(&self) -> Result<Arc<DirectoryIndex>, AppError> {
        let started = Instant::now();
        let categories = self.categories().await?;
        let sectors = self.sectors().await?;
        let tags = self.tags().await?;
        let mut transaction = self.pool().begin().await?;
        let connection: &mut AnyConnection = &mut transaction;
        if self.engine() == Engine::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute(&mut *connection).await?;
        }
        let version: i64 = sqlx::query_scalar("SELECT version FROM directory_version WHERE id = 1")
            .fetch_one(&mut *connection)
            .await?;
        let builder = load_listings(connection).await?;
        transaction.commit().await?;
        let index = tokio::task::spawn_blocking(move || builder.finish(version, categories, sectors, &tags))
            .await
            .map_err(|error| {
                tracing::error!(%error, "building the directory index panicked");
                AppError::Internal
            })?;
        let index = Arc::new(index);
        let elapsed = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.directory.last_build_ms.store(elapsed, Ordering::Relaxed);
        tracing::info!(version, listings = index.len(), elapsed_ms = elapsed, "directory index built");
        if let Ok(mut current) = self.directory.index.write() {
            *current = Some(index.clone());
        }
        Ok(index)
    }
}

/// A result card from the index and the texts read for it.
fn card(
    index: &DirectoryIndex,
    doc: &Doc,
    lang: Lang,
    name: crate::domain::directory::HighlightedText,
    short_description: Option<crate::domain::directory::HighlightedText>,
) -> OrganizationCard {
    let categories = doc
        .categories
        .iter()
        .filter_map(|id| index.categories().iter().find(|category| category.id == *id))
        .filter_map(|category| category.names.pick(lang).map(|name| name.value.clone()))
        .take(3)
        .collect();
    OrganizationCard {
        slug: doc.slug.clone(),
        kind: doc.kind,
        name,
        short_description,
        city: index.city(doc).map(str::to_owned),
        country: doc.country,
        verified: doc.verified,
        logo_url: doc.logo_version.as_ref().map(|version| format!("/logos/{}/128?v={version}", doc.slug)),
        stage: doc.stage,
        categories,
    }
}

/// Streams every published listing, its words and facet values into an index builder.
async fn load_listings(connection: &mut AnyConnection) -> Result<IndexBuilder, AppError> {
    let mut builder = IndexBuilder::default();
    {
        let mut rows = sqlx::query(
            "SELECT id, slug, kind, country, city, verified_at, created_at, logo_version FROM organizations \
             WHERE status = 'published'",
        )
        .fetch(&mut *connection);
        while let Some(row) = rows.try_next().await? {
            let id: i64 = row.try_get("id")?;
            let city: Option<String> = row.try_get("city")?;
            builder.add_listing(ListingFacts {
                id,
                slug: decode_slug(&row)?,
                kind: decode_word(&row.try_get::<String, _>("kind")?)?,
                country: decode_word(&row.try_get::<String, _>("country")?)?,
                city: city.clone(),
                verified: decode_optional_time(row.try_get("verified_at")?)?.is_some(),
                created_at: decode_time(&row.try_get::<String, _>("created_at")?)?.unix_timestamp(),
                logo_version: row.try_get("logo_version")?,
                stage: None,
                needs: Vec::new(),
                categories: Vec::new(),
                sectors: Vec::new(),
                tags: Vec::new(),
                sort_names: Default::default(),
            });
            if let Some(city) = city {
                builder.add_text(id, &city, SUMMARY_WEIGHT);
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
        if let Some(listing) = builder.listing_mut(id) {
            listing.sort_names = std::array::from_fn(|reader| {
                let seen = Lang::ALL[reader]
                    .fallback_order()
                    .into_iter()
                    .find_map(|lang| names.iter().find(|(written, _)| *written == lang));
                seen.map(|(_, name)| fold(name)).unwrap_or_default()
            });
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
        "SELECT organization_id, category_id AS target, 'category' AS link FROM organization_categories",
        "SELECT organization_id, sector_id, 'sector' FROM organization_sectors",
        "SELECT organization_id, tag_id, 'tag' FROM organization_tags",
        "SELECT s.organization_id, sc.category_id, 'solution_category' FROM solution_categories sc \
         JOIN solutions s ON s.id = sc.solution_id",
    ];
    for sql in links {
        let mut rows = sqlx::query(sql).fetch(&mut *connection);
        while let Some(row) = rows.try_next().await? {
            let id: i64 = row.try_get(0)?;
            let target: i64 = row.try_get(1)?;
            let link: String = row.try_get(2)?;
            if link == "solution_category" {
                builder.add_solution_category(id, target);
            } else if let Some(listing) = builder.listing_mut(id) {
                match link.as_str() {
                    "category" => listing.categories.push(target),
                    "sector" => listing.sectors.push(target),
                    _ => listing.tags.push(target),
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
            let stage = decode_word(&row.try_get::<String, _>("stage")?)?;
            let need = row.try_get::<Option<String>, _>("need")?.as_deref().map(decode_word).transpose()?;
            if let Some(listing) = builder.listing_mut(id) {
                listing.stage = Some(stage);
                if let Some(need) = need {
                    listing.needs.push(need);
                }
            }
        }
    }
    Ok(builder)
}

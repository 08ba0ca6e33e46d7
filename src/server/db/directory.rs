//! The public directory, served from in-memory indexes (see `search::index`) kept in step with the
//! database.
//!
//! Every change to what the directory shows moves the `directory_version` counter in the same
//! transaction. Each read checks the counter (one indexed row) and rebuilds the indexes when it has
//! moved, so every app instance sees every change without talking to the others. A small directory
//! rebuilds before answering; a large one (a rebuild slower than a quarter second) keeps answering from
//! the previous indexes while new ones are built in the background.
mod organizations;
mod solutions;

use std::{
    sync::{
        Arc, RwLock,
        atomic::{AtomicU64, Ordering},
    },
    time::Instant,
};

use sqlx::AnyConnection;

use super::{Database, Engine};
use crate::{
    domain::{
        directory::{DirectorySort, NamedFacet},
        lang::{Lang, Translations},
        slug::Slug,
        taxonomy::{Category, Sector},
    },
    error::AppError,
    server::{
        search::index::{Order, SearchIndex},
        text::fold,
    },
};

pub use organizations::ListingCard;
pub use solutions::SolutionListing;

/// Rebuilds slower than this happen in the background, serving the previous indexes meanwhile.
const BACKGROUND_REBUILD_MS: u64 = 250;

/// Everything the public directory answers from, built at one directory version.
#[derive(Debug)]
pub struct Directory {
    pub organizations: SearchIndex<ListingCard>,
    pub solutions: SearchIndex<SolutionListing>,
    pub categories: Vec<Category>,
    pub sectors: Vec<Sector>,
    /// Forum panels by slug, named with their edition's year (panels recur from one edition to the next).
    pub panels: Vec<(Slug, Translations<String>)>,
}

/// The current directory of one app instance, shared by the clones of its `Database`.
#[derive(Default)]
pub(crate) struct DirectoryCache {
    current: RwLock<Option<Arc<Directory>>>,
    rebuilding: Arc<tokio::sync::Mutex<()>>,
    last_build_ms: AtomicU64,
}

/// Records, inside the caller's transaction, that what the directory shows has changed.
pub(super) async fn directory_changed(connection: &mut AnyConnection) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE directory_version SET version = version + 1 WHERE id = 1").execute(connection).await?;
    Ok(())
}

/// Commits a curated change to what the directory shows: every app instance sees it on its next read,
/// and the audit log records it in the same transaction (loading the demo data is recorded once, as a
/// whole, by the command line: its parts pass no record).
pub(super) async fn commit_directory_change<'a>(
    mut transaction: sqlx::Transaction<'_, sqlx::Any>,
    record: impl Into<Option<&'a super::AuditRecord<'a>>>,
    now: time::OffsetDateTime,
) -> Result<(), AppError> {
    directory_changed(&mut transaction).await?;
    if let Some(record) = record.into() {
        super::audit::append(&mut transaction, record, now).await?;
    }
    transaction.commit().await?;
    Ok(())
}

impl Database {
    /// The directory for the database's current directory version.
    pub async fn directory(&self) -> Result<Arc<Directory>, AppError> {
        let version: i64 =
            sqlx::query_scalar("SELECT version FROM directory_version WHERE id = 1").fetch_one(self.pool()).await?;
        let cached = self.directory.current.read().map(|current| current.clone()).unwrap_or_default();
        if let Some(directory) = &cached {
            if directory.organizations.version() == version {
                return Ok(directory.clone());
            }
            if self.directory.last_build_ms.load(Ordering::Relaxed) > BACKGROUND_REBUILD_MS {
                if let Ok(guard) = self.directory.rebuilding.clone().try_lock_owned() {
                    let db = self.clone();
                    tokio::spawn(async move {
                        if let Err(error) = db.rebuild_directory().await {
                            tracing::error!(%error, "rebuilding the directory failed");
                        }
                        drop(guard);
                    });
                }
                return Ok(directory.clone());
            }
        }
        let _guard = self.directory.rebuilding.lock().await;
        if let Some(directory) = self.directory.current.read().map(|current| current.clone()).unwrap_or_default()
            && directory.organizations.version() >= version
        {
            return Ok(directory);
        }
        self.rebuild_directory().await
    }

    /// Reads every published listing in one consistent snapshot and builds new indexes from it.
    async fn rebuild_directory(&self) -> Result<Arc<Directory>, AppError> {
        let started = Instant::now();
        let categories = self.categories().await?;
        let sectors = self.sectors().await?;
        let tags = self.tags().await?;
        let panels = self.panel_names().await?;
        let mut transaction = self.pool().begin().await?;
        let connection: &mut AnyConnection = &mut transaction;
        if self.engine() == Engine::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute(&mut *connection).await?;
        }
        let version: i64 = sqlx::query_scalar("SELECT version FROM directory_version WHERE id = 1")
            .fetch_one(&mut *connection)
            .await?;
        let mut organizations = organizations::load(connection).await?;
        let mut solutions = solutions::load(connection).await?;
        transaction.commit().await?;
        organizations::name_values(&mut organizations, &categories, &sectors, &tags);
        solutions::name_values(&mut solutions, &categories, &sectors);
        let (organizations, solutions) =
            tokio::task::spawn_blocking(move || (organizations.finish(version), solutions.finish(version)))
                .await
                .map_err(|error| {
                    tracing::error!(%error, "building the directory indexes panicked");
                    AppError::Internal
                })?;
        let directory = Arc::new(Directory { organizations, solutions, categories, sectors, panels });
        let elapsed = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.directory.last_build_ms.store(elapsed, Ordering::Relaxed);
        tracing::info!(version, listings = directory.organizations.len(), elapsed_ms = elapsed, "directory built");
        if let Ok(mut current) = self.directory.current.write() {
            *current = Some(directory.clone());
        }
        Ok(directory)
    }
}

impl Directory {
    /// The second-level category ids a category filter accepts: chosen ones, and the children of
    /// chosen top-level ones.
    fn chosen_categories(&self, slugs: &[Slug]) -> Vec<String> {
        self.categories
            .iter()
            .filter(|category| {
                let parent = category.parent_id.and_then(|id| self.categories.iter().find(|c| c.id == id));
                category.parent_id.is_some()
                    && slugs.iter().any(|slug| *slug == category.slug || parent.is_some_and(|p| p.slug == *slug))
            })
            .map(|category| category.id.to_string())
            .collect()
    }

    /// The sector ids chosen by slug.
    fn chosen_sectors(&self, slugs: &[Slug]) -> Vec<String> {
        self.sectors.iter().filter(|sector| slugs.contains(&sector.slug)).map(|sector| sector.id.to_string()).collect()
    }

    /// Category facets as a tree: `count` gives a category's count by id (children and parents alike).
    fn category_facets(&self, lang: Lang, chosen: &[Slug], count: impl Fn(bool, i64) -> u64) -> Vec<NamedFacet> {
        self.categories
            .iter()
            .filter(|category| category.parent_id.is_none())
            .map(|parent| {
                let children = self
                    .categories
                    .iter()
                    .filter(|child| child.parent_id == Some(parent.id))
                    .map(|child| named(&child.slug, &child.names, count(false, child.id), chosen, lang, Vec::new()))
                    .collect();
                named(&parent.slug, &parent.names, count(true, parent.id), chosen, lang, children)
            })
            .collect()
    }

    fn sector_facets(&self, lang: Lang, chosen: &[Slug], count: impl Fn(i64) -> u64) -> Vec<NamedFacet> {
        self.sectors
            .iter()
            .map(|sector| named(&sector.slug, &sector.names, count(sector.id), chosen, lang, Vec::new()))
            .collect()
    }

    /// Panels someone among the results takes part in, and the chosen ones.
    fn panel_facets(&self, lang: Lang, chosen: &[Slug], count: impl Fn(&str) -> u64) -> Vec<NamedFacet> {
        self.panels
            .iter()
            .map(|(slug, names)| named(slug, names, count(slug.as_str()), chosen, lang, Vec::new()))
            .filter(|facet| facet.count > 0 || facet.selected)
            .collect()
    }

    fn category_names(&self, ids: &[i64], lang: Lang) -> Vec<String> {
        ids.iter()
            .filter_map(|id| self.categories.iter().find(|category| category.id == *id))
            .filter_map(|category| category.names.pick(lang).map(|name| name.value.clone()))
            .take(3)
            .collect()
    }
}

fn named(
    slug: &Slug,
    names: &Translations<String>,
    count: u64,
    chosen: &[Slug],
    lang: Lang,
    children: Vec<NamedFacet>,
) -> NamedFacet {
    NamedFacet {
        slug: slug.clone(),
        name: names.pick(lang).map_or_else(|| slug.to_string(), |name| name.value.clone()),
        count,
        selected: chosen.contains(slug),
        children,
    }
}

/// The names a second-level category is searched by: its own, followed by its parent's, in each language.
fn category_search_names(categories: &[Category]) -> Vec<(i64, Translations<String>)> {
    categories
        .iter()
        .filter(|category| category.parent_id.is_some())
        .map(|child| {
            let parent = categories.iter().find(|category| Some(category.id) == child.parent_id);
            let names = child
                .names
                .iter()
                .map(|(lang, name)| {
                    let parent_name = parent.and_then(|parent| parent.names.get(lang)).cloned().unwrap_or_default();
                    (lang, format!("{name} {parent_name}"))
                })
                .collect();
            (child.id, names)
        })
        .collect()
}

/// Counts of every value of an enum facet, with the chosen ones marked.
fn facet_counts<T: Copy + PartialEq + ToString>(
    all: &[T],
    chosen: &[T],
    count: impl Fn(&str) -> u64,
) -> Vec<crate::domain::directory::FacetCount<T>> {
    all.iter()
        .map(|value| crate::domain::directory::FacetCount {
            value: *value,
            count: count(&value.to_string()),
            selected: chosen.contains(value),
        })
        .collect()
}

/// How the index orders results for an order asked in the URL.
fn order_of(sort: DirectorySort) -> Order {
    match sort {
        DirectorySort::Relevance => Order::Relevance,
        DirectorySort::Name => Order::Name,
        DirectorySort::Newest => Order::Newest,
        DirectorySort::Featured => Order::Featured,
    }
}

/// Values as the words the index keeps them as.
fn words<T: ToString>(values: &[T]) -> Vec<String> {
    values.iter().map(ToString::to_string).collect()
}

/// The folded name a reader of each language sees, for ordering by name.
fn sort_names(names: &[(Lang, String)]) -> [String; 3] {
    std::array::from_fn(|reader| {
        Lang::ALL[reader]
            .fallback_order()
            .into_iter()
            .find_map(|lang| names.iter().find(|(written, _)| *written == lang))
            .map(|(_, name)| fold(name))
            .unwrap_or_default()
    })
}

//! The public directory, answered from in-memory indexes (see `index`) kept in step with the database.
//!
//! Every change to what the directory shows moves the database's directory version in the same
//! transaction (see `db::directory`). Each question checks the version (one indexed row) and rebuilds
//! the indexes when it has moved, so every app instance sees every change without talking to the
//! others. A small directory rebuilds before answering; a large one (a rebuild slower than a quarter
//! second) keeps answering from the previous indexes while new ones are built in the background.
//! The repository only reads rows (into this module's readers); the answers are assembled here.
mod organizations;
mod showcase;
mod solutions;

use std::{
    sync::{
        Arc, RwLock,
        atomic::{AtomicU64, Ordering},
    },
    time::Instant,
};

use super::index::{Order, SearchIndex};
use crate::{
    domain::{
        directory::{DirectorySort, NamedFacet},
        lang::{Lang, Translations},
        slug::Slug,
        taxonomy::{Category, Sector},
    },
    error::AppError,
    server::{db::Database, text::fold},
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

/// Search over one app instance's directory: its current indexes, when to rebuild them, and the
/// answers to the public's questions. Cheap to clone; clones share the indexes.
#[derive(Clone)]
pub struct Search {
    db: Database,
    cache: Arc<DirectoryCache>,
}

impl std::fmt::Debug for Search {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let version =
            self.cache.current.read().ok().and_then(|current| current.as_ref().map(|d| d.organizations.version()));
        formatter.debug_struct("Search").field("version", &version).finish()
    }
}

#[derive(Default)]
struct DirectoryCache {
    current: RwLock<Option<Arc<Directory>>>,
    rebuilding: Arc<tokio::sync::Mutex<()>>,
    last_build_ms: AtomicU64,
}

impl Search {
    /// Search over a database's directory; nothing is built until the first question.
    pub fn new(db: Database) -> Search {
        Search { db, cache: Arc::default() }
    }

    /// The directory for the database's current directory version.
    pub async fn current(&self) -> Result<Arc<Directory>, AppError> {
        let version = self.db.directory_version().await?;
        let cached = self.cache.current.read().map(|current| current.clone()).unwrap_or_default();
        if let Some(directory) = &cached {
            if directory.organizations.version() == version {
                return Ok(directory.clone());
            }
            if self.cache.last_build_ms.load(Ordering::Relaxed) > BACKGROUND_REBUILD_MS {
                self.rebuild_in_background();
                return Ok(directory.clone());
            }
        }
        let _guard = self.cache.rebuilding.lock().await;
        if let Some(directory) = self.cache.current.read().map(|current| current.clone()).unwrap_or_default()
            && directory.organizations.version() >= version
        {
            return Ok(directory);
        }
        self.rebuild().await
    }

    /// Whether this instance has indexes to answer from: built at least once since it started.
    pub fn is_ready(&self) -> bool {
        self.cache.current.read().is_ok_and(|current| current.is_some())
    }

    /// Starts building the indexes unless they are built or being built, so that an instance that has
    /// just started builds them before its load balancer sends it visitors (see `/healthz`).
    pub fn warm_up(&self) {
        if !self.is_ready() {
            self.rebuild_in_background();
        }
    }

    /// Rebuilds on a task of its own, unless a rebuild is already under way.
    fn rebuild_in_background(&self) {
        if let Ok(guard) = self.cache.rebuilding.clone().try_lock_owned() {
            let search = self.clone();
            tokio::spawn(async move {
                if let Err(error) = search.rebuild().await {
                    tracing::error!(%error, "building the directory indexes failed");
                }
                drop(guard);
            });
        }
    }

    /// Reads every published listing in one consistent snapshot and builds new indexes from it.
    async fn rebuild(&self) -> Result<Arc<Directory>, AppError> {
        let started = Instant::now();
        let categories = self.db.categories().await?;
        let sectors = self.db.sectors().await?;
        let tags = self.db.tags().await?;
        let panels = self.db.panel_names().await?;
        let mut organizations = organizations::Reader::new(&categories);
        let mut solutions = solutions::Reader::new(&categories);
        let version = self.db.read_directory(&mut organizations, &mut solutions).await?;
        let organizations = organizations.finish(&categories, &sectors, &tags);
        let solutions = solutions.finish(&categories, &sectors);
        let (organizations, solutions) =
            tokio::task::spawn_blocking(move || (organizations.finish(version), solutions.finish(version)))
                .await
                .map_err(|error| {
                    tracing::error!(%error, "building the directory indexes panicked");
                    AppError::Internal
                })?;
        let directory = Arc::new(Directory { organizations, solutions, categories, sectors, panels });
        let elapsed = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.cache.last_build_ms.store(elapsed, Ordering::Relaxed);
        tracing::info!(version, listings = directory.organizations.len(), elapsed_ms = elapsed, "directory built");
        if let Ok(mut current) = self.cache.current.write() {
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

/// The parent of each second-level category, by id.
fn parents(categories: &[Category]) -> std::collections::HashMap<i64, i64> {
    categories.iter().filter_map(|category| Some((category.id, category.parent_id?))).collect()
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

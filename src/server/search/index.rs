//! The in-memory directory index: every published listing's words and facet values.
//!
//! Counting every facet under every other filter means looking at each matching listing once per
//! facet, which SQL engines cannot do in a few milliseconds at a hundred thousand listings; a compact
//! index in memory can. It is built from the database (see `db::directory`), tagged with the
//! database's directory version, never changed in place, and replaced whole when the version moves.
use std::collections::HashMap;

use super::{MIN_VARIANT_LEN, NAME_WEIGHT, TAXONOMY_WEIGHT, WordMatch, query_words, variants, words};
use crate::domain::{
    country::Country,
    directory::{DirectoryFacets, DirectoryQuery, DirectorySort, FacetCount, NamedFacet, PAGE_SIZE},
    lang::{Lang, Translations},
    organization::OrganizationKind,
    slug::Slug,
    startup::{StartupNeed, StartupStage},
    taxonomy::{Category, Sector, Tag},
};

/// The facts of one published listing the index needs, besides its words.
#[derive(Clone, Debug)]
pub struct ListingFacts {
    pub id: i64,
    pub slug: Slug,
    pub kind: OrganizationKind,
    pub country: Country,
    pub city: Option<String>,
    pub verified: bool,
    /// Seconds since the Unix epoch.
    pub created_at: i64,
    pub logo_version: Option<String>,
    pub stage: Option<StartupStage>,
    pub needs: Vec<StartupNeed>,
    /// Its own second-level categories, sectors and tags.
    pub categories: Vec<i64>,
    pub sectors: Vec<i64>,
    pub tags: Vec<i64>,
    /// Folded names for ordering by name, one per language (`Lang::ALL` order), each the name a reader
    /// of that language sees.
    pub sort_names: [String; 3],
}

/// A listing in the index. Facet values are also kept as small positions into the index's own lists,
/// so filtering and counting a hundred thousand listings is array arithmetic.
#[derive(Clone, Debug)]
pub struct Doc {
    pub id: i64,
    pub slug: Slug,
    pub kind: OrganizationKind,
    pub country: Country,
    pub verified: bool,
    pub logo_version: Option<String>,
    pub stage: Option<StartupStage>,
    /// Its own second-level category ids.
    pub categories: Vec<i64>,
    created_at: i64,
    /// Its place in the name order of each language.
    name_rank: [u32; 3],
    kind_at: u8,
    country_at: u8,
    city_at: Option<u32>,
    stage_at: Option<u8>,
    needs: u8,
    category_at: Vec<u16>,
    /// The distinct top-level categories of its categories.
    parent_at: Vec<u16>,
    sector_at: Vec<u16>,
}

#[derive(Clone, Copy, Debug)]
struct Posting {
    doc: u32,
    weight: u8,
}

/// A taxonomy value a word of its names leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Category(i64),
    Sector(i64),
    Tag(i64),
}

/// Collects listings and their words while they are read from the database.
#[derive(Default)]
pub struct IndexBuilder {
    listings: Vec<ListingFacts>,
    listing_words: Vec<Vec<(u32, u8)>>,
    /// Categories of each listing's solutions, which lead search words to it too.
    solution_categories: Vec<Vec<i64>>,
    position: HashMap<i64, usize>,
    word_ids: HashMap<String, u32>,
    spelled: Vec<String>,
}

impl IndexBuilder {
    pub fn add_listing(&mut self, facts: ListingFacts) {
        self.position.insert(facts.id, self.listings.len());
        self.listings.push(facts);
        self.listing_words.push(Vec::new());
        self.solution_categories.push(Vec::new());
    }

    /// Adds a text's words to a listing added before; texts of unknown listings are ignored.
    pub fn add_text(&mut self, listing_id: i64, text: &str, weight: u8) {
        let Some(&position) = self.position.get(&listing_id) else { return };
        for word in words(text) {
            let id = match self.word_ids.get(&word) {
                Some(id) => *id,
                None => {
                    let id = u32::try_from(self.spelled.len()).expect("fewer than 4 billion words");
                    self.spelled.push(word.clone());
                    self.word_ids.insert(word, id);
                    id
                }
            };
            self.listing_words[position].push((id, weight));
        }
    }

    pub fn add_solution_category(&mut self, listing_id: i64, category_id: i64) {
        if let Some(&position) = self.position.get(&listing_id) {
            self.solution_categories[position].push(category_id);
        }
    }

    /// Mutable access to a listing's facts, for details read after it was added.
    pub fn listing_mut(&mut self, listing_id: i64) -> Option<&mut ListingFacts> {
        self.position.get(&listing_id).map(|position| &mut self.listings[*position])
    }

    pub fn finish(self, version: i64, categories: Vec<Category>, sectors: Vec<Sector>, tags: &[Tag]) -> DirectoryIndex {
        let IndexBuilder { listings, listing_words, solution_categories, spelled, .. } = self;
        // Documents in name order, so ordering by name is the index's own order.
        let mut order: Vec<usize> = (0..listings.len()).collect();
        order.sort_by(|a, b| {
            listings[*a].sort_names[0].cmp(&listings[*b].sort_names[0]).then(listings[*a].id.cmp(&listings[*b].id))
        });
        let mut doc_of = vec![0u32; listings.len()];
        for (doc, position) in order.iter().enumerate() {
            doc_of[*position] = u32::try_from(doc).expect("fewer than 4 billion listings");
        }
        // Where each listing stands in each language's name order.
        let mut name_ranks = vec![[0u32; 3]; listings.len()];
        for language in 0..Lang::ALL.len() {
            let mut by_name: Vec<usize> = (0..listings.len()).collect();
            by_name.sort_by(|a, b| {
                listings[*a].sort_names[language]
                    .cmp(&listings[*b].sort_names[language])
                    .then(listings[*a].id.cmp(&listings[*b].id))
            });
            for (rank, position) in by_name.into_iter().enumerate() {
                name_ranks[position][language] = u32::try_from(rank).unwrap_or(u32::MAX);
            }
        }

        // Word ids in alphabetical order, so a prefix is a contiguous range.
        let mut alphabetical: Vec<u32> = (0..u32::try_from(spelled.len()).unwrap_or(u32::MAX)).collect();
        alphabetical.sort_by(|a, b| spelled[*a as usize].cmp(&spelled[*b as usize]));
        let mut rank = vec![0u32; spelled.len()];
        for (position, id) in alphabetical.iter().enumerate() {
            rank[*id as usize] = u32::try_from(position).unwrap_or(u32::MAX);
        }
        let mut vocabulary: Vec<String> = alphabetical.iter().map(|id| spelled[*id as usize].clone()).collect();
        let mut postings: Vec<Vec<Posting>> = vec![Vec::new(); vocabulary.len()];
        for (position, mut found) in listing_words.into_iter().enumerate() {
            // Each word once per listing, with its best weight.
            found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            found.dedup_by_key(|(word, _)| *word);
            for (word, weight) in found {
                postings[rank[word as usize] as usize].push(Posting { doc: doc_of[position], weight });
            }
        }
        for list in &mut postings {
            list.sort_unstable_by_key(|posting| posting.doc);
        }

        // Words of taxonomy names, leading to taxonomy values (a parent's words to each child).
        let mut targets_by_word: HashMap<String, Vec<Target>> = HashMap::new();
        let mut add_names = |names: &Translations<String>, target: Target| {
            for (_, name) in names.iter() {
                for word in words(name) {
                    let targets = targets_by_word.entry(word).or_default();
                    if !targets.contains(&target) {
                        targets.push(target);
                    }
                }
            }
        };
        for child in categories.iter().filter(|category| category.parent_id.is_some()) {
            add_names(&child.names, Target::Category(child.id));
            if let Some(parent) = categories.iter().find(|category| Some(category.id) == child.parent_id) {
                add_names(&parent.names, Target::Category(child.id));
            }
        }
        for sector in &sectors {
            add_names(&sector.names, Target::Sector(sector.id));
        }
        for tag in tags {
            add_names(&tag.names, Target::Tag(tag.id));
        }
        // Taxonomy words join the vocabulary (kept sorted) with no postings of their own.
        let mut extra: Vec<&String> =
            targets_by_word.keys().filter(|word| vocabulary.binary_search(word).is_err()).collect();
        extra.sort();
        if !extra.is_empty() {
            let mut merged: Vec<(String, Vec<Posting>)> = vocabulary.into_iter().zip(postings).collect();
            merged.extend(extra.into_iter().map(|word| (word.clone(), Vec::new())));
            merged.sort_by(|a, b| a.0.cmp(&b.0));
            (vocabulary, postings) = merged.into_iter().unzip();
        }
        let word_targets: Vec<Vec<Target>> =
            vocabulary.iter().map(|word| targets_by_word.get(word).cloned().unwrap_or_default()).collect();
        let mut near: HashMap<String, Vec<u32>> = HashMap::new();
        for (id, word) in vocabulary.iter().enumerate() {
            if word.len() >= MIN_VARIANT_LEN {
                for variant in variants(word) {
                    near.entry(variant).or_default().push(u32::try_from(id).unwrap_or(u32::MAX));
                }
            }
        }

        let mut cities: Vec<String> = Vec::new();
        let parents: Vec<i64> = categories.iter().filter(|c| c.parent_id.is_none()).map(|c| c.id).collect();
        let children: Vec<i64> = categories.iter().filter(|c| c.parent_id.is_some()).map(|c| c.id).collect();
        let sector_ids: Vec<i64> = sectors.iter().map(|sector| sector.id).collect();
        let parent_of: HashMap<i64, i64> =
            categories.iter().filter_map(|category| category.parent_id.map(|parent| (category.id, parent))).collect();
        let mut docs = Vec::with_capacity(listings.len());
        let mut taxonomy_docs: HashMap<Target, Vec<u32>> = HashMap::new();
        let mut listings: Vec<Option<ListingFacts>> = listings.into_iter().map(Some).collect();
        for (doc, position) in order.iter().enumerate() {
            let facts = listings[*position].take().expect("each listing once");
            let doc = u32::try_from(doc).unwrap_or(u32::MAX);
            let city = facts.city.map(|city| match cities.iter().position(|known| *known == city) {
                Some(index) => u32::try_from(index).unwrap_or(u32::MAX),
                None => {
                    cities.push(city);
                    u32::try_from(cities.len() - 1).unwrap_or(u32::MAX)
                }
            });
            let mut reachable: Vec<Target> = facts.categories.iter().map(|id| Target::Category(*id)).collect();
            reachable.extend(solution_categories[*position].iter().map(|id| Target::Category(*id)));
            reachable.extend(facts.sectors.iter().map(|id| Target::Sector(*id)));
            reachable.extend(facts.tags.iter().map(|id| Target::Tag(*id)));
            reachable.sort_by_key(target_key);
            reachable.dedup();
            for target in reachable {
                taxonomy_docs.entry(target).or_default().push(doc);
            }
            let mut category_at: Vec<u16> =
                facts.categories.iter().filter_map(|id| position_in(&children, *id)).collect();
            category_at.sort_unstable();
            category_at.dedup();
            let mut parent_at: Vec<u16> = facts
                .categories
                .iter()
                .filter_map(|id| parent_of.get(id))
                .filter_map(|parent| position_in(&parents, *parent))
                .collect();
            parent_at.sort_unstable();
            parent_at.dedup();
            let mut sector_at: Vec<u16> = facts.sectors.iter().filter_map(|id| position_in(&sector_ids, *id)).collect();
            sector_at.sort_unstable();
            sector_at.dedup();
            docs.push(Doc {
                id: facts.id,
                slug: facts.slug,
                kind: facts.kind,
                country: facts.country,
                verified: facts.verified,
                logo_version: facts.logo_version,
                stage: facts.stage,
                categories: facts.categories,
                created_at: facts.created_at,
                name_rank: name_ranks[*position],
                kind_at: position_of(OrganizationKind::ALL, facts.kind),
                country_at: position_of(Country::ALL, facts.country),
                city_at: city,
                stage_at: facts.stage.map(|stage| position_of(StartupStage::ALL, stage)),
                needs: facts.needs.iter().fold(0, |bits, need| bits | (1 << position_of(StartupNeed::ALL, *need))),
                category_at,
                parent_at,
                sector_at,
            });
        }
        let mut newest_first: Vec<u32> = (0..u32::try_from(docs.len()).unwrap_or(u32::MAX)).collect();
        newest_first.sort_by(|a, b| {
            let (a, b) = (&docs[*a as usize], &docs[*b as usize]);
            b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id))
        });
        DirectoryIndex {
            version,
            docs,
            newest_first,
            cities,
            vocabulary,
            postings,
            word_targets,
            near,
            taxonomy_docs,
            categories,
            parents,
            children,
            sector_ids,
            sectors,
        }
    }
}

fn target_key(target: &Target) -> (u8, i64) {
    match target {
        Target::Category(id) => (0, *id),
        Target::Sector(id) => (1, *id),
        Target::Tag(id) => (2, *id),
    }
}

impl std::hash::Hash for Target {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        target_key(self).hash(state);
    }
}

/// A value's position in its enum's list of values.
fn position_of<T: PartialEq>(all: &[T], value: T) -> u8 {
    u8::try_from(all.iter().position(|known| *known == value).unwrap_or(0)).unwrap_or(u8::MAX)
}

/// An id's position in one of the index's id lists.
fn position_in(ids: &[i64], id: i64) -> Option<u16> {
    ids.iter().position(|known| *known == id).and_then(|at| u16::try_from(at).ok())
}

/// Everything search needs, read-only.
#[derive(Debug)]
pub struct DirectoryIndex {
    version: i64,
    docs: Vec<Doc>,
    newest_first: Vec<u32>,
    cities: Vec<String>,
    vocabulary: Vec<String>,
    postings: Vec<Vec<Posting>>,
    word_targets: Vec<Vec<Target>>,
    /// Typo variants of vocabulary words (see `variants`), to the words.
    near: HashMap<String, Vec<u32>>,
    taxonomy_docs: HashMap<Target, Vec<u32>>,
    categories: Vec<Category>,
    /// Top-level and second-level category ids and sector ids, in the order of the positions docs keep.
    parents: Vec<i64>,
    children: Vec<i64>,
    sector_ids: Vec<i64>,
    sectors: Vec<Sector>,
}

/// The facets a listing can fail to match, as bits.
#[derive(Clone, Copy)]
#[repr(u8)]
enum Facet {
    Kind = 1,
    Country = 2,
    City = 4,
    Verified = 8,
    Stage = 16,
    Need = 32,
    Category = 64,
    Sector = 128,
}

/// A question's filters, resolved against the index: bit masks and flags by position.
struct Filter {
    kinds: u32,
    countries: u32,
    cities: Option<Vec<bool>>,
    verified_only: bool,
    stages: u32,
    needs: u8,
    categories: Option<Vec<bool>>,
    sectors: Option<Vec<bool>>,
}

impl Filter {
    fn fails(&self, doc: &Doc) -> u8 {
        let mut fails = 0;
        if self.kinds != 0 && self.kinds & (1 << doc.kind_at) == 0 {
            fails |= Facet::Kind as u8;
        }
        if self.countries != 0 && self.countries & (1 << doc.country_at) == 0 {
            fails |= Facet::Country as u8;
        }
        if let Some(cities) = &self.cities
            && !doc.city_at.is_some_and(|city| cities[city as usize])
        {
            fails |= Facet::City as u8;
        }
        if self.verified_only && !doc.verified {
            fails |= Facet::Verified as u8;
        }
        if self.stages != 0 && !doc.stage_at.is_some_and(|stage| self.stages & (1 << stage) != 0) {
            fails |= Facet::Stage as u8;
        }
        if self.needs != 0 && doc.needs & self.needs == 0 {
            fails |= Facet::Need as u8;
        }
        if let Some(categories) = &self.categories
            && !doc.category_at.iter().any(|at| categories[*at as usize])
        {
            fails |= Facet::Category as u8;
        }
        if let Some(sectors) = &self.sectors
            && !doc.sector_at.iter().any(|at| sectors[*at as usize])
        {
            fails |= Facet::Sector as u8;
        }
        fails
    }
}

/// Facet counts as they accumulate, by position.
struct Counts {
    kinds: Vec<u64>,
    countries: Vec<u64>,
    cities: Vec<u64>,
    verified: u64,
    stages: Vec<u64>,
    needs: Vec<u64>,
    categories: Vec<u64>,
    parents: Vec<u64>,
    sectors: Vec<u64>,
}

/// One result: which listing, and how it ranked.
#[derive(Clone, Copy, Debug)]
struct Ranked {
    doc: u32,
    score: u32,
    name_hits: u8,
}

/// What a search found: the total, the listings on the asked-for page, and the facets.
#[derive(Debug)]
pub struct Found<'a> {
    pub total: u64,
    pub page: Vec<&'a Doc>,
    pub facets: DirectoryFacets,
    /// The search words with the indexed words each found, for highlighting.
    pub words: Vec<WordMatch>,
}

impl DirectoryIndex {
    pub fn version(&self) -> i64 {
        self.version
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// The city of a listing in the index.
    pub fn city(&self, doc: &Doc) -> Option<&str> {
        doc.city_at.map(|city| self.cities[city as usize].as_str())
    }

    /// Answers a directory question.
    pub fn search(&self, query: &DirectoryQuery, lang: Lang) -> Found<'_> {
        let mut words = query_words(&query.text);
        let filter = self.filter(query);
        let mut counts = Counts {
            kinds: vec![0; OrganizationKind::ALL.len()],
            countries: vec![0; Country::ALL.len()],
            cities: vec![0; self.cities.len()],
            verified: 0,
            stages: vec![0; StartupStage::ALL.len()],
            needs: vec![0; StartupNeed::ALL.len()],
            categories: vec![0; self.children.len()],
            parents: vec![0; self.parents.len()],
            sectors: vec![0; self.sector_ids.len()],
        };
        let mut selected: Vec<Ranked> = Vec::new();
        let mut visit = |ranked: Ranked| {
            let doc = &self.docs[ranked.doc as usize];
            let fails = filter.fails(doc);
            if fails == 0 {
                selected.push(ranked);
                self.count(&mut counts, doc, None);
            } else if fails.is_power_of_two() {
                self.count(&mut counts, doc, Some(fails));
            }
        };
        if words.is_empty() {
            for doc in 0..self.docs.len() {
                visit(Ranked { doc: u32::try_from(doc).unwrap_or(u32::MAX), score: 0, name_hits: 0 });
            }
        } else {
            for ranked in self.matching(&mut words) {
                visit(ranked);
            }
        }
        let sort = match query.effective_sort() {
            DirectorySort::Relevance if words.is_empty() => DirectorySort::Name,
            sort => sort,
        };
        let language = Lang::ALL.iter().position(|known| *known == lang).unwrap_or(0);
        let order = |a: &Ranked, b: &Ranked| match sort {
            // Listings with a search word in their name first, then by score; name order breaks ties.
            DirectorySort::Relevance => (b.name_hits > 0).cmp(&(a.name_hits > 0)).then(b.score.cmp(&a.score)).then(
                self.docs[a.doc as usize].name_rank[language].cmp(&self.docs[b.doc as usize].name_rank[language]),
            ),
            DirectorySort::Name => {
                self.docs[a.doc as usize].name_rank[language].cmp(&self.docs[b.doc as usize].name_rank[language])
            }
            DirectorySort::Newest => {
                let (a, b) = (&self.docs[a.doc as usize], &self.docs[b.doc as usize]);
                b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id))
            }
        };
        let total = selected.len() as u64;
        let start =
            usize::try_from(query.page.saturating_sub(1)).unwrap_or(usize::MAX).saturating_mul(PAGE_SIZE as usize);
        let end = start.saturating_add(PAGE_SIZE as usize);
        // Without words, listings were visited in Azerbaijani name order already. Otherwise only the
        // listings up to the asked-for page need to be put in order.
        if !(sort == DirectorySort::Name && words.is_empty() && lang == Lang::Az) {
            if selected.len() > end {
                selected.select_nth_unstable_by(end - 1, order);
                selected.truncate(end);
            }
            selected.sort_unstable_by(order);
        }
        let page = selected
            .iter()
            .skip(start)
            .take(PAGE_SIZE as usize)
            .map(|ranked| &self.docs[ranked.doc as usize])
            .collect();
        Found { total, page, facets: self.facets(counts, query, lang), words }
    }

    /// The most recently created listings, newest first.
    pub fn newest(&self, count: usize) -> Vec<&Doc> {
        self.newest_first.iter().take(count).map(|doc| &self.docs[*doc as usize]).collect()
    }

    fn filter(&self, query: &DirectoryQuery) -> Filter {
        let mask = |positions: &mut dyn Iterator<Item = u8>| positions.fold(0u32, |bits, at| bits | (1 << at));
        let chosen_categories = |slugs: &[Slug]| -> Vec<bool> {
            self.children
                .iter()
                .map(|id| {
                    let category = self.categories.iter().find(|category| category.id == *id);
                    let parent =
                        category.and_then(|c| c.parent_id).and_then(|p| self.categories.iter().find(|c| c.id == p));
                    slugs.iter().any(|slug| {
                        category.is_some_and(|c| c.slug == *slug) || parent.is_some_and(|p| p.slug == *slug)
                    })
                })
                .collect()
        };
        Filter {
            kinds: mask(&mut query.kinds.iter().map(|kind| position_of(OrganizationKind::ALL, *kind))),
            countries: mask(&mut query.countries.iter().map(|country| position_of(Country::ALL, *country))),
            cities: (!query.cities.is_empty())
                .then(|| self.cities.iter().map(|city| query.cities.contains(city)).collect()),
            verified_only: query.verified_only,
            stages: mask(&mut query.stages.iter().map(|stage| position_of(StartupStage::ALL, *stage))),
            needs: query.needs.iter().fold(0, |bits, need| bits | (1 << position_of(StartupNeed::ALL, *need))),
            categories: (!query.categories.is_empty()).then(|| chosen_categories(&query.categories)),
            sectors: (!query.sectors.is_empty())
                .then(|| self.sectors.iter().map(|sector| query.sectors.contains(&sector.slug)).collect()),
        }
    }

    /// Listings that have every search word somewhere, scored. Fills in each word's near words.
    fn matching(&self, words: &mut [WordMatch]) -> Vec<Ranked> {
        let count = self.docs.len();
        let mut matched_words = vec![0u8; count];
        let mut scores = vec![0u32; count];
        let mut name_hits = vec![0u8; count];
        let mut best = vec![0u16; count];
        let mut in_name = vec![false; count];
        for word in words.iter_mut() {
            best.iter_mut().for_each(|score| *score = 0);
            in_name.iter_mut().for_each(|flag| *flag = false);
            for (id, quality) in self.candidates(word) {
                for posting in &self.postings[id] {
                    let doc = posting.doc as usize;
                    best[doc] = best[doc].max(u16::from(posting.weight) * quality);
                    in_name[doc] |= posting.weight >= NAME_WEIGHT;
                }
                for target in &self.word_targets[id] {
                    for doc in self.taxonomy_docs.get(target).into_iter().flatten() {
                        let doc = *doc as usize;
                        best[doc] = best[doc].max(u16::from(TAXONOMY_WEIGHT) * quality);
                    }
                }
            }
            for doc in 0..count {
                if best[doc] > 0 {
                    matched_words[doc] += 1;
                    scores[doc] += u32::from(best[doc]);
                    name_hits[doc] += u8::from(in_name[doc]);
                }
            }
        }
        let wanted = u8::try_from(words.len()).unwrap_or(u8::MAX);
        (0..count)
            .filter(|doc| matched_words[*doc] == wanted)
            .map(|doc| Ranked {
                doc: u32::try_from(doc).unwrap_or(u32::MAX),
                score: scores[doc],
                name_hits: name_hits[doc],
            })
            .collect()
    }

    /// Vocabulary words a search word finds, with the quality of the match: 3 equal, 2 a prefix,
    /// 1 a typo away. Records the typo matches on the word.
    fn candidates(&self, word: &mut WordMatch) -> Vec<(usize, u16)> {
        let mut found = Vec::new();
        let start = self.vocabulary.partition_point(|known| known.as_str() < word.word.as_str());
        match word.prefix_end() {
            Some(end) => {
                let stop = self.vocabulary.partition_point(|known| known.as_str() < end.as_str());
                found.extend((start..stop).map(|id| (id, if self.vocabulary[id] == word.word { 3 } else { 2 })));
            }
            None if self.vocabulary.get(start) == Some(&word.word) => found.push((start, 3)),
            None => {}
        }
        if word.forgives_typos() {
            let mut near: Vec<usize> = variants(&word.word)
                .iter()
                .filter_map(|variant| self.near.get(variant))
                .flatten()
                .map(|id| *id as usize)
                .collect();
            near.sort_unstable();
            near.dedup();
            word.keep_near(near.iter().map(|id| self.vocabulary[*id].clone()));
            found.extend(near.into_iter().filter(|id| word.near.contains(&self.vocabulary[*id])).map(|id| (id, 1)));
        }
        found
    }

    /// Adds a listing to the counts: to every facet, or only to the one facet it fails.
    fn count(&self, counts: &mut Counts, doc: &Doc, only: Option<u8>) {
        let wants = |facet: Facet| only.is_none_or(|bit| bit == facet as u8);
        if wants(Facet::Kind) {
            counts.kinds[doc.kind_at as usize] += 1;
        }
        if wants(Facet::Country) {
            counts.countries[doc.country_at as usize] += 1;
        }
        if wants(Facet::City)
            && let Some(city) = doc.city_at
        {
            counts.cities[city as usize] += 1;
        }
        if wants(Facet::Verified) && doc.verified {
            counts.verified += 1;
        }
        if wants(Facet::Stage)
            && let Some(stage) = doc.stage_at
        {
            counts.stages[stage as usize] += 1;
        }
        if wants(Facet::Need) {
            for (at, count) in counts.needs.iter_mut().enumerate() {
                *count += u64::from(doc.needs >> at & 1);
            }
        }
        if wants(Facet::Category) {
            for at in &doc.category_at {
                counts.categories[*at as usize] += 1;
            }
            for at in &doc.parent_at {
                counts.parents[*at as usize] += 1;
            }
        }
        if wants(Facet::Sector) {
            for at in &doc.sector_at {
                counts.sectors[*at as usize] += 1;
            }
        }
    }

    fn facets(&self, counts: Counts, query: &DirectoryQuery, lang: Lang) -> DirectoryFacets {
        fn facet<T: Copy + PartialEq>(all: &[T], counts: &[u64], chosen: &[T]) -> Vec<FacetCount<T>> {
            all.iter()
                .zip(counts)
                .map(|(value, count)| FacetCount { value: *value, count: *count, selected: chosen.contains(value) })
                .collect()
        }
        let named = |slug: &Slug, names: &Translations<String>, count: u64, children: Vec<NamedFacet>| NamedFacet {
            slug: slug.clone(),
            name: names.pick(lang).map_or_else(|| slug.to_string(), |name| name.value.clone()),
            count,
            selected: query.categories.contains(slug) || query.sectors.contains(slug),
            children,
        };
        let count_of = |ids: &[i64], counts: &[u64], id: i64| position_in(ids, id).map_or(0, |at| counts[at as usize]);
        let categories = self
            .categories
            .iter()
            .filter(|category| category.parent_id.is_none())
            .map(|parent| {
                let children = self
                    .categories
                    .iter()
                    .filter(|child| child.parent_id == Some(parent.id))
                    .map(|child| {
                        named(
                            &child.slug,
                            &child.names,
                            count_of(&self.children, &counts.categories, child.id),
                            Vec::new(),
                        )
                    })
                    .collect();
                named(&parent.slug, &parent.names, count_of(&self.parents, &counts.parents, parent.id), children)
            })
            .collect();
        let sectors = self
            .sectors
            .iter()
            .map(|sector| {
                named(&sector.slug, &sector.names, count_of(&self.sector_ids, &counts.sectors, sector.id), Vec::new())
            })
            .collect();
        let mut cities: Vec<FacetCount<String>> = self
            .cities
            .iter()
            .zip(&counts.cities)
            .filter(|(city, count)| **count > 0 || query.cities.contains(city))
            .map(|(city, count)| FacetCount {
                selected: query.cities.contains(city),
                value: city.clone(),
                count: *count,
            })
            .collect();
        for city in &query.cities {
            if !cities.iter().any(|known| known.value == *city) {
                cities.push(FacetCount { value: city.clone(), count: 0, selected: true });
            }
        }
        cities.sort_by(|a, b| b.selected.cmp(&a.selected).then(b.count.cmp(&a.count)).then(a.value.cmp(&b.value)));
        cities.truncate(12.max(query.cities.len()));
        DirectoryFacets {
            kinds: facet(OrganizationKind::ALL, &counts.kinds, &query.kinds),
            categories,
            sectors,
            countries: facet(Country::ALL, &counts.countries, &query.countries),
            cities,
            stages: facet(StartupStage::ALL, &counts.stages, &query.stages),
            needs: facet(StartupNeed::ALL, &counts.needs, &query.needs),
            verified: FacetCount { value: true, count: counts.verified, selected: query.verified_only },
        }
    }
}

//! An in-memory faceted search index: documents with words and facet values.
//!
//! Counting every facet under every other filter means looking at each matching document once per
//! facet, which SQL engines cannot do in a few milliseconds at a hundred thousand documents; a compact
//! index in memory can. Indexes are built from the database (see `directory`), tagged with the
//! database's directory version, never changed in place, and replaced whole when the version moves.
//!
//! The engine knows nothing of organizations or solutions: a document has an id, a payload for
//! display, words with weights, and values along named dimensions (kind, country, category…).
//! Dimensions in the same group filter and count together (a category filter also narrows the
//! parent-category counts), and a document passes a filtered group when it has any chosen value.
mod build;

use std::collections::HashMap;

use super::{NAME_WEIGHT, TAXONOMY_WEIGHT, WordMatch, query_words, variants};
use crate::domain::lang::Lang;
pub use build::{DocumentInput, IndexBuilder};

/// A dimension documents take values along.
#[derive(Clone, Copy, Debug)]
pub struct Dimension {
    pub name: &'static str,
    /// Filter group, 0 to 15: a document failing a group's filter is still counted for that group.
    /// `None` for dimensions used only to lead search words to documents (tags, solution categories).
    pub group: Option<u8>,
}

/// An indexed document.
#[derive(Clone, Debug)]
pub struct Doc<P> {
    pub id: i64,
    pub payload: P,
    listed_at: i64,
    name_rank: [u32; 3],
    featured: Option<i64>,
}

/// Every document's values along one dimension, packed: document `d` has
/// `values[offsets[d]..offsets[d + 1]]`, as positions into the dimension's distinct values.
#[derive(Clone, Debug, Default)]
struct Column {
    offsets: Vec<u32>,
    values: Vec<u16>,
}

impl Column {
    fn of(&self, doc: usize) -> &[u16] {
        &self.values[self.offsets[doc] as usize..self.offsets[doc + 1] as usize]
    }
}

#[derive(Clone, Copy, Debug)]
struct Posting {
    doc: u32,
    weight: u8,
}

/// An index, read-only once built.
#[derive(Debug)]
pub struct SearchIndex<P> {
    version: i64,
    dimensions: &'static [Dimension],
    docs: Vec<Doc<P>>,
    position: HashMap<i64, usize>,
    columns: Vec<Column>,
    values: Vec<Vec<String>>,
    /// Per dimension, each distinct value's position in `values`: a question's values are looked up,
    /// never searched for.
    value_ids: Vec<HashMap<String, u16>>,
    value_docs: Vec<Vec<Vec<u32>>>,
    vocabulary: Vec<String>,
    postings: Vec<Vec<Posting>>,
    /// Per vocabulary word, the dimension values whose names contain it.
    word_targets: Vec<Vec<(u8, u16)>>,
    /// Typo variants of vocabulary words (see `variants`), to the words.
    near: HashMap<String, Vec<u32>>,
    /// Per language, every document in name order; and every document newest first. With no search
    /// words these are the result orders, so a page is a slice rather than a sort.
    name_orders: Vec<Vec<u32>>,
    newest_order: Vec<u32>,
    /// The facet counts of the whole index: the answer to the question with no words and no filters,
    /// which is the most asked (every directory visit starts there).
    all_counts: Vec<Vec<u64>>,
}

/// The order of results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Documents with a search word in their name first, then by score; name order breaks ties.
    Relevance,
    Name,
    Newest,
    /// Featured documents first, in their set order; the rest by name.
    Featured,
}

/// A question to an index.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    pub text: &'a str,
    /// Per dimension, the positions of the accepted values; `None` when the dimension is not filtered.
    pub filters: Vec<Option<Vec<u16>>>,
    pub order: Order,
    pub lang: Lang,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

/// What a search found: the total, the documents of the asked-for page, and per dimension how many
/// documents each value would give.
#[derive(Debug)]
pub struct Outcome<'a, P> {
    pub total: u64,
    pub page: Vec<&'a Doc<P>>,
    pub counts: Vec<Vec<u64>>,
    /// The search words with the indexed words each found, for highlighting.
    pub words: Vec<WordMatch>,
}

/// One result: which document, and how it ranked.
#[derive(Clone, Copy, Debug)]
struct Ranked {
    doc: u32,
    score: u32,
    name_hits: u8,
}

impl<P> SearchIndex<P> {
    pub fn version(&self) -> i64 {
        self.version
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn docs(&self) -> &[Doc<P>] {
        &self.docs
    }

    /// A document by its id.
    pub fn doc(&self, id: i64) -> Option<&Doc<P>> {
        self.position.get(&id).map(|at| &self.docs[*at])
    }

    /// The distinct values along a dimension, in the order positions refer to.
    pub fn values(&self, dimension: usize) -> &[String] {
        &self.values[dimension]
    }

    /// The position of a value along a dimension, if any document has it.
    pub fn position_of(&self, dimension: usize, value: &str) -> Option<u16> {
        self.value_ids[dimension].get(value).copied()
    }

    /// The most recently created documents, newest first.
    /// A filter along a dimension when the question names it (`asked`): the positions of the values it
    /// accepts. A named filter with no known value filters everything out rather than nothing.
    pub fn filter(&self, dimension: usize, asked: bool, values: &[String]) -> Option<Vec<u16>> {
        asked.then(|| values.iter().filter_map(|value| self.position_of(dimension, value)).collect())
    }

    pub fn newest(&self, count: usize) -> Vec<&Doc<P>> {
        self.newest_order.iter().take(count).map(|doc| &self.docs[*doc as usize]).collect()
    }

    pub fn search(&self, request: &Request<'_>) -> Outcome<'_, P> {
        let mut words = query_words(request.text);
        // The filtered dimensions: which values each accepts, and the group bit it fails.
        let filters: Vec<(usize, u16, Vec<bool>)> = request
            .filters
            .iter()
            .enumerate()
            .filter_map(|(dimension, accepted)| {
                let group = self.dimensions[dimension].group?;
                let accepted = accepted.as_ref()?;
                let mut mask = vec![false; self.values[dimension].len()];
                for value in accepted {
                    if let Some(flag) = mask.get_mut(usize::from(*value)) {
                        *flag = true;
                    }
                }
                Some((dimension, 1 << group, mask))
            })
            .collect();
        // The counted dimensions, with their group bits.
        let counted: Vec<(usize, u16)> = self
            .dimensions
            .iter()
            .enumerate()
            .filter_map(|(dimension, described)| described.group.map(|group| (dimension, 1 << group)))
            .collect();
        let order = match request.order {
            Order::Relevance if words.is_empty() => Order::Name,
            order => order,
        };
        let language = Lang::ALL.iter().position(|known| *known == request.lang).unwrap_or(0);
        let page_size = request.page_size as usize;
        let start = usize::try_from(request.page.saturating_sub(1)).unwrap_or(usize::MAX).saturating_mul(page_size);
        let end = start.saturating_add(page_size);
        // No words and no filters: everything, in an order kept ready, with the counts kept ready.
        let ready_order = match order {
            Order::Name => Some(&self.name_orders[language]),
            Order::Newest => Some(&self.newest_order),
            Order::Relevance | Order::Featured => None,
        };
        if let Some(ready_order) = ready_order.filter(|_| words.is_empty() && filters.is_empty()) {
            let page = ready_order.iter().skip(start).take(end - start).map(|doc| &self.docs[*doc as usize]).collect();
            return Outcome { total: self.docs.len() as u64, page, counts: self.all_counts.clone(), words };
        }
        let mut counts: Vec<Vec<u64>> = self.values.iter().map(|found| vec![0; found.len()]).collect();
        let mut selected: Vec<Ranked> = Vec::new();
        let mut visit = |ranked: Ranked| {
            let doc = ranked.doc as usize;
            let mut fails = 0u16;
            for (dimension, bit, accepted) in &filters {
                if !self.columns[*dimension].of(doc).iter().any(|value| accepted[usize::from(*value)]) {
                    fails |= bit;
                }
            }
            if fails == 0 {
                selected.push(ranked);
            }
            // A document failing one group is still counted for that group: it is what choosing there adds.
            if fails.count_ones() <= 1 {
                for (dimension, bit) in &counted {
                    if fails == 0 || fails == *bit {
                        for value in self.columns[*dimension].of(doc) {
                            counts[*dimension][usize::from(*value)] += 1;
                        }
                    }
                }
            }
        };
        if words.is_empty() {
            // In the reader's name order, so that a name-ordered page needs no sorting.
            for doc in &self.name_orders[language] {
                visit(Ranked { doc: *doc, score: 0, name_hits: 0 });
            }
        } else {
            for ranked in self.matching(&mut words) {
                visit(ranked);
            }
        }
        let by_name = |a: &Ranked, b: &Ranked| {
            self.docs[a.doc as usize].name_rank[language].cmp(&self.docs[b.doc as usize].name_rank[language])
        };
        let compare = |a: &Ranked, b: &Ranked| match order {
            Order::Relevance => {
                (b.name_hits > 0).cmp(&(a.name_hits > 0)).then(b.score.cmp(&a.score)).then(by_name(a, b))
            }
            Order::Name => by_name(a, b),
            Order::Newest => {
                let (a, b) = (&self.docs[a.doc as usize], &self.docs[b.doc as usize]);
                b.listed_at.cmp(&a.listed_at).then(b.id.cmp(&a.id))
            }
            Order::Featured => {
                let (first, second) = (self.docs[a.doc as usize].featured, self.docs[b.doc as usize].featured);
                match (first, second) {
                    (Some(first), Some(second)) => first.cmp(&second),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
                .then(by_name(a, b))
            }
        };
        let total = selected.len() as u64;
        // Without words, documents were visited in the reader's name order already. Otherwise only the
        // documents up to the asked-for page need to be put in order; none when only counts were asked for.
        if end == 0 {
            selected.clear();
        } else if !(order == Order::Name && words.is_empty()) {
            if selected.len() > end {
                selected.select_nth_unstable_by(end - 1, compare);
                selected.truncate(end);
            }
            selected.sort_unstable_by(compare);
        }
        let page = selected.iter().skip(start).take(page_size).map(|ranked| &self.docs[ranked.doc as usize]).collect();
        Outcome { total, page, counts, words }
    }

    /// Documents that have every search word somewhere, scored. Fills in each word's near words.
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
                for (dimension, value) in &self.word_targets[id] {
                    for doc in &self.value_docs[usize::from(*dimension)][usize::from(*value)] {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Translations;

    const DIMENSIONS: &[Dimension] = &[
        Dimension { name: "colour", group: Some(0) },
        Dimension { name: "size", group: Some(1) },
        Dimension { name: "shade", group: Some(0) },
    ];

    fn document(id: i64, name: &str, colour: &str, sizes: &[&str]) -> DocumentInput<&'static str> {
        DocumentInput {
            id,
            listed_at: id,
            sort_names: [name.to_owned(), name.to_owned(), name.to_owned()],
            featured: (id == 3).then_some(1),
            values: vec![
                vec![colour.to_owned()],
                sizes.iter().map(|size| (*size).to_owned()).collect(),
                vec![format!("{colour}ish")],
            ],
            payload: "",
        }
    }

    fn index() -> SearchIndex<&'static str> {
        let mut builder = IndexBuilder::new(DIMENSIONS);
        for (id, name, colour, sizes) in
            [(1, "alpha", "red", &["s", "m"][..]), (2, "bravo", "red", &["l"]), (3, "charlie", "blue", &["m"])]
        {
            builder.add_document(document(id, name, colour, sizes));
            builder.add_text(id, name, NAME_WEIGHT);
        }
        builder.add_value_names(0, "blue".to_owned(), Translations::new().with(Lang::En, "Ocean blue".to_owned()));
        builder.finish(7)
    }

    fn request(text: &str, filters: Vec<Option<Vec<u16>>>) -> Request<'_> {
        Request { text, filters, order: Order::Name, lang: Lang::En, page: 1, page_size: 10 }
    }

    #[test]
    fn facets_count_what_each_choice_would_give() {
        let index = index();
        let red = index.position_of(0, "red").unwrap();
        let outcome = index.search(&request("", vec![Some(vec![red]), None, None]));
        let ids: Vec<i64> = outcome.page.iter().map(|doc| doc.id).collect();
        assert_eq!(ids, [1, 2]);
        assert_eq!(outcome.counts[0][usize::from(red)], 2);
        let blue = index.position_of(0, "blue").unwrap();
        assert_eq!(outcome.counts[0][usize::from(blue)], 1, "the colour facet is counted without its own filter");
        let medium = index.position_of(1, "m").unwrap();
        assert_eq!(outcome.counts[1][usize::from(medium)], 1, "other facets follow the filter");
        assert_eq!(
            outcome.counts[2][usize::from(index.position_of(2, "blueish").unwrap())],
            1,
            "same group, same rule"
        );
    }

    #[test]
    fn value_names_lead_words_to_documents_and_orders_hold() {
        let index = index();
        let found = index.search(&request("ocean", vec![None, None, None]));
        assert_eq!(found.page.iter().map(|doc| doc.id).collect::<Vec<_>>(), [3]);
        let featured = index.search(&Request { order: Order::Featured, ..request("", vec![None, None, None]) });
        assert_eq!(featured.page.iter().map(|doc| doc.id).collect::<Vec<_>>(), [3, 1, 2]);
        let newest =
            index.search(&Request { order: Order::Newest, page_size: 2, ..request("", vec![None, None, None]) });
        assert_eq!(newest.page.iter().map(|doc| doc.id).collect::<Vec<_>>(), [3, 2]);
        assert_eq!(newest.total, 3);
        assert_eq!(index.version(), 7);
    }

    #[test]
    fn counts_alone_need_no_page() {
        let index = index();
        let outcome = index.search(&Request { page_size: 0, ..request("", vec![None, None, None]) });
        assert!(outcome.page.is_empty());
        assert_eq!(outcome.total, 3);
        assert_eq!(outcome.counts[0].iter().sum::<u64>(), 3);
    }

    #[test]
    fn the_question_without_words_or_filters_answers_like_any_other() {
        let index = index();
        let every_colour: Vec<u16> = (0..index.values(0).len()).map(|at| u16::try_from(at).unwrap()).collect();
        for order in [Order::Name, Order::Newest, Order::Relevance] {
            for page in [1, 2] {
                let ready = index.search(&Request { order, page, page_size: 2, ..request("", vec![None, None, None]) });
                let computed = index.search(&Request {
                    order,
                    page,
                    page_size: 2,
                    ..request("", vec![Some(every_colour.clone()), None, None])
                });
                let ids = |outcome: &Outcome<'_, &str>| outcome.page.iter().map(|doc| doc.id).collect::<Vec<_>>();
                assert_eq!(ids(&ready), ids(&computed), "{order:?} page {page}");
                assert_eq!((ready.total, &ready.counts), (computed.total, &computed.counts), "{order:?}");
            }
        }
    }
}

//! Building an index: documents, their words and the names of their values are collected while
//! they are read, then packed into columns, postings and orders once.
use std::collections::HashMap;

use super::{Column, Dimension, Doc, Posting, SearchIndex};
use crate::{
    domain::lang::{Lang, Translations},
    server::search::{MIN_VARIANT_LEN, variants, words},
};

/// A document as it is read, before indexing.
#[derive(Clone, Debug)]
pub struct DocumentInput<P> {
    pub id: i64,
    /// When it was listed (published), in seconds since the Unix epoch; what "newest" orders by.
    pub listed_at: i64,
    /// Folded names for ordering by name, one per language (`Lang::ALL` order).
    pub sort_names: [String; 3],
    /// Place among featured documents, first first.
    pub featured: Option<i64>,
    /// Values along each dimension (by position in the index's dimensions).
    pub values: Vec<Vec<String>>,
    pub payload: P,
}

/// Collects documents and their words while they are read from the database.
pub struct IndexBuilder<P> {
    dimensions: &'static [Dimension],
    documents: Vec<DocumentInput<P>>,
    document_words: Vec<Vec<(u32, u8)>>,
    position: HashMap<i64, usize>,
    word_ids: HashMap<String, u32>,
    spelled: Vec<String>,
    /// Names of dimension values (categories, sectors, tags), whose words lead to documents.
    value_names: Vec<(usize, String, Translations<String>)>,
}

impl<P> IndexBuilder<P> {
    pub fn new(dimensions: &'static [Dimension]) -> Self {
        IndexBuilder {
            dimensions,
            documents: Vec::new(),
            document_words: Vec::new(),
            position: HashMap::new(),
            word_ids: HashMap::new(),
            spelled: Vec::new(),
            value_names: Vec::new(),
        }
    }

    pub fn add_document(&mut self, document: DocumentInput<P>) {
        self.position.insert(document.id, self.documents.len());
        self.documents.push(document);
        self.document_words.push(Vec::new());
    }

    /// A document added before, to complete with what is read later; `None` for unknown ids.
    pub fn document_mut(&mut self, id: i64) -> Option<&mut DocumentInput<P>> {
        self.position.get(&id).map(|position| &mut self.documents[*position])
    }

    /// Adds a value to a document along a dimension.
    pub fn add_value(&mut self, id: i64, dimension: usize, value: String) {
        if let Some(document) = self.document_mut(id) {
            document.values[dimension].push(value);
        }
    }

    /// Adds a text's words to a document; texts of unknown documents are ignored.
    pub fn add_text(&mut self, id: i64, text: &str, weight: u8) {
        let Some(&position) = self.position.get(&id) else { return };
        for word in words(text) {
            let word_id = match self.word_ids.get(&word) {
                Some(word_id) => *word_id,
                None => {
                    let word_id = u32::try_from(self.spelled.len()).expect("fewer than 4 billion words");
                    self.spelled.push(word.clone());
                    self.word_ids.insert(word, word_id);
                    word_id
                }
            };
            self.document_words[position].push((word_id, weight));
        }
    }

    /// Lets the words of a value's names (in every language) find the documents with that value.
    pub fn add_value_names(&mut self, dimension: usize, value: String, names: Translations<String>) {
        self.value_names.push((dimension, value, names));
    }

    pub fn finish(self, version: i64) -> SearchIndex<P> {
        let IndexBuilder { dimensions, documents, document_words, spelled, value_names, .. } = self;
        // Documents in Azerbaijani name order; each also knows its place in the other languages' orders.
        let mut name_ranks = vec![[0u32; 3]; documents.len()];
        let mut order: Vec<usize> = Vec::new();
        for (language, _) in Lang::ALL.iter().enumerate() {
            let mut by_name: Vec<usize> = (0..documents.len()).collect();
            by_name.sort_by(|a, b| {
                let (a, b) = (&documents[*a], &documents[*b]);
                a.sort_names[language].cmp(&b.sort_names[language]).then(a.id.cmp(&b.id))
            });
            for (rank, position) in by_name.iter().enumerate() {
                name_ranks[*position][language] = u32::try_from(rank).unwrap_or(u32::MAX);
            }
            if language == 0 {
                order = by_name;
            }
        }
        let mut doc_of = vec![0u32; documents.len()];
        for (doc, position) in order.iter().enumerate() {
            doc_of[*position] = u32::try_from(doc).expect("fewer than 4 billion documents");
        }

        // Each dimension's distinct values, and every document's values as positions into them.
        let mut values: Vec<Vec<String>> = vec![Vec::new(); dimensions.len()];
        let mut value_ids: Vec<HashMap<String, u16>> = vec![HashMap::new(); dimensions.len()];
        let mut intern = |dimension: usize, value: &str| -> u16 {
            if let Some(id) = value_ids[dimension].get(value) {
                return *id;
            }
            let id = u16::try_from(values[dimension].len()).expect("fewer than 65,536 values per dimension");
            values[dimension].push(value.to_owned());
            value_ids[dimension].insert(value.to_owned(), id);
            id
        };
        let mut documents: Vec<Option<DocumentInput<P>>> = documents.into_iter().map(Some).collect();
        let mut docs = Vec::with_capacity(documents.len());
        let mut columns: Vec<Column> =
            (0..dimensions.len()).map(|_| Column { offsets: vec![0], values: Vec::new() }).collect();
        for position in &order {
            let document = documents[*position].take().expect("each document once");
            for (dimension, found) in document.values.iter().enumerate() {
                let mut ids: Vec<u16> = found.iter().map(|value| intern(dimension, value)).collect();
                ids.sort_unstable();
                ids.dedup();
                let column = &mut columns[dimension];
                column.values.extend(ids);
                column.offsets.push(u32::try_from(column.values.len()).expect("fewer than 4 billion values"));
            }
            docs.push(Doc {
                id: document.id,
                payload: document.payload,
                listed_at: document.listed_at,
                name_rank: name_ranks[*position],
                featured: document.featured,
            });
        }
        // Which documents have each value, for search words that lead to values.
        let mut value_docs: Vec<Vec<Vec<u32>>> = values.iter().map(|found| vec![Vec::new(); found.len()]).collect();
        for (dimension, column) in columns.iter().enumerate() {
            for doc in 0..docs.len() {
                for value in column.of(doc) {
                    value_docs[dimension][usize::from(*value)].push(u32::try_from(doc).unwrap_or(u32::MAX));
                }
            }
        }

        // The vocabulary in alphabetical order, so a prefix is a contiguous range.
        let mut targets_by_word: HashMap<String, Vec<(u8, u16)>> = HashMap::new();
        for (dimension, value, names) in &value_names {
            let Some(id) = value_ids[*dimension].get(value) else { continue };
            let target = (u8::try_from(*dimension).unwrap_or(u8::MAX), *id);
            for (_, name) in names.iter() {
                for word in words(name) {
                    let targets = targets_by_word.entry(word).or_default();
                    if !targets.contains(&target) {
                        targets.push(target);
                    }
                }
            }
        }
        let mut vocabulary: Vec<(String, Vec<Posting>)> = spelled.into_iter().map(|word| (word, Vec::new())).collect();
        for (position, mut found) in document_words.into_iter().enumerate() {
            // Each word once per document, with its best weight.
            found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            found.dedup_by_key(|(word, _)| *word);
            for (word, weight) in found {
                vocabulary[word as usize].1.push(Posting { doc: doc_of[position], weight });
            }
        }
        let known: std::collections::HashSet<String> = vocabulary.iter().map(|(word, _)| word.clone()).collect();
        vocabulary.extend(
            targets_by_word.keys().filter(|word| !known.contains(*word)).map(|word| (word.clone(), Vec::new())),
        );
        vocabulary.sort_by(|a, b| a.0.cmp(&b.0));
        let (vocabulary, mut postings): (Vec<String>, Vec<Vec<Posting>>) = vocabulary.into_iter().unzip();
        for list in &mut postings {
            list.sort_unstable_by_key(|posting| posting.doc);
        }
        let word_targets = vocabulary.iter().map(|word| targets_by_word.remove(word).unwrap_or_default()).collect();
        let mut near: HashMap<String, Vec<u32>> = HashMap::new();
        for (id, word) in vocabulary.iter().enumerate() {
            if word.len() >= MIN_VARIANT_LEN {
                for variant in variants(word) {
                    near.entry(variant).or_default().push(u32::try_from(id).unwrap_or(u32::MAX));
                }
            }
        }
        let position = docs.iter().enumerate().map(|(at, doc)| (doc.id, at)).collect();
        let all_docs = || (0..u32::try_from(docs.len()).expect("fewer than 4 billion documents")).collect::<Vec<u32>>();
        let name_orders = (0..Lang::ALL.len())
            .map(|language| {
                let mut order = all_docs();
                order.sort_unstable_by_key(|doc| docs[*doc as usize].name_rank[language]);
                order
            })
            .collect();
        let mut newest_order = all_docs();
        newest_order.sort_unstable_by(|a, b| {
            let (a, b) = (&docs[*a as usize], &docs[*b as usize]);
            b.listed_at.cmp(&a.listed_at).then(b.id.cmp(&a.id))
        });
        let mut all_counts: Vec<Vec<u64>> = values.iter().map(|found| vec![0; found.len()]).collect();
        for (dimension, described) in dimensions.iter().enumerate() {
            if described.group.is_some() {
                for value in &columns[dimension].values {
                    all_counts[dimension][usize::from(*value)] += 1;
                }
            }
        }
        SearchIndex {
            version,
            dimensions,
            docs,
            position,
            columns,
            values,
            value_ids,
            value_docs,
            vocabulary,
            postings,
            word_targets,
            near,
            name_orders,
            newest_order,
            all_counts,
        }
    }
}

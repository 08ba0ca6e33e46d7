//! Keeping the search index in step with listings and the taxonomy.
use std::collections::{BTreeMap, BTreeSet};

use sqlx::{AnyConnection, Row};

use super::{Database, SqlBuilder, Value, sql::insert_rows};
use crate::{
    error::AppError,
    server::search::{MIN_VARIANT_LEN, variants, weighted_terms},
};

/// Adds words to listings' index entries, keeping the better weight where a word is already there.
pub(super) async fn add_terms(
    connection: &mut AnyConnection,
    entries: &[(i64, BTreeMap<String, i64>)],
) -> Result<(), sqlx::Error> {
    let rows = entries.iter().flat_map(|(id, terms)| {
        terms.iter().map(move |(term, weight)| vec![Value::from(term.as_str()), (*id).into(), (*weight).into()])
    });
    insert_rows(
        connection,
        "search_terms",
        &["term", "organization_id", "weight"],
        rows,
        " ON CONFLICT (term, organization_id) DO UPDATE SET weight = \
          CASE WHEN excluded.weight > search_terms.weight THEN excluded.weight ELSE search_terms.weight END",
    )
    .await?;
    let words: BTreeSet<&str> = entries.iter().flat_map(|(_, terms)| terms.keys().map(String::as_str)).collect();
    add_words(connection, words).await
}

/// Records words in the vocabulary, with typo variants for those new to it.
async fn add_words<'a>(
    connection: &mut AnyConnection,
    words: impl IntoIterator<Item = &'a str>,
) -> Result<(), sqlx::Error> {
    let rows = words.into_iter().map(|word| vec![Value::from(word)]);
    let added =
        insert_rows(connection, "search_words", &["term"], rows, " ON CONFLICT (term) DO NOTHING RETURNING term")
            .await?;
    let mut new_words: Vec<String> = added.iter().map(|row| row.try_get("term")).collect::<Result<_, _>>()?;
    new_words.retain(|word| word.len() >= MIN_VARIANT_LEN);
    let variant_rows = new_words.iter().flat_map(|word| {
        variants(word).into_iter().map(move |variant| vec![Value::from(variant), word.as_str().into()])
    });
    insert_rows(connection, "search_word_variants", &["variant", "term"], variant_rows, " ON CONFLICT DO NOTHING")
        .await?;
    Ok(())
}

impl Database {
    /// Rebuilds the index of taxonomy names (small: it is simply redone after every taxonomy change).
    pub(super) async fn reindex_taxonomy(&self, connection: &mut AnyConnection) -> Result<(), AppError> {
        sqlx::query("DELETE FROM taxonomy_terms").execute(&mut *connection).await?;
        let names = sqlx::query(
            "SELECT 'category' AS facet, c.id AS target, n.name AS name FROM categories c \
               JOIN category_names n ON n.category_id = c.id WHERE c.parent_id IS NOT NULL \
             UNION ALL \
             SELECT 'category', c.id, n.name FROM categories c \
               JOIN category_names n ON n.category_id = c.parent_id WHERE c.parent_id IS NOT NULL \
             UNION ALL \
             SELECT 'sector', sector_id, name FROM sector_names \
             UNION ALL \
             SELECT 'tag', tag_id, name FROM tag_names",
        )
        .fetch_all(&mut *connection)
        .await?;
        let mut entries: BTreeSet<(String, String, i64)> = BTreeSet::new();
        for row in &names {
            let facet: String = row.try_get("facet")?;
            let target: i64 = row.try_get("target")?;
            let name: String = row.try_get("name")?;
            for term in weighted_terms([(name.as_str(), 0)]).into_keys() {
                entries.insert((term, facet.clone(), target));
            }
        }
        let rows = entries
            .iter()
            .map(|(term, facet, target)| vec![Value::from(term.as_str()), facet.as_str().into(), (*target).into()]);
        insert_rows(connection, "taxonomy_terms", &["term", "facet", "target_id"], rows, "").await?;
        add_words(connection, entries.iter().map(|(term, _, _)| term.as_str())).await?;
        Ok(())
    }

    /// Known words one edit from any of the given words, by shared typo variants.
    pub(super) async fn words_near(&self, words: &[&str]) -> Result<Vec<String>, AppError> {
        let probes: BTreeSet<String> = words.iter().flat_map(|word| variants(word)).collect();
        if probes.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = SqlBuilder::new("SELECT DISTINCT term FROM search_word_variants WHERE variant IN ");
        sql.bind_list(probes);
        let rows = sql.query().fetch_all(self.pool()).await?;
        Ok(rows.iter().map(|row| row.try_get("term")).collect::<Result<_, _>>()?)
    }
}

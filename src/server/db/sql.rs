//! A query text assembled at run time, with `$n` parameters both engines accept.
//!
//! sqlx's own `QueryBuilder` writes `?` placeholders for the `Any` driver, which PostgreSQL rejects.
use std::collections::{HashMap, HashSet};

use sqlx::{
    Any, AnyConnection, AnyPool, Row,
    any::{AnyArguments, AnyRow},
    query::Query,
};

use crate::domain::{
    lang::{Lang, Translations},
    slug::Slug,
};

/// A value to bind, of one of the types both engines store the same way.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Int(Option<i64>),
    Text(Option<String>),
    Blob(Vec<u8>),
}

impl From<i64> for Value {
    fn from(value: i64) -> Self {
        Value::Int(Some(value))
    }
}

impl From<Option<i64>> for Value {
    fn from(value: Option<i64>) -> Self {
        Value::Int(value)
    }
}

impl From<String> for Value {
    fn from(value: String) -> Self {
        Value::Text(Some(value))
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Self {
        Value::Text(Some(value.to_owned()))
    }
}

impl From<Option<String>> for Value {
    fn from(value: Option<String>) -> Self {
        Value::Text(value)
    }
}

impl From<Option<&str>> for Value {
    fn from(value: Option<&str>) -> Self {
        Value::Text(value.map(str::to_owned))
    }
}

impl From<Vec<u8>> for Value {
    fn from(value: Vec<u8>) -> Self {
        Value::Blob(value)
    }
}

/// Where [`SqlBuilder::like`] looks for its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LikeAt {
    Anywhere,
    Start,
}

#[derive(Clone, Debug, Default)]
pub struct SqlBuilder {
    sql: String,
    values: Vec<Value>,
}

impl SqlBuilder {
    pub fn new(sql: &str) -> Self {
        SqlBuilder { sql: sql.to_owned(), values: Vec::new() }
    }

    pub fn push(&mut self, sql: &str) -> &mut Self {
        self.sql.push_str(sql);
        self
    }

    /// Appends a placeholder for `value`.
    pub fn bind(&mut self, value: impl Into<Value>) -> &mut Self {
        self.values.push(value.into());
        self.sql.push('$');
        self.sql.push_str(&self.values.len().to_string());
        self
    }

    /// Appends `(p1, p2, …)`, as used after `IN`; an empty list becomes `(NULL)`, which matches nothing.
    pub fn bind_list<V: Into<Value>>(&mut self, values: impl IntoIterator<Item = V>) -> &mut Self {
        self.sql.push('(');
        let mut empty = true;
        for value in values {
            if !empty {
                self.sql.push_str(", ");
            }
            self.bind(value);
            empty = false;
        }
        self.sql.push_str(if empty { "NULL)" } else { ")" });
        self
    }

    /// Appends `LIKE $n ESCAPE '\'` matching `text` literally where `at` says: a `%` or `_` that a
    /// person typed into a search is a character to find, not a wildcard.
    pub fn like(&mut self, text: &str, at: LikeAt) -> &mut Self {
        let literal = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        let pattern = match at {
            LikeAt::Anywhere => format!("%{literal}%"),
            LikeAt::Start => format!("{literal}%"),
        };
        self.push(" LIKE ").bind(pattern).push(" ESCAPE '\\'")
    }

    pub fn parameter_count(&self) -> usize {
        self.values.len()
    }

    pub fn sql(&self) -> &str {
        &self.sql
    }

    pub fn query(&self) -> Query<'_, Any, AnyArguments<'_>> {
        self.values.iter().fold(sqlx::query(&self.sql), |query, value| match value {
            Value::Int(number) => query.bind(*number),
            Value::Text(text) => query.bind(text.as_deref()),
            Value::Blob(bytes) => query.bind(bytes.as_slice()),
        })
    }
}

/// Parameters per statement in bulk writes. SQLite matches each `$n` parameter against those before it,
/// so a statement's cost grows with the square of its parameters: a thousand keeps that negligible while
/// still cutting round trips a thousandfold.
const PARAMETERS_PER_STATEMENT: usize = 999;

/// Rows per multi-row `INSERT` of rows with this many columns.
pub const fn rows_per_insert(columns: usize) -> usize {
    PARAMETERS_PER_STATEMENT / columns
}

/// Makes each wanted slug unique among `table`'s slugs and among the others in the list,
/// by appending `-2`, `-3`, … where needed.
pub async fn unique_slugs(
    connection: &mut AnyConnection,
    table: &str,
    wanted: Vec<Slug>,
) -> Result<Vec<Slug>, sqlx::Error> {
    let mut chosen: Vec<Option<Slug>> = vec![None; wanted.len()];
    let mut taken: HashSet<String> = HashSet::new();
    let mut attempt: Vec<(usize, Slug)> = wanted.iter().cloned().enumerate().collect();
    let mut suffix = 1;
    while !attempt.is_empty() {
        let candidates: Vec<&str> = attempt.iter().map(|(_, slug)| slug.as_str()).collect();
        taken.extend(taken_slugs(connection, table, &candidates).await?);
        let mut retry = Vec::new();
        for (index, slug) in attempt {
            if taken.insert(slug.to_string()) {
                chosen[index] = Some(slug);
            } else {
                retry.push(index);
            }
        }
        suffix += 1;
        attempt = retry.into_iter().map(|index| (index, wanted[index].with_suffix(suffix))).collect();
    }
    Ok(chosen.into_iter().map(|slug| slug.expect("every slug chosen")).collect())
}

/// Those of `slugs` that rows of `table` already have.
pub async fn taken_slugs(
    connection: &mut AnyConnection,
    table: &str,
    slugs: &[&str],
) -> Result<HashSet<String>, sqlx::Error> {
    let mut taken = HashSet::new();
    for chunk in slugs.chunks(rows_per_insert(1)) {
        let mut sql = SqlBuilder::new(&format!("SELECT slug FROM {table} WHERE slug IN "));
        sql.bind_list(chunk.iter().copied());
        for row in sql.query().fetch_all(&mut *connection).await? {
            taken.insert(row.try_get("slug")?);
        }
    }
    Ok(taken)
}

/// Inserts rows with multi-row `INSERT`s, batched below the engines' parameter limits. `tail` follows
/// the values (an `ON CONFLICT` or `RETURNING` clause, or nothing); returns what the database returned,
/// in no particular order.
pub async fn insert_rows(
    connection: &mut AnyConnection,
    table: &str,
    columns: &[&str],
    rows: impl IntoIterator<Item = Vec<Value>>,
    tail: &str,
) -> Result<Vec<AnyRow>, sqlx::Error> {
    let head = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let mut returned = Vec::new();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut sql = SqlBuilder::new(&head);
        for (index, row) in rows.by_ref().take(rows_per_insert(columns.len())).enumerate() {
            debug_assert_eq!(row.len(), columns.len(), "one value per column of {table}");
            if index > 0 {
                sql.push(", ");
            }
            sql.bind_list(row);
        }
        sql.push(tail);
        returned.extend(sql.query().fetch_all(&mut *connection).await?);
    }
    Ok(returned)
}

/// Inserts rows that each carry a unique slug; returns their ids in the order of `slugs`.
pub async fn insert_with_slugs(
    connection: &mut AnyConnection,
    table: &str,
    columns: &[&str],
    rows: impl IntoIterator<Item = Vec<Value>>,
    slugs: &[Slug],
) -> Result<Vec<i64>, sqlx::Error> {
    let inserted = insert_rows(connection, table, columns, rows, " RETURNING id, slug").await?;
    let ids_by_slug: HashMap<String, i64> = inserted
        .iter()
        .map(|row| Ok((row.try_get::<String, _>("slug")?, row.try_get::<i64, _>("id")?)))
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(slugs.iter().map(|slug| ids_by_slug[slug.as_str()]).collect())
}

/// Fills a link table: each owner with each of its targets (duplicates dropped).
pub async fn insert_links<'a>(
    connection: &mut AnyConnection,
    table: &str,
    [owner_column, target_column]: [&str; 2],
    owners: &[i64],
    targets: impl IntoIterator<Item = &'a Vec<i64>>,
) -> Result<(), sqlx::Error> {
    // Collected before the await, so the future holds no borrowing iterators (it must be Send).
    let links: Vec<Vec<Value>> = owners
        .iter()
        .zip(targets)
        .flat_map(|(owner, targets)| {
            targets.iter().collect::<HashSet<_>>().into_iter().map(|target| vec![Value::from(*owner), (*target).into()])
        })
        .collect();
    insert_rows(connection, table, &[owner_column, target_column], links, "").await?;
    Ok(())
}

/// Reads a per-language text table for several owners into translations keyed by owner id.
/// `columns` lists the text columns `text` reads, besides the owner column and `lang`.
pub async fn translations_of<T>(
    pool: &AnyPool,
    table: &str,
    owner_column: &str,
    columns: &str,
    owners: &[i64],
    text: impl Fn(&AnyRow) -> Result<T, sqlx::Error>,
) -> Result<HashMap<i64, Translations<T>>, sqlx::Error> {
    let mut translations: HashMap<i64, Translations<T>> = HashMap::new();
    if owners.is_empty() {
        return Ok(translations);
    }
    let mut sql = SqlBuilder::new(&format!(
        "SELECT {owner_column} AS owner, lang, {columns} FROM {table} WHERE {owner_column} IN "
    ));
    sql.bind_list(owners.iter().copied());
    for row in sql.query().fetch_all(pool).await? {
        let lang: Lang = super::decode_word(&row.try_get::<String, _>("lang")?)?;
        translations.entry(row.try_get("owner")?).or_default().insert(lang, text(&row)?);
    }
    Ok(translations)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order() {
        let mut sql = SqlBuilder::new("SELECT id FROM organizations WHERE status = ");
        sql.bind("published").push(" AND kind IN ").bind_list(["cert", "startup"]);
        assert_eq!(sql.sql(), "SELECT id FROM organizations WHERE status = $1 AND kind IN ($2, $3)");
        assert_eq!(sql.parameter_count(), 3);
        let mut empty = SqlBuilder::new("SELECT 1 WHERE 1 IN ");
        empty.bind_list(Vec::<i64>::new());
        assert_eq!(empty.sql(), "SELECT 1 WHERE 1 IN (NULL)");
    }
}

//! What an import of listings and solutions found: every bad row with the column and the reason, or
//! how much it wrote (or, on a dry run, would write).
use serde::{Deserialize, Serialize};

use super::validation::Problem;

text_enum! {
    /// The two lists an import reads: a JSON file has both, a CSV file one of them.
    pub enum ImportSheet {
        Organizations = "organizations",
        Solutions = "solutions",
    }
}

/// One thing wrong with one row: the row (a CSV file's line number, or the record's place in its JSON
/// list, from 1), the slug it gives, the column and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    pub sheet: ImportSheet,
    pub row: usize,
    pub slug: String,
    pub column: String,
    pub problem: Problem,
}

/// Why a file could not be read as an import at all, said in the reader's language on the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unreadable {
    /// Not a JSON export document; where its parser stopped.
    NotExportJson { line: usize, column: usize },
    /// Not CSV; the line where reading stopped, when known.
    NotCsv { line: Option<u64> },
    /// A CSV header naming no column of its sheet.
    UnknownColumn { header: String, sheet: ImportSheet, known: Vec<String> },
}

impl std::fmt::Display for Unreadable {
    /// In English, for the command line and logs.
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::NotExportJson { line, column } => write!(
                formatter,
                "not an export document {{\"organizations\": [...], \"solutions\": [...]}} (line {line}, column {column})"
            ),
            Unreadable::NotCsv { line: Some(line) } => write!(formatter, "not a CSV file (line {line})"),
            Unreadable::NotCsv { line: None } => write!(formatter, "not a CSV file"),
            Unreadable::UnknownColumn { header, sheet, known } => {
                write!(
                    formatter,
                    "unknown column `{header}` in a file of {sheet}; the columns are {}",
                    known.join(", ")
                )
            }
        }
    }
}

/// The outcome of an import: nothing is written unless `problems` is empty, the file was readable and
/// it was not a dry run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub dry_run: bool,
    /// Why the file could not be read at all (not JSON, a CSV line with too many cells, ...).
    pub unreadable: Option<Unreadable>,
    pub problems: Vec<RowProblem>,
    /// Listings and solutions written, or that a dry run found ready to write.
    pub organizations: usize,
    pub solutions: usize,
}

impl ImportReport {
    /// Whether every row can be (or was) written.
    pub fn is_clean(&self) -> bool {
        self.unreadable.is_none() && self.problems.is_empty()
    }

    /// Whether the import wrote to the database.
    pub fn wrote(&self) -> bool {
        self.is_clean() && !self.dry_run
    }
}

//! The whole public dataset: every published listing with its solutions, as one JSON document or as
//! two CSV files, written as it is read (a million listings pass in bounded memory).
use std::collections::HashMap;

use serde::Serialize;
use tokio::sync::mpsc::Sender;

use super::{Column, LIST_SEPARATOR, ORGANIZATION_COLUMNS, SOLUTION_COLUMNS, values_at};
use crate::{
    domain::{organization::Organization, slug::Slug},
    error::AppError,
    server::{
        db::Database,
        open_data::records::{OrganizationRecord, SolutionRecord, Vocabulary},
        spreadsheet::CsvWriter,
    },
};

/// A solution with the slug of the listing that offers it.
#[derive(Clone, Debug, Serialize)]
pub struct ExportedSolution {
    pub organization: Slug,
    #[serde(flatten)]
    pub record: SolutionRecord,
}

/// Which file of the dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFile {
    /// `{ "organizations": [...], "solutions": [...] }`
    Json,
    OrganizationsCsv,
    SolutionsCsv,
}

impl ExportFile {
    pub fn content_type(self) -> &'static str {
        match self {
            ExportFile::Json => "application/json",
            ExportFile::OrganizationsCsv | ExportFile::SolutionsCsv => "text/csv; charset=utf-8",
        }
    }

    pub fn file_name(self) -> &'static str {
        match self {
            ExportFile::Json => "qala-export.json",
            ExportFile::OrganizationsCsv => "qala-organizations.csv",
            ExportFile::SolutionsCsv => "qala-solutions.csv",
        }
    }
}

/// Listings read at a time: enough to keep statements few, few enough to bind one parameter per listing.
const BATCH: i64 = 500;

/// A piece of an export file as it is written, or why writing stopped.
pub type Piece = Result<Vec<u8>, AppError>;

/// Writes a file of the public dataset (published listings only: hidden, archived, pending and draft
/// ones stay out) batch by batch, sending each piece to `out` as soon as it is ready, so neither the
/// directory nor the file is ever held whole. Stops quietly when nobody receives any more (a download
/// given up). CSV starts with a byte-order mark, so spreadsheet programs read Azerbaijani and Russian
/// letters right.
pub async fn write(db: &Database, public_url: &str, file: ExportFile, out: &Sender<Piece>) -> Result<(), AppError> {
    let vocabulary = Vocabulary::new(db.categories().await?, db.sectors().await?, db.tags().await?);
    let mut pieces = Pieces { out, open: true };
    let mut batches = Batches { db, after: 0 };
    match file {
        ExportFile::Json => {
            pieces.send(b"{\n  \"organizations\": [".to_vec()).await;
            let mut first = true;
            while pieces.open
                && let Some(batch) = batches.next().await?
            {
                let records =
                    batch.into_iter().map(|listing| OrganizationRecord::new(listing, &vocabulary, public_url));
                pieces.send(json_items(records, &mut first)?).await;
            }
            pieces.send(json_close(first, "],\n  \"solutions\": [")).await;
            let mut first = true;
            let mut batches = Batches { db, after: 0 };
            while pieces.open
                && let Some(batch) = batches.next().await?
            {
                let solutions = exported_solutions(db, &batch, &vocabulary, public_url).await?;
                pieces.send(json_items(solutions, &mut first)?).await;
            }
            pieces.send(json_close(first, "]\n}")).await;
        }
        ExportFile::OrganizationsCsv => {
            pieces.send(csv_rows(ORGANIZATION_COLUMNS, Vec::<OrganizationRecord>::new(), true)?).await;
            while pieces.open
                && let Some(batch) = batches.next().await?
            {
                let records =
                    batch.into_iter().map(|listing| OrganizationRecord::new(listing, &vocabulary, public_url));
                pieces.send(csv_rows(ORGANIZATION_COLUMNS, records, false)?).await;
            }
        }
        ExportFile::SolutionsCsv => {
            pieces.send(csv_rows(SOLUTION_COLUMNS, Vec::<ExportedSolution>::new(), true)?).await;
            while pieces.open
                && let Some(batch) = batches.next().await?
            {
                let solutions = exported_solutions(db, &batch, &vocabulary, public_url).await?;
                pieces.send(csv_rows(SOLUTION_COLUMNS, solutions, false)?).await;
            }
        }
    }
    Ok(())
}

/// The published listings, a batch at a time, by id.
struct Batches<'a> {
    db: &'a Database,
    after: i64,
}

impl Batches<'_> {
    async fn next(&mut self) -> Result<Option<Vec<Organization>>, AppError> {
        let batch = self.db.published_organizations_after(self.after, BATCH).await?;
        let Some(last) = batch.last() else { return Ok(None) };
        self.after = last.id;
        Ok(Some(batch))
    }
}

/// Where the pieces of a file go, and whether anyone still receives them.
struct Pieces<'a> {
    out: &'a Sender<Piece>,
    open: bool,
}

impl Pieces<'_> {
    async fn send(&mut self, bytes: Vec<u8>) {
        self.open = self.open && self.out.send(Ok(bytes)).await.is_ok();
    }
}

/// The solutions of a batch of listings, each with its listing's slug.
async fn exported_solutions(
    db: &Database,
    batch: &[Organization],
    vocabulary: &Vocabulary,
    public_url: &str,
) -> Result<Vec<ExportedSolution>, AppError> {
    let ids: Vec<i64> = batch.iter().map(|organization| organization.id).collect();
    let slugs: HashMap<i64, &Slug> = batch.iter().map(|organization| (organization.id, &organization.slug)).collect();
    Ok(db
        .solutions_of_organizations(&ids)
        .await?
        .into_iter()
        .filter_map(|solution| {
            let organization = (*slugs.get(&solution.organization_id)?).clone();
            Some(ExportedSolution { organization, record: SolutionRecord::new(solution, vocabulary, public_url) })
        })
        .collect())
}

/// Items of a JSON array of the document, indented as the whole document pretty-printed would be.
fn json_items<T: Serialize>(items: impl IntoIterator<Item = T>, first: &mut bool) -> Result<Vec<u8>, AppError> {
    let mut bytes = Vec::new();
    for item in items {
        let pretty = serde_json::to_string_pretty(&item).map_err(|error| write_failed(&error))?;
        bytes.extend_from_slice(if std::mem::take(first) { b"\n    " } else { b",\n    " });
        bytes.extend_from_slice(pretty.replace('\n', "\n    ").as_bytes());
    }
    Ok(bytes)
}

/// The end of a JSON array (on a line of its own unless it was empty), and what follows it.
fn json_close(empty: bool, then: &str) -> Vec<u8> {
    format!("{}{then}", if empty { "" } else { "\n  " }).into_bytes()
}

fn write_failed(error: &dyn std::fmt::Display) -> AppError {
    tracing::error!(%error, "writing the export failed");
    AppError::Internal
}

/// CSV rows, one a record, each column read from the record's JSON form; the first piece of a file
/// starts with the byte-order mark and the header.
fn csv_rows<T: Serialize>(
    columns: &[Column],
    records: impl IntoIterator<Item = T>,
    first: bool,
) -> Result<Vec<u8>, AppError> {
    let rows = || -> Result<Vec<u8>, csv::Error> {
        let mut writer = if first { CsvWriter::with_byte_order_mark() } else { CsvWriter::new() };
        if first {
            writer.write_row(columns.iter().map(|column| column.name))?;
        }
        for record in records {
            let json = serde_json::to_value(record).map_err(std::io::Error::other)?;
            writer.write_row(columns.iter().map(|column| values_at(&json, column.json).join(LIST_SEPARATOR)))?;
        }
        writer.finish()
    };
    rows().map_err(|error| write_failed(&error))
}

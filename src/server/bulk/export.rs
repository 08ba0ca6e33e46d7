//! The whole public dataset: every published listing with its solutions, as one JSON document or as
//! two CSV files.
use serde::Serialize;

use super::{Column, LIST_SEPARATOR, ORGANIZATION_COLUMNS, SOLUTION_COLUMNS, values_at};
use crate::{
    domain::slug::Slug,
    error::AppError,
    server::{
        db::Database,
        open_data::records::{OrganizationRecord, SolutionRecord, Vocabulary},
        spreadsheet::CsvWriter,
    },
};

/// Every published listing and the solutions they offer, as open data.
#[derive(Clone, Debug, Serialize)]
pub struct Dataset {
    pub organizations: Vec<OrganizationRecord>,
    pub solutions: Vec<ExportedSolution>,
}

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

/// Reads the published listings (hidden, archived, pending and draft ones stay out) and their solutions.
pub async fn dataset(db: &Database, public_url: &str) -> Result<Dataset, AppError> {
    let vocabulary = Vocabulary::new(db.categories().await?, db.sectors().await?, db.tags().await?);
    let published: Vec<_> =
        db.all_organizations().await?.into_iter().filter(|organization| organization.status.is_public()).collect();
    let ids: Vec<i64> = published.iter().map(|organization| organization.id).collect();
    let slugs: std::collections::HashMap<i64, Slug> =
        published.iter().map(|organization| (organization.id, organization.slug.clone())).collect();
    let solutions = db
        .solutions_of_organizations(&ids)
        .await?
        .into_iter()
        .map(|solution| ExportedSolution {
            organization: slugs[&solution.organization_id].clone(),
            record: SolutionRecord::new(solution, &vocabulary, public_url),
        })
        .collect();
    let organizations = published
        .into_iter()
        .map(|organization| OrganizationRecord::new(organization, &vocabulary, public_url))
        .collect();
    Ok(Dataset { organizations, solutions })
}

impl Dataset {
    /// The file's bytes. CSV starts with a byte-order mark, so spreadsheet programs read Azerbaijani and
    /// Russian letters right.
    pub fn write(&self, file: ExportFile) -> Result<Vec<u8>, AppError> {
        let failed = |error: &dyn std::fmt::Display| {
            tracing::error!(%error, "writing the export failed");
            AppError::Internal
        };
        match file {
            ExportFile::Json => serde_json::to_vec_pretty(self).map_err(|error| failed(&error)),
            ExportFile::OrganizationsCsv => {
                csv_table(ORGANIZATION_COLUMNS, &self.organizations).map_err(|error| failed(&error))
            }
            ExportFile::SolutionsCsv => csv_table(SOLUTION_COLUMNS, &self.solutions).map_err(|error| failed(&error)),
        }
    }
}

/// One CSV row a record, each column read from the record's JSON form.
fn csv_table<T: Serialize>(columns: &[Column], records: &[T]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = CsvWriter::with_byte_order_mark();
    writer.write_row(columns.iter().map(|column| column.name))?;
    for record in records {
        let json = serde_json::to_value(record).map_err(std::io::Error::other)?;
        writer.write_row(columns.iter().map(|column| values_at(&json, column.json).join(LIST_SEPARATOR)))?;
    }
    writer.finish()
}

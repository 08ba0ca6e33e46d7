//! Imports of listings and solutions in the export's formats. Every row is read into the export's
//! columns and checked with the editor's own forms (`ProfileForm`, `SolutionForm`); every problem of
//! every row is reported, and only a file without one is written, in a single transaction. A slug that
//! is already taken is a problem of its row: an import adds listings, it never changes one.
use std::collections::{HashMap, HashSet};

use serde_json::Value;
use time::{OffsetDateTime, format_description::well_known::Rfc3339};

use super::{Column, ORGANIZATION_COLUMNS, SOLUTION_COLUMNS, values_at};
use crate::{
    domain::{
        bulk::{ImportReport, ImportSheet, RowProblem, Unreadable},
        editing::{FormField, ProfileForm, SolutionForm},
        organization::{ListingStatus, NewOrganization},
        slug::Slug,
        solution::NewSolution,
        validation::{FieldError, Problem},
    },
    error::AppError,
    server::{
        db::{Actor, Database, ImportedSolution},
        spreadsheet::restore_cell,
    },
};

/// How an import file is written, told by its name's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    Json,
    Csv,
}

impl ImportFormat {
    pub fn of_file_name(name: &str) -> Option<ImportFormat> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "json" => Some(ImportFormat::Json),
            "csv" => Some(ImportFormat::Csv),
            _ => None,
        }
    }
}

/// Reads, checks and (unless it is a dry run, or anything is wrong) writes an import file.
pub async fn import(
    db: &Database,
    bytes: &[u8],
    format: ImportFormat,
    dry_run: bool,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<ImportReport, AppError> {
    let mut report = ImportReport { dry_run, ..ImportReport::default() };
    let sheets = match read(bytes, format) {
        Ok(sheets) => sheets,
        Err(reason) => {
            report.unreadable = Some(reason);
            return Ok(report);
        }
    };
    let taxonomy = Taxonomy::load(db).await?;
    let mut checker = Checker { taxonomy, year: now.year(), problems: Vec::new() };
    let organizations = checker.organizations(db, &sheets.organizations).await?;
    let solutions = checker.solutions(db, &sheets.solutions, &organizations).await?;
    report.problems = checker.problems;
    report.organizations = organizations.len();
    report.solutions = solutions.len();
    if report.wrote() {
        let imported = db.import_listings(&organizations, &solutions, actor, now).await?;
        report.organizations = imported.organizations;
        report.solutions = imported.solutions;
    }
    Ok(report)
}

/// One row of a file: where it is, and its values by column name (several in a list column).
struct Row {
    sheet: ImportSheet,
    number: usize,
    cells: HashMap<&'static str, Vec<String>>,
}

impl Row {
    fn values(&self, column: &str) -> &[String] {
        self.cells.get(column).map_or(&[], Vec::as_slice)
    }

    fn value(&self, column: &str) -> &str {
        self.values(column).first().map_or("", |value| value.trim())
    }

    /// The row as the form of `columns` would have submitted it.
    fn form_pairs(&self, columns: &[Column]) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        for column in columns {
            let Some(field) = column.form else { continue };
            let values = self.values(column.name);
            if field == FormField::Need.name() {
                // The profile form repeats its startup needs; its other lists are one item a line.
                pairs.extend(values.iter().map(|need| (field.to_string(), need.clone())));
            } else if !values.is_empty() {
                pairs.push((field.to_string(), values.join("\n")));
            }
        }
        pairs
    }
}

struct Sheets {
    organizations: Vec<Row>,
    solutions: Vec<Row>,
}

fn read(bytes: &[u8], format: ImportFormat) -> Result<Sheets, Unreadable> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match format {
        ImportFormat::Json => read_json(bytes),
        ImportFormat::Csv => read_csv(bytes),
    }
}

fn read_json(bytes: &[u8]) -> Result<Sheets, Unreadable> {
    #[derive(serde::Deserialize)]
    struct Document {
        #[serde(default)]
        organizations: Vec<Value>,
        #[serde(default)]
        solutions: Vec<Value>,
    }
    let document: Document = serde_json::from_slice(bytes)
        .map_err(|error| Unreadable::NotExportJson { line: error.line(), column: error.column() })?;
    let rows = |sheet: ImportSheet, records: &[Value], columns: &'static [Column]| -> Vec<Row> {
        records
            .iter()
            .enumerate()
            .map(|(index, record)| Row {
                sheet,
                number: index + 1,
                cells: columns.iter().map(|column| (column.name, values_at(record, column.json))).collect(),
            })
            .collect()
    };
    Ok(Sheets {
        organizations: rows(ImportSheet::Organizations, &document.organizations, ORGANIZATION_COLUMNS),
        solutions: rows(ImportSheet::Solutions, &document.solutions, SOLUTION_COLUMNS),
    })
}

/// A CSV file of organizations, or of solutions when it has an `organization` column.
fn read_csv(bytes: &[u8]) -> Result<Sheets, Unreadable> {
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
    let not_csv = |error: csv::Error| Unreadable::NotCsv { line: error.position().map(csv::Position::line) };
    let headers = reader.headers().map_err(not_csv)?.clone();
    let (sheet, columns) = if headers.iter().any(|header| header == "organization") {
        (ImportSheet::Solutions, SOLUTION_COLUMNS)
    } else {
        (ImportSheet::Organizations, ORGANIZATION_COLUMNS)
    };
    let by_position: Vec<&Column> = headers
        .iter()
        .map(|header| {
            columns.iter().find(|column| column.name == header.trim()).ok_or_else(|| Unreadable::UnknownColumn {
                header: header.to_owned(),
                sheet,
                known: columns.iter().map(|column| column.name.to_owned()).collect(),
            })
        })
        .collect::<Result<_, _>>()?;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(not_csv)?;
        let number = record.position().map_or(rows.len() + 2, |position| position.line() as usize);
        let cells = by_position
            .iter()
            .zip(record.iter())
            .map(|(column, cell)| {
                let cell = restore_cell(cell);
                let values: Vec<String> = if column.is_list() {
                    cell.split(';').map(str::trim).filter(|item| !item.is_empty()).map(str::to_owned).collect()
                } else {
                    Some(cell).filter(|cell| !cell.trim().is_empty()).map(str::to_owned).into_iter().collect()
                };
                (column.name, values)
            })
            .collect();
        rows.push(Row { sheet, number, cells });
    }
    let (organizations, solutions) = match sheet {
        ImportSheet::Organizations => (rows, Vec::new()),
        ImportSheet::Solutions => (Vec::new(), rows),
    };
    Ok(Sheets { organizations, solutions })
}

/// Category, sector and tag ids by slug.
struct Taxonomy {
    categories: HashMap<String, i64>,
    sectors: HashMap<String, i64>,
    tags: HashMap<String, i64>,
}

impl Taxonomy {
    async fn load(db: &Database) -> Result<Taxonomy, AppError> {
        Ok(Taxonomy {
            categories: db.categories().await?.into_iter().map(|term| (term.slug.to_string(), term.id)).collect(),
            sectors: db.sectors().await?.into_iter().map(|term| (term.slug.to_string(), term.id)).collect(),
            tags: db.tags().await?.into_iter().map(|term| (term.slug.to_string(), term.id)).collect(),
        })
    }
}

/// Checks rows, collecting every problem of every row.
struct Checker {
    taxonomy: Taxonomy,
    year: i32,
    problems: Vec<RowProblem>,
}

impl Checker {
    fn report(&mut self, row: &Row, columns: &[Column], errors: Vec<FieldError>) {
        for error in errors {
            // The forms name their own fields; the report names the file's columns.
            let column = columns
                .iter()
                .find(|column| column.form.is_some_and(|field| field.to_string() == error.field))
                .map_or(error.field, |column| column.name.to_owned());
            let slug = row.value("slug").to_owned();
            self.problems.push(RowProblem { sheet: row.sheet, row: row.number, slug, column, problem: error.problem });
        }
    }

    /// The ids of a taxonomy column's slugs, as form pairs; an unknown slug is the column's problem.
    fn term_pairs(
        terms: &HashMap<String, i64>,
        row: &Row,
        column: &str,
        field: &str,
        errors: &mut Vec<FieldError>,
    ) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        for slug in row.values(column) {
            match terms.get(slug.trim()) {
                Some(id) => pairs.push((field.to_owned(), id.to_string())),
                None => errors.push(FieldError::new(column, Problem::InvalidChoice)),
            }
        }
        pairs
    }

    /// A row's slug: required for listings (solutions name them by it), optional for solutions.
    fn slug(row: &Row, required: bool, errors: &mut Vec<FieldError>) -> Option<Slug> {
        match row.value("slug") {
            "" if required => {
                errors.push(FieldError::new("slug", Problem::Required));
                None
            }
            "" => None,
            text => Slug::parse(text).map_err(|error| errors.push(error)).ok(),
        }
    }

    /// Slugs used twice in the file, or already in the directory.
    fn refuse_repeated_slugs(&mut self, rows: &[Row], columns: &[Column], taken: &HashSet<String>) {
        let mut seen = HashSet::new();
        for row in rows {
            let slug = row.value("slug");
            if !slug.is_empty() && (taken.contains(slug) || !seen.insert(slug)) {
                self.report(row, columns, vec![FieldError::new("slug", Problem::Taken)]);
            }
        }
    }

    async fn organizations(&mut self, db: &Database, rows: &[Row]) -> Result<Vec<NewOrganization>, AppError> {
        let mut checked = Vec::new();
        for row in rows {
            let mut errors = Vec::new();
            let slug = Self::slug(row, true, &mut errors);
            let mut pairs = row.form_pairs(ORGANIZATION_COLUMNS);
            pairs.extend(Self::term_pairs(&self.taxonomy.categories, row, "categories", "category", &mut errors));
            pairs.extend(Self::term_pairs(&self.taxonomy.sectors, row, "sectors", "sector", &mut errors));
            let tag_ids: Vec<i64> = Self::term_pairs(&self.taxonomy.tags, row, "tags", "tag", &mut errors)
                .into_iter()
                .filter_map(|(_, id)| id.parse().ok())
                .collect();
            let verified_at = match row.value("verified_at") {
                "" => None,
                text => OffsetDateTime::parse(text, &Rfc3339)
                    .map_err(|_| errors.push(FieldError::new("verified_at", Problem::InvalidChoice)))
                    .ok(),
            };
            let profile = ProfileForm(pairs).parse(tag_ids, self.year).map_err(|problems| errors.extend(problems)).ok();
            match (slug, profile) {
                (Some(slug), Some(profile)) if errors.is_empty() => checked.push(NewOrganization {
                    slug: Some(slug),
                    profile,
                    status: ListingStatus::Published,
                    verified_at,
                    featured_position: None,
                    solutions: Vec::new(),
                }),
                _ => self.report(row, ORGANIZATION_COLUMNS, errors),
            }
        }
        let slugs: Vec<&str> = rows.iter().map(|row| row.value("slug")).collect();
        let taken = db.taken_organization_slugs(&slugs).await?;
        self.refuse_repeated_slugs(rows, ORGANIZATION_COLUMNS, &taken);
        Ok(checked)
    }

    async fn solutions(
        &mut self,
        db: &Database,
        rows: &[Row],
        organizations: &[NewOrganization],
    ) -> Result<Vec<ImportedSolution>, AppError> {
        let owners: Vec<&str> = rows.iter().map(|row| row.value("organization")).collect();
        let mut known_owners = db.taken_organization_slugs(&owners).await?;
        known_owners.extend(organizations.iter().filter_map(|new| new.slug.as_ref()).map(Slug::to_string));
        let mut checked = Vec::new();
        for row in rows {
            let mut errors = Vec::new();
            let slug = Self::slug(row, false, &mut errors);
            let owner = match row.value("organization") {
                "" => Err(FieldError::new("organization", Problem::Required)),
                owner if known_owners.contains(owner) => Slug::parse(owner),
                _ => Err(FieldError::new("organization", Problem::InvalidChoice)),
            };
            let owner = owner.map_err(|error| errors.push(FieldError::new("organization", error.problem))).ok();
            let mut pairs = row.form_pairs(SOLUTION_COLUMNS);
            pairs.extend(Self::term_pairs(&self.taxonomy.categories, row, "categories", "category", &mut errors));
            pairs.extend(Self::term_pairs(&self.taxonomy.sectors, row, "sectors", "sector", &mut errors));
            let details = SolutionForm(pairs).parse().map_err(|problems| errors.extend(problems)).ok();
            match (owner, details) {
                (Some(organization), Some(details)) if errors.is_empty() => checked.push(ImportedSolution {
                    organization,
                    solution: NewSolution { organization_id: 0, slug, details },
                }),
                _ => self.report(row, SOLUTION_COLUMNS, errors),
            }
        }
        let slugs: Vec<&str> = rows.iter().map(|row| row.value("slug")).collect();
        let taken = db.taken_solution_slugs(&slugs).await?;
        self.refuse_repeated_slugs(rows, SOLUTION_COLUMNS, &taken);
        Ok(checked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_extension() {
        assert_eq!(ImportFormat::of_file_name("qala-export.JSON"), Some(ImportFormat::Json));
        assert_eq!(ImportFormat::of_file_name("/tmp/organizations.csv"), Some(ImportFormat::Csv));
        assert_eq!(ImportFormat::of_file_name("listings.xlsx"), None);
    }

    #[test]
    fn csv_rows_keep_their_line_numbers_and_split_lists() {
        let file = "\u{feff}slug,az.name,categories\nalpha,Alfa,\"soc; pentest\"\nbeta,\"Beta\nline two\",\n";
        let sheets = read(file.as_bytes(), ImportFormat::Csv).unwrap();
        let numbers: Vec<usize> = sheets.organizations.iter().map(|row| row.number).collect();
        assert_eq!(numbers, [2, 3]);
        assert_eq!(sheets.organizations[0].values("categories"), ["soc", "pentest"]);
        assert!(sheets.organizations[1].values("categories").is_empty());
        let unknown = read(b"slug,webiste\nalpha,x\n", ImportFormat::Csv).err().unwrap();
        let Unreadable::UnknownColumn { header, sheet, known } = unknown else { panic!("{unknown}") };
        assert_eq!((header.as_str(), sheet), ("webiste", ImportSheet::Organizations));
        assert!(known.iter().any(|column| column == "website"), "the columns it could be: {known:?}");
    }
}

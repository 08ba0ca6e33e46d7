//! Bulk data: the whole public dataset as JSON or CSV, and imports of listings and solutions from the
//! same formats, so an export imports into an empty database as it was.
//!
//! The JSON document is `{ "organizations": [...], "solutions": [...] }`, the open-data records. CSV is
//! one table a file, so organizations and solutions are two files. Each CSV column is a place in the JSON
//! records (the tables below): the export reads the columns out of the records, and an import reads the
//! same columns out of either format, then checks each row with the forms the editor uses.
pub mod export;
pub mod import;

use serde_json::Value;

/// A CSV column: its name, where its values are in a JSON record (`a.b` goes into an object, `a[]` over
/// a list), and the form field that checks it on import (empty where the import reads it itself, or
/// not at all).
pub struct Column {
    pub name: &'static str,
    pub json: &'static str,
    pub form: &'static str,
}

impl Column {
    /// Whether a cell holds a list, written `a; b; c`.
    pub fn is_list(&self) -> bool {
        self.json.contains("[]")
    }
}

const fn column(name: &'static str, json: &'static str, form: &'static str) -> Column {
    Column { name, json, form }
}

/// The columns of `organizations.csv`, in order.
pub const ORGANIZATION_COLUMNS: &[Column] = &[
    column("slug", "slug", ""),
    column("kind", "kind", "kind"),
    column("az.name", "texts.az.name", "az.name"),
    column("en.name", "texts.en.name", "en.name"),
    column("ru.name", "texts.ru.name", "ru.name"),
    column("az.short_description", "texts.az.short_description", "az.short_description"),
    column("en.short_description", "texts.en.short_description", "en.short_description"),
    column("ru.short_description", "texts.ru.short_description", "ru.short_description"),
    column("az.description", "texts.az.description", "az.description"),
    column("en.description", "texts.en.description", "en.description"),
    column("ru.description", "texts.ru.description", "ru.description"),
    column("website", "website", "website"),
    column("email", "email", "email"),
    column("phone", "phone", "phone"),
    column("address", "address", "address"),
    column("city", "city", "city"),
    column("country", "country", "country"),
    column("founded_year", "founded_year", "founded_year"),
    column("employee_range", "employee_range", "employee_range"),
    column("certifications", "certifications[]", "certifications"),
    column("social_links", "social_links[].url", "social_links"),
    column("categories", "categories[].slug", ""),
    column("sectors", "sectors[].slug", ""),
    column("tags", "tags[].slug", ""),
    column("verified_at", "verified_at", ""),
    column("startup_stage", "startup.stage", "stage"),
    column("funding_amount", "startup.funding_raised.amount", "funding_amount"),
    column("funding_currency", "startup.funding_raised.currency", "funding_currency"),
    column("looking_for", "startup.looking_for[]", "need"),
    column("az.pitch", "startup.pitch.az", "az.pitch"),
    column("en.pitch", "startup.pitch.en", "en.pitch"),
    column("ru.pitch", "startup.pitch.ru", "ru.pitch"),
    column("demo_video_url", "startup.demo_video_url", "demo_video_url"),
    column("technology_readiness", "startup.technology_readiness", "readiness"),
    column("profile_url", "profile_urls.en", ""),
    column("incident_contact", "incident_contact", "incident_contact"),
    column("constituency", "constituency", "constituency"),
];

/// The columns of `solutions.csv`, in order.
pub const SOLUTION_COLUMNS: &[Column] = &[
    column("organization", "organization", ""),
    column("slug", "slug", ""),
    column("kind", "kind", "kind"),
    column("az.name", "texts.az.name", "az.name"),
    column("en.name", "texts.en.name", "en.name"),
    column("ru.name", "texts.ru.name", "ru.name"),
    column("az.description", "texts.az.description", "az.description"),
    column("en.description", "texts.en.description", "en.description"),
    column("ru.description", "texts.ru.description", "ru.description"),
    column("deployment", "deployment", "deployment"),
    column("certifications", "certifications[]", "certifications"),
    column("url", "url", "url"),
    column("categories", "categories[].slug", ""),
    column("sectors", "sectors[].slug", ""),
    column("page_url", "page_urls.en", ""),
];

/// The values at a column's place in a JSON record: none when it is missing or null, several for a
/// list. Numbers and flags come as their JSON text, so the forms check them like typed text.
pub fn values_at(record: &Value, path: &str) -> Vec<String> {
    let (head, rest) = path.split_once('.').unwrap_or((path, ""));
    let (name, each) = head.strip_suffix("[]").map_or((head, false), |name| (name, true));
    let Some(inner) = record.get(name) else {
        return Vec::new();
    };
    let items: Vec<&Value> = match inner.as_array() {
        Some(items) if each => items.iter().collect(),
        _ => vec![inner],
    };
    items
        .into_iter()
        .flat_map(|item| match (rest, item) {
            ("", Value::Null) => Vec::new(),
            ("", Value::String(text)) => vec![text.clone()],
            ("", other) => vec![other.to_string()],
            (rest, item) => values_at(item, rest),
        })
        .collect()
}

/// How a list is written in one CSV cell.
const LIST_SEPARATOR: &str = "; ";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_found_in_objects_and_lists() {
        let record = serde_json::json!({
            "texts": { "az": { "name": "Qalxan" } },
            "categories": [{ "slug": "soc" }, { "slug": "pentest" }],
            "founded_year": 2019,
            "phone": null,
            "startup": null,
        });
        assert_eq!(values_at(&record, "texts.az.name"), ["Qalxan"]);
        assert_eq!(values_at(&record, "texts.en.name"), Vec::<String>::new());
        assert_eq!(values_at(&record, "categories[].slug"), ["soc", "pentest"]);
        assert_eq!(values_at(&record, "founded_year"), ["2019"]);
        assert!(values_at(&record, "phone").is_empty() && values_at(&record, "startup.stage").is_empty());
    }

    #[test]
    fn every_form_field_is_named_once() {
        for columns in [ORGANIZATION_COLUMNS, SOLUTION_COLUMNS] {
            let mut names: Vec<&str> = columns.iter().map(|column| column.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), columns.len());
        }
    }
}

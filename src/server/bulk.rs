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

use crate::domain::{
    editing::{FormField as F, field::FieldName},
    lang::Lang,
};

/// A CSV column: its name, where its values are in a JSON record (`a.b` goes into an object, `a[]` over
/// a list), and the form field that checks it on import (none where the import reads it itself, or
/// not at all).
pub struct Column {
    pub name: &'static str,
    pub json: &'static str,
    pub form: Option<FieldName>,
}

impl Column {
    /// Whether a cell holds a list, written `a; b; c`.
    pub fn is_list(&self) -> bool {
        self.json.contains("[]")
    }
}

/// A column an editing form's field checks.
const fn column(name: &'static str, json: &'static str, form: FieldName) -> Column {
    Column { name, json, form: Some(form) }
}

/// A column the import reads itself, or not at all.
const fn unchecked(name: &'static str, json: &'static str) -> Column {
    Column { name, json, form: None }
}

/// The columns of `organizations.csv`, in order.
pub const ORGANIZATION_COLUMNS: &[Column] = &[
    unchecked("slug", "slug"),
    column("kind", "kind", F::Kind.name()),
    column("az.name", "texts.az.name", F::Name.of(Lang::Az)),
    column("en.name", "texts.en.name", F::Name.of(Lang::En)),
    column("ru.name", "texts.ru.name", F::Name.of(Lang::Ru)),
    column("az.short_description", "texts.az.short_description", F::ShortDescription.of(Lang::Az)),
    column("en.short_description", "texts.en.short_description", F::ShortDescription.of(Lang::En)),
    column("ru.short_description", "texts.ru.short_description", F::ShortDescription.of(Lang::Ru)),
    column("az.description", "texts.az.description", F::Description.of(Lang::Az)),
    column("en.description", "texts.en.description", F::Description.of(Lang::En)),
    column("ru.description", "texts.ru.description", F::Description.of(Lang::Ru)),
    column("website", "website", F::Website.name()),
    column("email", "email", F::Email.name()),
    column("phone", "phone", F::Phone.name()),
    column("address", "address", F::Address.name()),
    column("city", "city", F::City.name()),
    column("country", "country", F::Country.name()),
    column("founded_year", "founded_year", F::FoundedYear.name()),
    column("employee_range", "employee_range", F::EmployeeRange.name()),
    column("certifications", "certifications[]", F::Certifications.name()),
    column("social_links", "social_links[].url", F::SocialLinks.name()),
    unchecked("categories", "categories[].slug"),
    unchecked("sectors", "sectors[].slug"),
    unchecked("tags", "tags[].slug"),
    unchecked("verified_at", "verified_at"),
    column("startup_stage", "startup.stage", F::Stage.name()),
    column("funding_amount", "startup.funding_raised.amount", F::FundingAmount.name()),
    column("funding_currency", "startup.funding_raised.currency", F::FundingCurrency.name()),
    column("looking_for", "startup.looking_for[]", F::Need.name()),
    column("az.pitch", "startup.pitch.az", F::Pitch.of(Lang::Az)),
    column("en.pitch", "startup.pitch.en", F::Pitch.of(Lang::En)),
    column("ru.pitch", "startup.pitch.ru", F::Pitch.of(Lang::Ru)),
    column("demo_video_url", "startup.demo_video_url", F::DemoVideoUrl.name()),
    column("technology_readiness", "startup.technology_readiness", F::Readiness.name()),
    unchecked("profile_url", "profile_urls.en"),
    column("incident_contact", "incident_contact", F::IncidentContact.name()),
    column("constituency", "constituency", F::Constituency.name()),
];

/// The columns of `solutions.csv`, in order.
pub const SOLUTION_COLUMNS: &[Column] = &[
    unchecked("organization", "organization"),
    unchecked("slug", "slug"),
    column("kind", "kind", F::Kind.name()),
    column("az.name", "texts.az.name", F::Name.of(Lang::Az)),
    column("en.name", "texts.en.name", F::Name.of(Lang::En)),
    column("ru.name", "texts.ru.name", F::Name.of(Lang::Ru)),
    column("az.description", "texts.az.description", F::Description.of(Lang::Az)),
    column("en.description", "texts.en.description", F::Description.of(Lang::En)),
    column("ru.description", "texts.ru.description", F::Description.of(Lang::Ru)),
    column("deployment", "deployment", F::Deployment.name()),
    column("certifications", "certifications[]", F::Certifications.name()),
    column("url", "url", F::Url.name()),
    unchecked("categories", "categories[].slug"),
    unchecked("sectors", "sectors[].slug"),
    unchecked("page_url", "page_urls.en"),
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
            let mut fields: Vec<String> = columns.iter().filter_map(|column| column.form).map(String::from).collect();
            let checked = fields.len();
            fields.sort_unstable();
            fields.dedup();
            assert_eq!(fields.len(), checked, "a form field checks one column");
        }
    }
}

//! The fields of the editing forms, by one name in every layer: the form's inputs, its parsing, the
//! messages next to each field, how complete a profile is, and the labels staff and editors read.
use std::{fmt, str::FromStr};

use crate::domain::lang::Lang;

text_enum! {
    /// A field of the profile or solution form. `Logo` and `Translations` are no inputs of the form but
    /// parts of a profile that completeness and reviews speak of.
    pub enum FormField {
        Logo = "logo",
        Name = "name",
        ShortDescription = "short_description",
        Description = "description",
        Translations = "translations",
        Kind = "kind",
        Website = "website",
        Email = "email",
        Phone = "phone",
        Address = "address",
        City = "city",
        Country = "country",
        IncidentContact = "incident_contact",
        Constituency = "constituency",
        EmployeeRange = "employee_range",
        FoundedYear = "founded_year",
        Certifications = "certifications",
        SocialLinks = "social_links",
        Category = "category",
        Sector = "sector",
        Stage = "stage",
        Need = "need",
        Pitch = "pitch",
        FundingAmount = "funding_amount",
        FundingCurrency = "funding_currency",
        DemoVideoUrl = "demo_video_url",
        Readiness = "readiness",
        Deployment = "deployment",
        Url = "url",
    }
}

impl FormField {
    /// The field's input for a text in one language: `az.name`.
    pub const fn of(self, lang: Lang) -> FieldName {
        FieldName { field: self, lang: Some(lang) }
    }

    /// The field's input when it holds no text of one language: `website`.
    pub const fn name(self) -> FieldName {
        FieldName { field: self, lang: None }
    }
}

/// A field as a form names its input: `website`, or `az.name` for a text in one language. It is sent
/// and stored by that name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct FieldName {
    pub field: FormField,
    pub lang: Option<Lang>,
}

impl FieldName {
    /// The field an input's name stands for, if it is one of the editing forms'.
    pub fn parse(name: &str) -> Option<FieldName> {
        match name.split_once('.') {
            Some((lang, field)) => Some(FormField::of(field.parse().ok()?, lang.parse().ok()?)),
            None => Some(name.parse::<FormField>().ok()?.name()),
        }
    }
}

/// A name that is none of the editing forms' fields.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no field of the editing forms is named {0:?}")]
pub struct UnknownField(pub String);

impl FromStr for FieldName {
    type Err = UnknownField;

    fn from_str(name: &str) -> Result<FieldName, UnknownField> {
        FieldName::parse(name).ok_or_else(|| UnknownField(name.to_owned()))
    }
}

impl TryFrom<String> for FieldName {
    type Error = UnknownField;

    fn try_from(name: String) -> Result<FieldName, UnknownField> {
        name.parse()
    }
}

impl From<FormField> for FieldName {
    fn from(field: FormField) -> FieldName {
        field.name()
    }
}

impl fmt::Display for FieldName {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.lang {
            Some(lang) => write!(formatter, "{lang}.{}", self.field),
            None => formatter.write_str(self.field.as_str()),
        }
    }
}

impl From<FieldName> for String {
    fn from(name: FieldName) -> String {
        name.to_string()
    }
}

impl From<FormField> for String {
    fn from(field: FormField) -> String {
        field.as_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_name_reads_back_as_its_field() {
        for field in FormField::ALL {
            assert_eq!(FieldName::parse(field.as_str()), Some(FieldName::from(*field)));
            for lang in Lang::ALL {
                let name = field.of(*lang);
                assert_eq!(FieldName::parse(&name.to_string()), Some(name));
            }
        }
        assert_eq!(FieldName::parse("en.description").map(|name| name.to_string()).as_deref(), Some("en.description"));
        assert_eq!(FieldName::parse("founded"), None, "an unknown field is no field at all");
        assert_eq!(FieldName::parse("de.name"), None);
    }
}

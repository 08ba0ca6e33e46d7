//! The fields of the editing forms, by one name in every layer: the form's inputs, its parsing, the
//! messages next to each field, how complete a profile is, and the labels staff and editors read.
use std::fmt;

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
    pub fn of(self, lang: Lang) -> FieldName {
        FieldName { field: self, lang: Some(lang) }
    }
}

/// A field as a form names its input: `website`, or `az.name` for a text in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FieldName {
    pub field: FormField,
    pub lang: Option<Lang>,
}

impl FieldName {
    /// The field an input's name stands for, if it is one of the editing forms'.
    pub fn parse(name: &str) -> Option<FieldName> {
        match name.split_once('.') {
            Some((lang, field)) => Some(FormField::of(field.parse().ok()?, lang.parse().ok()?)),
            None => Some(FieldName::from(name.parse::<FormField>().ok()?)),
        }
    }
}

impl From<FormField> for FieldName {
    fn from(field: FormField) -> FieldName {
        FieldName { field, lang: None }
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

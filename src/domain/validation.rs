//! What can be wrong with one field of a form, in words the interface translates.
use serde::{Deserialize, Serialize};

/// Why a field's value was refused. The interface turns each into a sentence in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    OutOfRange {
        min: i64,
        max: i64,
    },
    InvalidEmail,
    InvalidUrl,
    InvalidSlug,
    InvalidChoice,
    /// Another record already uses this value (a slug, an email).
    Taken,
    /// A password on the lists attackers try first.
    CommonPassword,
    /// The email address and password do not belong together (which of them is wrong is not said).
    WrongCredentials,
    /// The account was disabled by forum staff.
    AccountDisabled,
    /// An authenticator code that is not the current one.
    WrongCode,
    /// An emailed link that was already used, has expired, or never existed.
    LinkExpired,
    /// The account's email address is not confirmed yet, and this needs it.
    EmailNotConfirmed,
    /// The listing already has an owner.
    AlreadyOwned,
    /// Someone else decided this first, or a newer change replaced it.
    AlreadyDecided,
    /// Not a calendar date written as YYYY-MM-DD.
    InvalidDate,
    /// A taxonomy term that listings, solutions or waiting changes still use.
    /// A description in a language whose name in that language is missing.
    NameForTranslation {
        lang: super::lang::Lang,
    },
    InUse {
        count: i64,
    },
    /// A category that still has subcategories.
    HasChildren,
    /// An upload larger than the limit, in MiB.
    FileTooLarge {
        max_mib: u32,
    },
    /// An upload that is not a PNG, JPEG or WebP image (SVG included: it can carry scripts).
    UnsupportedImage,
    /// An image wider or taller than the limit, in pixels.
    ImageTooLarge {
        max_px: u32,
    },
    /// An image that cannot be read.
    UnreadableImage,
}

/// A refused value: which field, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{field}: {problem:?}")]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        FieldError { field: field.into(), problem }
    }
}

/// Checks that a trimmed text is present and at most `max` characters long.
pub fn required_text(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    optional_text(field, value, max).map(|text| text.unwrap_or_default())
}

/// Checks that a text, when present, is at most `max` characters long; empty means absent. The text
/// is normalised first (see [`normalise_text`]), as every form text passes here.
pub fn optional_text(field: &str, value: &str, max: usize) -> Result<Option<String>, FieldError> {
    let value = normalise_text(value);
    if value.chars().count() > max {
        return Err(FieldError::new(field, Problem::TooLong { max }));
    }
    Ok((!value.is_empty()).then_some(value))
}

/// A text as the domain keeps it: line breaks as `\n` (browsers send a textarea's as `\r\n`), no
/// whitespace at the end of a line, none around the whole. So an untouched text is no change.
pub fn normalise_text(value: &str) -> String {
    let text = value.replace("\r\n", "\n").replace('\r', "\n");
    text.split('\n').map(str::trim_end).collect::<Vec<_>>().join("\n").trim().to_owned()
}

/// Checks an optional `http(s)://host/...` address.
pub fn optional_url(field: &str, value: &str) -> Result<Option<String>, FieldError> {
    let Some(url) = optional_text(field, value, 500)? else {
        return Ok(None);
    };
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .and_then(|rest| rest.split(['/', '?', '#']).next())
        .unwrap_or_default();
    let host_is_plausible = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':'));
    if host_is_plausible && !url.chars().any(char::is_whitespace) {
        Ok(Some(url))
    } else {
        Err(FieldError::new(field, Problem::InvalidUrl))
    }
}

/// A required name in every language, from fields named `{lang}.{field}`; each missing one is an error.
pub fn names_in_every_language(
    value: &impl Fn(&str) -> String,
    field: &str,
    max: usize,
    errors: &mut Vec<FieldError>,
) -> super::lang::Translations<String> {
    let mut names = super::lang::Translations::new();
    for &lang in super::lang::Lang::ALL {
        let name = format!("{lang}.{field}");
        match required_text(&name, &value(&name), max) {
            Ok(text) => names.insert(lang, text),
            Err(error) => errors.push(error),
        }
    }
    names
}

/// A form as a browser submits it: name and value pairs in order, where a checkbox group repeats its
/// name. What a form of a few loose fields reads (a staff decision); the editing forms have types of
/// their own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormValues(pub Vec<(String, String)>);

impl FormValues {
    pub fn value(&self, name: &str) -> &str {
        first_value(&self.0, name)
    }

    pub fn values(&self, name: &str) -> Vec<&str> {
        every_value(&self.0, name)
    }
}

/// The first value of field `name`, or empty.
pub fn first_value<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs.iter().find(|(field, _)| field == name).map(|(_, value)| value.as_str()).unwrap_or_default()
}

/// Every value of a repeated field.
pub fn every_value<'a>(pairs: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    pairs.iter().filter(|(field, _)| field == name).map(|(_, value)| value.as_str()).collect()
}

/// Certifications, one a line: at most 30 of at most 120 characters.
pub fn parse_certifications(text: &str, errors: &mut Vec<FieldError>) -> Vec<String> {
    let certifications: Vec<String> =
        text.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned).collect();
    if certifications.len() > 30 || certifications.iter().any(|line| line.chars().count() > 120) {
        errors.push(FieldError::new("certifications", Problem::TooLong { max: 120 }));
    }
    certifications
}

/// Taxonomy ids of a repeated field, sorted and without repeats, as profiles keep them.
pub fn parse_ids(field: &str, values: &[&str], errors: &mut Vec<FieldError>) -> Vec<i64> {
    let mut ids = Vec::new();
    for value in values {
        match value.parse::<i64>() {
            Ok(id) => ids.push(id),
            Err(_) => errors.push(FieldError::new(field, Problem::InvalidChoice)),
        }
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// A choice of a closed list (a kind, a country), or the field's error.
pub fn parse_choice<T: std::str::FromStr>(field: &str, value: &str, errors: &mut Vec<FieldError>) -> Option<T> {
    match value.trim().parse() {
        Ok(choice) => Some(choice),
        Err(_) => {
            let problem = if value.trim().is_empty() { Problem::Required } else { Problem::InvalidChoice };
            errors.push(FieldError::new(field, problem));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_text_keeps_one_kind_of_line_break_and_no_trailing_space() {
        assert_eq!(normalise_text("  Bir.  \r\n\r\nİki.\t\r\nÜç\r"), "Bir.\n\nİki.\nÜç");
        assert_eq!(optional_text("d", "a\r\nb", 3), Ok(Some("a\nb".to_owned())), "a line break counts once");
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(required_text("name", "  Qala  ", 10), Ok("Qala".to_owned()));
        assert_eq!(required_text("name", "   ", 10), Err(FieldError::new("name", Problem::Required)));
        assert_eq!(
            required_text("name", "Kibertəhlükəsizlik", 5),
            Err(FieldError::new("name", Problem::TooLong { max: 5 }))
        );
        assert_eq!(optional_text("city", "", 5), Ok(None));
    }

    #[test]
    fn urls_need_a_scheme_and_a_dotted_host() {
        assert_eq!(optional_url("website", "https://cert.gov.az/en"), Ok(Some("https://cert.gov.az/en".into())));
        assert_eq!(optional_url("website", ""), Ok(None));
        for bad in ["cert.gov.az", "https://localhost", "javascript:alert(1)", "https://a b.az", "https://.az"] {
            assert_eq!(optional_url("website", bad), Err(FieldError::new("website", Problem::InvalidUrl)), "{bad}");
        }
    }
}

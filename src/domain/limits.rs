//! How much one request may ask. A page's URL parser keeps to these limits by ignoring what lies
//! beyond them (and saying so); a server function refuses a call beyond them with 400 before any
//! work, so no single request costs more than a page a visitor can click to.
use crate::error::AppError;

/// Values one facet of a directory question may name: more than any filter offers to tick.
pub const MAX_FACET_VALUES: usize = 100;

/// Refuses a text longer than `max_chars` characters.
pub fn check_text(name: &str, value: &str, max_chars: usize) -> Result<(), AppError> {
    // A text of at most `max_chars` bytes needs no counting.
    if value.len() > max_chars && value.chars().count() > max_chars {
        return Err(AppError::BadRequest(format!("{name}: at most {max_chars} characters")));
    }
    Ok(())
}

/// Refuses a list of more than `max` values.
pub fn check_count(name: &str, count: usize, max: usize) -> Result<(), AppError> {
    if count > max {
        return Err(AppError::BadRequest(format!("{name}: at most {max} values")));
    }
    Ok(())
}

/// Refuses a number beyond `max`.
pub fn check_at_most(name: &str, value: u32, max: u32) -> Result<(), AppError> {
    if value > max {
        return Err(AppError::BadRequest(format!("{name}: at most {max}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_refuse_what_lies_beyond_them_with_a_message_that_names_it() {
        assert_eq!(check_text("q", "şəhər", 5), Ok(()), "characters are counted, not bytes");
        assert_eq!(check_text("q", "şəhərlər", 5), Err(AppError::BadRequest("q: at most 5 characters".into())));
        assert_eq!(check_count("city", 100, 100), Ok(()));
        assert_eq!(check_count("city", 101, 100), Err(AppError::BadRequest("city: at most 100 values".into())));
        assert_eq!(check_at_most("page", 10_001, 10_000), Err(AppError::BadRequest("page: at most 10000".into())));
        assert_eq!(AppError::BadRequest(String::new()).status_code(), 400);
    }
}

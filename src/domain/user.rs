//! People who sign in: organization members and forum staff.
use serde::{Deserialize, Serialize};
use std::fmt;
use time::OffsetDateTime;

use super::validation::{FieldError, Problem};

text_enum! {
    /// Forum staff. Curators review and curate listings; admins also manage people and taxonomy.
    pub enum StaffRole {
        Curator = "curator",
        Admin = "admin",
    }
}

text_enum! {
    /// A person's role in one organization. Owners also manage its members.
    pub enum MembershipRole {
        Owner = "owner",
        Editor = "editor",
    }
}

/// An email address, trimmed and lower-cased so that one mailbox is one account.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    /// The longest address there is (RFC 5321's path limit less its angle brackets).
    pub const MAX_LEN: usize = 254;

    pub fn parse(text: &str) -> Result<EmailAddress, FieldError> {
        let email = text.trim().to_lowercase();
        let invalid = || FieldError::new("email", Problem::InvalidEmail);
        let (local, domain) = email.rsplit_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with(['.', '-'])
            && !domain.ends_with(['.', '-'])
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.chars().any(|c| c.is_whitespace() || c.is_control() || c == '@');
        if domain_ok && local_ok && email.len() <= Self::MAX_LEN { Ok(EmailAddress(email)) } else { Err(invalid()) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after `@`, used to match a claimant's address against an organization's website.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, domain)| domain).unwrap_or_default()
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = FieldError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        EmailAddress::parse(&text)
    }
}

impl From<EmailAddress> for String {
    fn from(email: EmailAddress) -> String {
        email.0
    }
}

/// The rule for a new password: long enough, no composition rules (NIST SP 800-63B).
pub fn check_new_password(password: &str) -> Result<(), FieldError> {
    let length = password.chars().count();
    if length < 10 {
        Err(FieldError::new("password", Problem::TooShort { min: 10 }))
    } else if length > 200 {
        Err(FieldError::new("password", Problem::TooLong { max: 200 }))
    } else {
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub email: EmailAddress,
    pub staff_role: Option<StaffRole>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub email_verified_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub disabled_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub user_id: i64,
    pub organization_id: i64,
    pub role: MembershipRole,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        let email = EmailAddress::parse("  Aysel@CERT.gov.AZ ").unwrap();
        assert_eq!(email.as_str(), "aysel@cert.gov.az");
        assert_eq!(email.domain(), "cert.gov.az");
        for bad in ["", "aysel", "aysel@", "@cert.az", "a b@cert.az", "aysel@cert", "aysel@.az", "a@b..az"] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?}");
        }
    }
}

//! Signing in, as pages and server functions talk about it.
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{lang::lang_of_path, user::StaffRole};

/// Where signing in may lead back to: a page of this site in one of its languages (`/en/…`), never
/// another host (`//evil.example`, `/\\evil`), so a shared link cannot send someone elsewhere.
pub fn return_address(next: &str) -> Option<&str> {
    let local = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    let plain = next.len() <= 500 && !next.chars().any(char::is_control);
    (local && plain && lang_of_path(next).is_some()).then_some(next)
}

/// Who is signed in, as every page's frame shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub email: String,
    pub email_verified: bool,
    /// The staff role this session may act with: only after its second factor.
    pub staff_role: Option<StaffRole>,
    /// A staff account whose session has not passed a second factor, so it has no staff powers yet.
    pub staff_awaiting_second_factor: bool,
    /// Whether the account asks for an authenticator code at sign-in.
    pub two_factor: bool,
}

/// Where a correct password leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignInOutcome {
    SignedIn,
    /// The account uses two-factor authentication: the code is asked next.
    CodeNeeded,
}

/// Setting up an authenticator app: the secret as a QR code and as text to type in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetup {
    pub secret: String,
    /// A `data:` URL of the QR code's PNG.
    pub qr_code: String,
    pub otpauth_url: String,
}

/// A mail in the outbox, as admins see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMail {
    pub recipient: String,
    pub subject: String,
    pub body: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub sent_at: Option<OffsetDateTime>,
    pub attempts: i64,
    pub last_error: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::return_address;

    #[test]
    fn sign_in_leads_back_only_to_this_sites_pages() {
        assert_eq!(return_address("/en/organizations/milli-cert"), Some("/en/organizations/milli-cert"));
        for elsewhere in
            ["//evil.example/en", "/\\evil.example", "https://evil.example/en", "/xx/page", "en/page", "/en/\npage"]
        {
            assert_eq!(return_address(elsewhere), None, "{elsewhere:?}");
        }
    }
}

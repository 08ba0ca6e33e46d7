//! Two-factor authentication with an authenticator app (TOTP, RFC 6238): six digits, 30-second steps,
//! one step of clock drift allowed either way, and each step accepted once.
use time::OffsetDateTime;
use totp_rs::{Builder, Secret, Totp};

use crate::error::AppError;

const ISSUER: &str = "Qala";

fn totp(secret: &str, account: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret).ok()?;
    Builder::new().with_secret(secret).with_issuer(Some(ISSUER)).with_account_name(account).build().ok()
}

/// A new random secret, as the base32 text people can also type into their app.
pub fn new_secret() -> String {
    Secret::generate().to_base32()
}

/// The `otpauth://` address an authenticator app reads (from the QR code or a link).
pub fn setup_url(secret: &str, account: &str) -> Result<String, AppError> {
    totp(secret, account).and_then(|totp| totp.to_url().ok()).ok_or_else(|| {
        tracing::error!("a stored TOTP secret does not parse");
        AppError::Internal
    })
}

/// The QR code of the setup address, as a PNG data URL for an `<img>`.
pub fn setup_qr(secret: &str, account: &str) -> Result<String, AppError> {
    let png = totp(secret, account).and_then(|totp| totp.to_qr_base64().ok()).ok_or(AppError::Internal)?;
    Ok(format!("data:image/png;base64,{png}"))
}

/// The time step a code belongs to, when it is the code of now (or of the step before or after).
pub fn matching_step(secret: &str, code: &str, now: OffsetDateTime) -> Option<i64> {
    let code: String = code.chars().filter(char::is_ascii_digit).collect();
    let step = totp(secret, "")?.check(&code, now.unix_timestamp().try_into().ok()?)?;
    step.try_into().ok()
}

/// The code an authenticator app shows at a moment: what a test types in.
pub fn current_code(secret: &str, now: OffsetDateTime) -> String {
    totp(secret, "").map(|totp| totp.generate(now.unix_timestamp().unsigned_abs()).to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_code_matches_and_others_do_not() {
        let secret = new_secret();
        let now = time::macros::datetime!(2026-11-29 10:00:00 UTC);
        let code = current_code(&secret, now);
        assert!(matching_step(&secret, &code, now).is_some());
        assert!(matching_step(&secret, &code, now + time::Duration::seconds(30)).is_some(), "one step of drift");
        assert!(matching_step(&secret, &code, now + time::Duration::minutes(5)).is_none());
        assert!(setup_url(&secret, "aysel@cert.example").unwrap().starts_with("otpauth://totp/Qala:"));
    }
}

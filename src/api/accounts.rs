//! Accounts: signing up, in and out, confirming an address, resetting a password, two-factor codes.
//! Every one is a POST from this site's own forms (checked by the same-origin rule), works as a
//! plain form without JavaScript, and leaves the logic to `server::accounts`.
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::routes;
use crate::{
    domain::{
        account::{OutboxMail, SignInOutcome, TotpSetup, Viewer},
        lang::Lang,
    },
    error::AppError,
};

#[cfg(feature = "ssr")]
fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

/// Who is signed in on this browser, if anyone.
#[server(endpoint = "account/viewer")]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    let state = crate::server::app_state()?;
    let session = crate::server::auth::request_session().await?;
    crate::server::accounts::viewer(&state, &session, now()).await
}

#[server(endpoint = "account/sign-up")]
pub async fn sign_up(lang: Lang, email: String, password: String) -> Result<(), AppError> {
    use crate::server::{accounts, auth, forms};
    let state = crate::server::app_state()?;
    let session = auth::request_session().await?;
    let ip = auth::request_ip().await?;
    let outcome = accounts::sign_up(&state, &session, &ip, lang, &email, &password, now()).await;
    forms::finish::<SignUp, _>(outcome, &[("email", &email)], Some(&routes::account::home(lang))).await
}

#[server(endpoint = "account/sign-in")]
pub async fn sign_in(
    lang: Lang,
    email: String,
    password: String,
    next: Option<String>,
) -> Result<SignInOutcome, AppError> {
    use crate::server::{accounts, auth, forms};
    let state = crate::server::app_state()?;
    let session = auth::request_session().await?;
    let ip = auth::request_ip().await?;
    let outcome = accounts::sign_in(&state, &session, &ip, &email, &password, now()).await;
    // Asked for a code, the page stays: hydrated it shows the code form at once, and a plain post
    // returns to it (its Referer), where the session says a code is awaited.
    // Signed in, to the page that sent them here (a profile's "claim it"), else their account.
    let next = matches!(outcome, Ok(SignInOutcome::SignedIn)).then(|| {
        next.as_deref()
            .and_then(crate::domain::account::return_address)
            .map_or_else(|| routes::account::home(lang), str::to_owned)
    });
    forms::finish::<SignIn, _>(outcome, &[("email", &email)], next.as_deref()).await
}

#[server(endpoint = "account/confirm-code")]
pub async fn confirm_code(lang: Lang, code: String) -> Result<(), AppError> {
    use crate::server::{accounts, auth, forms};
    let state = crate::server::app_state()?;
    let session = auth::request_session().await?;
    let outcome = accounts::confirm_code(&state, &session, &code, now()).await;
    forms::finish::<ConfirmCode, _>(outcome, &[], Some(&routes::account::home(lang))).await
}

/// Whether this browser entered a right password and is asked for its authenticator code.
#[server(endpoint = "account/awaiting-code")]
pub async fn get_awaiting_code() -> Result<bool, AppError> {
    let state = crate::server::app_state()?;
    let session = crate::server::auth::request_session().await?;
    Ok(crate::server::auth::awaiting_code(&state.db, &session, now()).await?.is_some())
}

#[server(endpoint = "account/sign-out")]
pub async fn sign_out(lang: Lang, everywhere: Option<String>) -> Result<(), AppError> {
    use crate::server::{accounts, auth, forms};
    let state = crate::server::app_state()?;
    let session = auth::request_session().await?;
    let outcome = accounts::sign_out(&state, &session, everywhere.is_some(), now()).await;
    forms::finish::<SignOut, _>(outcome, &[], Some(&routes::home(lang))).await
}

#[server(endpoint = "account/confirm-email")]
pub async fn confirm_email(lang: Lang, token: String) -> Result<(), AppError> {
    use crate::server::{accounts, forms};
    let state = crate::server::app_state()?;
    let outcome = accounts::confirm_email(&state, &token, now()).await;
    forms::finish::<ConfirmEmail, _>(outcome, &[], Some(&format!("{}?confirmed=1", routes::account::home(lang)))).await
}

/// Sends the signed-in account a new link to confirm its address.
#[server(endpoint = "account/resend-confirmation")]
pub async fn resend_confirmation(lang: Lang) -> Result<(), AppError> {
    use crate::server::{accounts, auth, forms};
    let state = crate::server::app_state()?;
    let user = auth::require_user().await?;
    let ip = auth::request_ip().await?;
    let outcome = accounts::resend_verification_link(&state, &user, &ip, lang, now()).await;
    forms::finish::<ResendConfirmation, _>(outcome, &[], Some(&format!("{}?sent=1", routes::account::home(lang)))).await
}

#[server(endpoint = "account/forgot-password")]
pub async fn request_password_reset(lang: Lang, email: String) -> Result<(), AppError> {
    use crate::server::{accounts, auth, forms};
    let state = crate::server::app_state()?;
    let ip = auth::request_ip().await?;
    let outcome = accounts::request_password_reset(&state, &ip, lang, &email, now()).await;
    let next = format!("{}?sent=1", routes::account::forgot_password(lang));
    forms::finish::<RequestPasswordReset, _>(outcome, &[("email", &email)], Some(&next)).await
}

/// Whether a password-reset link still works, for the page it opens.
#[server(endpoint = "account/reset-link")]
pub async fn check_reset_link(token: String) -> Result<bool, AppError> {
    let state = crate::server::app_state()?;
    crate::server::accounts::reset_link_is_valid(&state, &token, now()).await
}

#[server(endpoint = "account/reset-password")]
pub async fn reset_password(lang: Lang, token: String, password: String) -> Result<(), AppError> {
    use crate::server::{accounts, auth, forms};
    let state = crate::server::app_state()?;
    let session = auth::request_session().await?;
    let outcome = accounts::reset_password(&state, &session, &token, &password, now()).await;
    // An account with a second factor is asked for its code next, on the sign-in page.
    let next = match outcome {
        Ok(SignInOutcome::CodeNeeded) => routes::account::sign_in(lang),
        _ => format!("{}?password=1", routes::account::home(lang)),
    };
    forms::finish::<ResetPassword, _>(outcome.map(|_| ()), &[], Some(&next)).await
}

#[server(endpoint = "account/two-factor/begin")]
pub async fn begin_totp_setup(lang: Lang) -> Result<(), AppError> {
    use crate::server::{accounts, auth, forms};
    let state = crate::server::app_state()?;
    let session = auth::request_session().await?;
    let outcome = accounts::begin_totp_setup(&state, &session, now()).await;
    forms::finish::<BeginTotpSetup, _>(outcome, &[], Some(&format!("{}#two-factor", routes::account::home(lang)))).await
}

/// The authenticator secret on offer to this browser, if a setup was begun.
#[server(endpoint = "account/two-factor/setup")]
pub async fn get_totp_setup() -> Result<Option<TotpSetup>, AppError> {
    let state = crate::server::app_state()?;
    let session = crate::server::auth::request_session().await?;
    crate::server::accounts::totp_setup(&state, &session, now()).await
}

#[server(endpoint = "account/two-factor/confirm")]
pub async fn confirm_totp_setup(lang: Lang, code: String) -> Result<(), AppError> {
    use crate::server::{accounts, auth, forms};
    let state = crate::server::app_state()?;
    let session = auth::request_session().await?;
    let outcome = accounts::confirm_totp_setup(&state, &session, &code, now()).await;
    forms::finish::<ConfirmTotpSetup, _>(outcome, &[], Some(&format!("{}?two_factor=on", routes::account::home(lang))))
        .await
}

#[server(endpoint = "account/two-factor/off")]
pub async fn turn_off_totp(lang: Lang, code: String) -> Result<(), AppError> {
    use crate::server::{accounts, auth, forms};
    let state = crate::server::app_state()?;
    let session = auth::request_session().await?;
    let outcome = accounts::turn_off_totp(&state, &session, &code, now()).await;
    forms::finish::<TurnOffTotp, _>(outcome, &[], Some(&format!("{}?two_factor=off", routes::account::home(lang))))
        .await
}

/// The newest outgoing mail, sent or not: for admins, since without SMTP mail only reaches the log.
#[server(endpoint = "account/outbox")]
pub async fn get_outbox() -> Result<Vec<OutboxMail>, AppError> {
    let state = crate::server::app_state()?;
    let user = crate::server::auth::require_user().await?;
    crate::server::auth::policy::require_admin(&user)?;
    let mails = state.db.recent_mail(None, 100).await?;
    Ok(mails
        .into_iter()
        .map(|mail| OutboxMail {
            recipient: mail.recipient,
            subject: mail.subject,
            body: mail.body,
            created_at: mail.created_at,
            sent_at: mail.sent_at,
            attempts: mail.attempts,
            last_error: mail.last_error,
        })
        .collect())
}

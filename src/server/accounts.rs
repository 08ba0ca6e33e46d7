//! What signing up, in and out, confirming an address and resetting a password do. The server
//! functions in `api::accounts` are thin wrappers around these, which tests call directly too.
use time::{Duration, OffsetDateTime};
use tower_sessions::Session;

use super::{
    AppState,
    auth::{self, Factors, throttle},
    db::{Actor, AuditRecord, Credentials, TokenPurpose},
    mail,
};
use crate::{
    domain::{
        account::{SignInOutcome, TotpSetup, Viewer},
        audit::AuditAction,
        lang::Lang,
        user::{EmailAddress, User, check_new_password},
        validation::{FieldError, Problem},
    },
    error::AppError,
    routes,
};

/// How long an emailed link to confirm an address works.
const VERIFY_LINK_LIFETIME: Duration = Duration::days(2);
/// How long an emailed password-reset link works.
const RESET_LINK_LIFETIME: Duration = Duration::hours(1);

/// Appends an account event (`account.sign_up`, `account.password_reset`, ...) to the audit log,
/// with the person as its actor and subject.
async fn record(state: &AppState, user: &User, action: AuditAction, now: OffsetDateTime) -> Result<(), AppError> {
    let actor = Actor::person(user);
    state.db.record(&AuditRecord::new(&actor, action, user.email.as_str()), now).await
}

/// Checks a new password: the length rule, then the lists of passwords attackers try first.
pub fn check_password(password: &str, email: &str) -> Result<(), FieldError> {
    check_new_password(password)?;
    let user_inputs: Vec<&str> = email.split(['@', '.']).filter(|part| !part.is_empty()).collect();
    match zxcvbn::zxcvbn(password, &user_inputs).score() {
        zxcvbn::Score::Zero | zxcvbn::Score::One => Err(FieldError::new("password", Problem::CommonPassword)),
        _ => Ok(()),
    }
}

/// Creates an account, signs it in and mails a link to confirm the address. An address that already
/// has an account gets a mail telling its owner how to sign in instead, and the visitor the same answer
/// as for a new account, so sign-up does not tell strangers which addresses have accounts.
pub async fn sign_up(
    state: &AppState,
    session: &Session,
    ip: &str,
    lang: Lang,
    email: &str,
    password: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let email = EmailAddress::parse(email);
    let password_check = check_password(password, email.as_ref().map(EmailAddress::as_str).unwrap_or_default());
    let problems: Vec<FieldError> =
        [email.as_ref().err(), password_check.as_ref().err()].into_iter().flatten().cloned().collect();
    let email = match email {
        Ok(email) if problems.is_empty() => email,
        _ => return Err(AppError::Invalid(problems)),
    };
    let ip_scope = throttle::ip_scope(ip);
    let attempt = throttle::admit(&state.db, &[(throttle::SIGNUP_PER_IP, &ip_scope)], now).await?;
    // Hashed either way, so the time taken does not tell either.
    let hash = auth::hash_password(password.to_owned()).await?;
    if state.db.credentials_by_email(email.as_str()).await?.is_some() {
        let (sign_in, reset) = (
            format!("{}{}", state.public_url, routes::account::sign_in(lang)),
            format!("{}{}", state.public_url, routes::account::forgot_password(lang)),
        );
        let message = mail::Message::SignUpWithExistingAddress { sign_in: &sign_in, reset: &reset };
        mail::queue(&state.db, email.as_str(), message, lang, now).await?;
        return attempt.settle(&state.db, true).await;
    }
    let user = state.db.create_user(&email, Some(&hash), None, false, now).await?;
    record(state, &user, AuditAction::SignUp, now).await?;
    send_verification_link(state, &user, lang, now).await?;
    attempt.settle(&state.db, true).await?;
    let credentials = state.db.credentials_by_id(user.id).await?.ok_or(AppError::NotFound)?;
    auth::start_session(session, &credentials, Factors::PasswordOnly, now).await
}

/// Mails the signed-in account another link to confirm its address, a few times an hour at most.
pub async fn resend_verification_link(
    state: &AppState,
    user: &User,
    ip: &str,
    lang: Lang,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let (account_scope, ip_scope) = (throttle::account_scope(&user.email), throttle::ip_scope(ip));
    let attempt = throttle::admit(
        &state.db,
        &[(throttle::CONFIRMATION_PER_ACCOUNT, &account_scope), (throttle::SIGNUP_PER_IP, &ip_scope)],
        now,
    )
    .await?;
    send_verification_link(state, user, lang, now).await?;
    attempt.settle(&state.db, true).await
}

/// Mails a fresh link that confirms the account's address.
async fn send_verification_link(
    state: &AppState,
    user: &User,
    lang: Lang,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let (token, hash) = auth::new_token()?;
    state.db.store_email_token(TokenPurpose::VerifyEmail, user.id, &hash, now + VERIFY_LINK_LIFETIME, now).await?;
    let link = format!("{}{}?token={token}", state.public_url, routes::account::verify_email(lang));
    mail::queue(&state.db, user.email.as_str(), mail::Message::VerifyEmail { link: &link }, lang, now).await
}

/// Confirms the address a link was sent to. The link works once.
pub async fn confirm_email(state: &AppState, token: &str, now: OffsetDateTime) -> Result<(), AppError> {
    let user_id = state
        .db
        .use_email_token(TokenPurpose::VerifyEmail, &auth::token_hash(token), now)
        .await?
        .ok_or_else(|| FieldError::new("token", Problem::LinkExpired))?;
    state.db.mark_email_verified(user_id, now).await?;
    // A confirmed address joins the listings that invited it.
    let credentials = state.db.credentials_by_id(user_id).await?.ok_or(AppError::NotFound)?;
    record(state, &credentials.user, AuditAction::ConfirmEmail, now).await?;
    state.db.accept_invitations(user_id, credentials.user.email.as_str(), now).await
}

/// Checks an email address and password. An account with two-factor authentication then waits for
/// its code; any other is signed in at once.
pub async fn sign_in(
    state: &AppState,
    session: &Session,
    ip: &str,
    email: &str,
    password: &str,
    now: OffsetDateTime,
) -> Result<SignInOutcome, AppError> {
    // Only a checked address names an account's throttle scope (and is looked up at all).
    let email = EmailAddress::parse(email)?;
    let (account_scope, ip_scope) = (throttle::account_scope(&email), throttle::ip_scope(ip));
    let attempt = throttle::admit(
        &state.db,
        &[(throttle::LOGIN_PER_ACCOUNT, &account_scope), (throttle::LOGIN_PER_IP, &ip_scope)],
        now,
    )
    .await?;
    let credentials = state.db.credentials_by_email(email.as_str()).await?;
    let hash = credentials.as_ref().and_then(|credentials| credentials.password_hash.clone());
    let matches = auth::password_matches(password.to_owned(), hash).await;
    attempt.settle(&state.db, matches).await?;
    let credentials = match credentials {
        Some(credentials) if matches => credentials,
        _ => return Err(FieldError::new("password", Problem::WrongCredentials).into()),
    };
    if credentials.user.disabled_at.is_some() {
        return Err(FieldError::new("email", Problem::AccountDisabled).into());
    }
    password_proven(session, &credentials, now).await
}

/// Signs in an account whose password was just proven (typed, or set from a reset link): at once, or
/// after the code of its authenticator app when it has one.
async fn password_proven(
    session: &Session,
    credentials: &Credentials,
    now: OffsetDateTime,
) -> Result<SignInOutcome, AppError> {
    if credentials.totp_secret.is_some() {
        auth::await_code(session, credentials, now).await?;
        return Ok(SignInOutcome::CodeNeeded);
    }
    auth::start_session(session, credentials, Factors::PasswordOnly, now).await?;
    Ok(SignInOutcome::SignedIn)
}

/// Finishes signing in with the code from the account's authenticator app.
pub async fn confirm_code(
    state: &AppState,
    session: &Session,
    code: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let credentials = auth::awaiting_code(&state.db, session, now).await?.ok_or(AppError::Unauthorized)?;
    let account_scope = throttle::account_scope(&credentials.user.email);
    let attempt = throttle::admit(&state.db, &[(throttle::LOGIN_PER_ACCOUNT, &account_scope)], now).await?;
    let step = credentials.totp_secret.as_deref().and_then(|secret| auth::totp::matching_step(secret, code, now));
    let valid = match step {
        Some(step) => state.db.use_totp_step(credentials.user.id, step).await?,
        None => false,
    };
    attempt.settle(&state.db, valid).await?;
    if !valid {
        return Err(FieldError::new("code", Problem::WrongCode).into());
    }
    auth::start_session(session, &credentials, Factors::SecondFactor, now).await
}

/// Mails a link to choose a new password, when the address has an account. The answer is the same
/// either way, so the form does not tell strangers which addresses have accounts.
pub async fn request_password_reset(
    state: &AppState,
    ip: &str,
    lang: Lang,
    email: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let email = EmailAddress::parse(email)?;
    let (account_scope, ip_scope) = (throttle::account_scope(&email), throttle::ip_scope(ip));
    let attempt = throttle::admit(
        &state.db,
        &[(throttle::RESET_PER_ACCOUNT, &account_scope), (throttle::RESET_PER_IP, &ip_scope)],
        now,
    )
    .await?;
    attempt.settle(&state.db, true).await?;
    let Some(credentials) = state.db.credentials_by_email(email.as_str()).await? else {
        return Ok(());
    };
    if credentials.user.disabled_at.is_some() {
        return Ok(());
    }
    let (token, hash) = auth::new_token()?;
    state
        .db
        .store_email_token(TokenPurpose::ResetPassword, credentials.user.id, &hash, now + RESET_LINK_LIFETIME, now)
        .await?;
    let link = format!("{}{}?token={token}", state.public_url, routes::account::reset_password(lang));
    mail::queue(&state.db, email.as_str(), mail::Message::ResetPassword { link: &link }, lang, now).await
}

/// Whether a reset link can still be used, for the page it opens.
pub async fn reset_link_is_valid(state: &AppState, token: &str, now: OffsetDateTime) -> Result<bool, AppError> {
    Ok(state.db.peek_email_token(TokenPurpose::ResetPassword, &auth::token_hash(token), now).await?.is_some())
}

/// Sets a new password from an emailed link. Every other session of the account ends. This browser
/// proved it reads the account's mail, which is one factor: an account without a second factor is
/// signed in, one with it is left awaiting its code, as after a right password.
pub async fn reset_password(
    state: &AppState,
    session: &Session,
    token: &str,
    password: &str,
    now: OffsetDateTime,
) -> Result<SignInOutcome, AppError> {
    let token_hash = auth::token_hash(token);
    let user_id = state
        .db
        .peek_email_token(TokenPurpose::ResetPassword, &token_hash, now)
        .await?
        .ok_or_else(|| FieldError::new("token", Problem::LinkExpired))?;
    let account = state.db.credentials_by_id(user_id).await?.ok_or(AppError::NotFound)?;
    check_password(password, account.user.email.as_str())?;
    let hash = auth::hash_password(password.to_owned()).await?;
    // Used only now that the password is acceptable, so a refused password leaves the link working.
    state
        .db
        .use_email_token(TokenPurpose::ResetPassword, &token_hash, now)
        .await?
        .ok_or_else(|| FieldError::new("token", Problem::LinkExpired))?;
    state.db.set_password(user_id, &hash, now).await?;
    state.db.mark_email_verified(user_id, now).await?;
    let credentials: Credentials = state.db.credentials_by_id(user_id).await?.ok_or(AppError::NotFound)?;
    record(state, &credentials.user, AuditAction::PasswordReset, now).await?;
    // The reset link proved the address, as a confirmation link would: it joins the listings that invited it.
    state.db.accept_invitations(user_id, credentials.user.email.as_str(), now).await?;
    password_proven(session, &credentials, now).await
}

/// Ends this session, or with `everywhere` every session of the account.
pub async fn sign_out(
    state: &AppState,
    session: &Session,
    everywhere: bool,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    if everywhere && let Some(credentials) = auth::signed_in(&state.db, session, now).await? {
        state.db.end_sessions(credentials.user.id, now).await?;
        record(state, &credentials.user, AuditAction::SignOutEverywhere, now).await?;
    }
    session.flush().await.map_err(auth::session_error)
}

/// Who is signed in on a session, as the pages show it.
pub async fn viewer(state: &AppState, session: &Session, now: OffsetDateTime) -> Result<Option<Viewer>, AppError> {
    let Some(account) = auth::signed_in_account(&state.db, session, now).await? else {
        return Ok(None);
    };
    Ok(Some(Viewer {
        email: account.stored.user.email.to_string(),
        email_verified: account.stored.user.email_verified_at.is_some(),
        staff_role: account.staff_powers(),
        staff_awaiting_second_factor: account.staff_awaiting_second_factor(),
        two_factor: account.stored.totp_secret.is_some(),
    }))
}

/// After the second factor is turned on or off: every other session of the account ends, and this one
/// goes on under a new id and the new epoch, with the factors it has now.
async fn restart_after_factor_change(
    state: &AppState,
    session: &Session,
    user_id: i64,
    factors: Factors,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    state.db.end_sessions(user_id, now).await?;
    let credentials = state.db.credentials_by_id(user_id).await?.ok_or(AppError::NotFound)?;
    auth::start_session(session, &credentials, factors, now).await
}

/// Offers the signed-in account a new authenticator secret; it counts once a code from it is confirmed.
pub async fn begin_totp_setup(state: &AppState, session: &Session, now: OffsetDateTime) -> Result<(), AppError> {
    auth::signed_in(&state.db, session, now).await?.ok_or(AppError::Unauthorized)?;
    auth::offer_totp_secret(session, Some(auth::totp::new_secret())).await
}

/// The secret on offer to this session, as a QR code and text.
pub async fn totp_setup(
    state: &AppState,
    session: &Session,
    now: OffsetDateTime,
) -> Result<Option<TotpSetup>, AppError> {
    let Some(credentials) = auth::signed_in(&state.db, session, now).await? else {
        return Ok(None);
    };
    let Some(secret) = auth::pending_totp_secret(session).await? else {
        return Ok(None);
    };
    let account = credentials.user.email.as_str();
    Ok(Some(TotpSetup {
        qr_code: auth::totp::setup_qr(&secret, account)?,
        otpauth_url: auth::totp::setup_url(&secret, account)?,
        secret,
    }))
}

/// Turns two-factor authentication on, once a code shows the app has the offered secret.
pub async fn confirm_totp_setup(
    state: &AppState,
    session: &Session,
    code: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let credentials = auth::signed_in(&state.db, session, now).await?.ok_or(AppError::Unauthorized)?;
    let secret = auth::pending_totp_secret(session).await?.ok_or(AppError::NotFound)?;
    let step =
        auth::totp::matching_step(&secret, code, now).ok_or_else(|| FieldError::new("code", Problem::WrongCode))?;
    state.db.set_totp_secret(credentials.user.id, Some(&secret), now).await?;
    state.db.use_totp_step(credentials.user.id, step).await?;
    record(state, &credentials.user, AuditAction::TwoFactorOn, now).await?;
    auth::offer_totp_secret(session, None).await?;
    // The code just typed is this session's second factor.
    restart_after_factor_change(state, session, credentials.user.id, Factors::SecondFactor, now).await
}

/// Turns two-factor authentication off, with a current code as proof that the app is at hand.
pub async fn turn_off_totp(
    state: &AppState,
    session: &Session,
    code: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let credentials = auth::signed_in(&state.db, session, now).await?.ok_or(AppError::Unauthorized)?;
    let secret = credentials.totp_secret.as_deref().ok_or(AppError::NotFound)?;
    let step =
        auth::totp::matching_step(secret, code, now).ok_or_else(|| FieldError::new("code", Problem::WrongCode))?;
    if !state.db.use_totp_step(credentials.user.id, step).await? {
        return Err(FieldError::new("code", Problem::WrongCode).into());
    }
    state.db.set_totp_secret(credentials.user.id, None, now).await?;
    record(state, &credentials.user, AuditAction::TwoFactorOff, now).await?;
    restart_after_factor_change(state, session, credentials.user.id, Factors::PasswordOnly, now).await
}

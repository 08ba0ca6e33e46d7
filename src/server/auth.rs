//! Accounts on the server: who is signed in, passwords, one-time links, throttling, and the
//! same-origin rule every write passes. Sessions are tower-sessions records in the database.
pub mod origin;
pub mod policy;
mod store;
pub mod throttle;
pub mod totp;

use std::{net::IpAddr, sync::LazyLock};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use tower_sessions::{Expiry, Session, SessionManagerLayer, cookie::SameSite};

pub use store::DatabaseSessionStore;

use super::db::{Credentials, Database};
use crate::{
    domain::user::{StaffRole, User},
    error::AppError,
};

/// A session unused this long ends.
pub const IDLE_TIMEOUT: time::Duration = time::Duration::hours(8);
/// A session ends this long after signing in, used or not.
pub const ABSOLUTE_TIMEOUT: time::Duration = time::Duration::days(7);

const SIGNED_IN: &str = "signed_in";
const AWAITING_CODE: &str = "awaiting_code";
const TOTP_SETUP: &str = "totp_setup";

/// What a session remembers about the account signed in on it.
#[derive(Serialize, Deserialize)]
struct SignedIn {
    user_id: i64,
    /// The account's session epoch at sign-in; bumping it ends this session.
    epoch: i64,
    /// Unix time of signing in, for the absolute timeout.
    since: i64,
    /// Whether this session passed the account's second factor. Only such a session holds the
    /// account's staff powers; sessions stored before this was recorded did not.
    #[serde(default)]
    second_factor: bool,
}

/// How a session was signed in: with the password alone, or with the second factor too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Factors {
    PasswordOnly,
    SecondFactor,
}

/// The account signed in on a session, and whether the session passed its second factor.
#[derive(Clone, Debug)]
pub struct SignedInAccount {
    /// The account as stored, with the staff role it was given.
    pub stored: Credentials,
    pub factors: Factors,
}

impl SignedInAccount {
    /// The one rule for staff powers: the account's staff role counts only on a session that passed
    /// the second factor. Everything that checks staff powers reads the role of the user this gives.
    pub fn staff_powers(&self) -> Option<StaffRole> {
        self.stored.user.staff_role.filter(|_| self.factors == Factors::SecondFactor)
    }

    /// A staff account on a session without its second factor: it must pass one to act as staff.
    pub fn staff_awaiting_second_factor(&self) -> bool {
        self.stored.user.staff_role.is_some() && self.staff_powers().is_none()
    }

    /// The account as this session may act: its staff role only with [`Self::staff_powers`].
    pub fn acting(&self) -> Credentials {
        let mut credentials = self.stored.clone();
        credentials.user.staff_role = self.staff_powers();
        credentials
    }
}

/// The session cookie: HttpOnly and SameSite=Lax always; over https also Secure, with the `__Host-`
/// prefix that pins it to this host and path.
pub fn session_layer(store: DatabaseSessionStore, https: bool) -> SessionManagerLayer<DatabaseSessionStore> {
    SessionManagerLayer::new(store)
        .with_name(if https { "__Host-qala_session" } else { "qala_session" })
        .with_secure(https)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(IDLE_TIMEOUT))
}

/// How often a signed-in session's idle deadline is moved forward. Only then is the session written:
/// a request that merely reads it must never write it back, or a request still in flight when its
/// visitor signs out would bring the deleted session back.
const TOUCH_INTERVAL: i64 = 10 * 60;
const TOUCHED: &str = "touched";

/// The request's session, from inside a server function or a page rendered on the server.
pub async fn request_session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|error| {
        tracing::error!(%error, "no session on the request");
        AppError::Internal
    })
}

pub(crate) fn session_error(error: tower_sessions::session::Error) -> AppError {
    tracing::error!(%error, "session store error");
    AppError::Internal
}

/// The account signed in on a session as it may act: its staff role only when this session passed the
/// second factor (see [`SignedInAccount::staff_powers`]).
pub async fn signed_in(db: &Database, session: &Session, now: OffsetDateTime) -> Result<Option<Credentials>, AppError> {
    Ok(signed_in_account(db, session, now).await?.map(|account| account.acting()))
}

/// Whether an account is signed in on a session, as far as the session itself tells (whether it may
/// still act is [`signed_in_account`]'s question). Reads no database when the request has no session.
pub async fn holds_account(session: &Session) -> Result<bool, AppError> {
    Ok(session.get_value(SIGNED_IN).await.map_err(session_error)?.is_some())
}

/// The account signed in on a session, while it may stay signed in. A session whose account was
/// disabled, whose sessions were ended, or that outlived the absolute timeout is ended here.
pub async fn signed_in_account(
    db: &Database,
    session: &Session,
    now: OffsetDateTime,
) -> Result<Option<SignedInAccount>, AppError> {
    let Some(signed_in) = session.get::<SignedIn>(SIGNED_IN).await.map_err(session_error)? else {
        return Ok(None);
    };
    let within_timeout = now.unix_timestamp() - signed_in.since < ABSOLUTE_TIMEOUT.whole_seconds();
    let credentials = db.credentials_by_id(signed_in.user_id).await?.filter(|credentials| {
        within_timeout && credentials.session_epoch == signed_in.epoch && credentials.user.disabled_at.is_none()
    });
    if credentials.is_none() {
        session.flush().await.map_err(session_error)?;
        return Ok(None);
    }
    let touched = session.get::<i64>(TOUCHED).await.map_err(session_error)?.unwrap_or(signed_in.since);
    if now.unix_timestamp() - touched >= TOUCH_INTERVAL {
        session.insert(TOUCHED, now.unix_timestamp()).await.map_err(session_error)?;
    }
    let factors = if signed_in.second_factor { Factors::SecondFactor } else { Factors::PasswordOnly };
    Ok(credentials.map(|stored| SignedInAccount { stored, factors }))
}

/// The account behind the current request, if any.
pub async fn current_user() -> Result<Option<User>, AppError> {
    let state = super::app_state()?;
    let session = request_session().await?;
    Ok(signed_in(&state.db, &session, OffsetDateTime::now_utc()).await?.map(|credentials| credentials.user))
}

/// The account behind the current request; anyone else is refused with 401.
pub async fn require_user() -> Result<User, AppError> {
    current_user().await?.ok_or(AppError::Unauthorized)
}

/// Signs an account in on a fresh session id, so an id planted before sign-in is worthless.
/// `credentials` must be read after any change to the account's session epoch.
pub async fn start_session(
    session: &Session,
    credentials: &Credentials,
    factors: Factors,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)?;
    session.remove_value(AWAITING_CODE).await.map_err(session_error)?;
    let signed_in = SignedIn {
        user_id: credentials.user.id,
        epoch: credentials.session_epoch,
        since: now.unix_timestamp(),
        second_factor: factors == Factors::SecondFactor,
    };
    session.insert(SIGNED_IN, signed_in).await.map_err(session_error)
}

/// Remembers that a password was right and the account's authenticator code is still to come.
pub async fn await_code(session: &Session, credentials: &Credentials, now: OffsetDateTime) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)?;
    session.remove_value(SIGNED_IN).await.map_err(session_error)?;
    let pending = SignedIn {
        user_id: credentials.user.id,
        epoch: credentials.session_epoch,
        since: now.unix_timestamp(),
        second_factor: false,
    };
    session.insert(AWAITING_CODE, pending).await.map_err(session_error)
}

/// The account whose password was accepted on this session in the last five minutes, awaiting its code.
pub async fn awaiting_code(
    db: &Database,
    session: &Session,
    now: OffsetDateTime,
) -> Result<Option<Credentials>, AppError> {
    let Some(pending) = session.get::<SignedIn>(AWAITING_CODE).await.map_err(session_error)? else {
        return Ok(None);
    };
    if now.unix_timestamp() - pending.since > 300 {
        session.remove_value(AWAITING_CODE).await.map_err(session_error)?;
        return Ok(None);
    }
    Ok(db
        .credentials_by_id(pending.user_id)
        .await?
        .filter(|credentials| credentials.session_epoch == pending.epoch && credentials.user.disabled_at.is_none()))
}

/// The authenticator secret offered to this session and not yet confirmed with a code.
pub async fn pending_totp_secret(session: &Session) -> Result<Option<String>, AppError> {
    session.get::<String>(TOTP_SETUP).await.map_err(session_error)
}

pub async fn offer_totp_secret(session: &Session, secret: Option<String>) -> Result<(), AppError> {
    match secret {
        Some(secret) => session.insert(TOTP_SETUP, secret).await.map_err(session_error),
        None => session.remove_value(TOTP_SETUP).await.map(|_| ()).map_err(session_error),
    }
}

/// Hashes with Argon2id on a blocking thread: a hash takes tens of milliseconds of CPU.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password)).await.map_err(|error| {
        tracing::error!(%error, "password hashing failed");
        AppError::Internal
    })
}

/// Checks a password on a blocking thread. Accounts without a password (and unknown addresses) are
/// checked against a stand-in hash, so the time taken does not tell which addresses have accounts.
pub async fn password_matches(password: String, hash: Option<String>) -> bool {
    static STAND_IN: LazyLock<String> = LazyLock::new(|| password_auth::generate_hash("no account has this password"));
    let known = hash.is_some();
    let hash = hash.unwrap_or_else(|| STAND_IN.clone());
    let verified = tokio::task::spawn_blocking(move || password_auth::verify_password(password, &hash).is_ok())
        .await
        .unwrap_or(false);
    known && verified
}

/// A new one-time token for an emailed link, and the hash the database keeps of it.
pub fn new_token() -> Result<(String, String), AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|error| {
        tracing::error!(%error, "no randomness for a token");
        AppError::Internal
    })?;
    let token: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    let hash = token_hash(&token);
    Ok((token, hash))
}

/// What the database keeps of a token: its SHA-256.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.trim().as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The address a request came from: the peer, or, when the peer is a trusted proxy, the last address
/// it says it forwarded for. Headers from anyone else are ignored, since anyone can send them.
pub fn client_ip(parts: &axum::http::request::Parts, trusted_proxies: &[IpAddr]) -> Option<IpAddr> {
    let peer = parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|info| info.0.ip())?;
    if !trusted_proxies.contains(&peer) {
        return Some(peer);
    }
    let forwarded = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|address| address.trim().parse::<IpAddr>().ok())
        .rev()
        .find(|address| !trusted_proxies.contains(address));
    Some(forwarded.unwrap_or(peer))
}

/// The address of the request being handled, as text for throttling.
pub async fn request_ip() -> Result<String, AppError> {
    let state = super::app_state()?;
    let parts = leptos_axum::extract::<axum::http::request::Parts>().await.map_err(|error| {
        tracing::error!(%error, "no request parts");
        AppError::Internal
    })?;
    Ok(client_ip(&parts, &state.trusted_proxies).map(|ip| ip.to_string()).unwrap_or_else(|| "unknown".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{extract::ConnectInfo, http::Request};

    fn parts(peer: &str, forwarded: Option<&str>) -> axum::http::request::Parts {
        let mut builder = Request::builder();
        if let Some(forwarded) = forwarded {
            builder = builder.header("x-forwarded-for", forwarded);
        }
        let (mut parts, ()) = builder.body(()).unwrap().into_parts();
        parts.extensions.insert(ConnectInfo(peer.parse::<std::net::SocketAddr>().unwrap()));
        parts
    }

    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let spoofed = parts("203.0.113.9:5000", Some("198.51.100.1"));
        assert_eq!(client_ip(&spoofed, &[proxy]), Some("203.0.113.9".parse().unwrap()));
        let proxied = parts("10.0.0.2:5000", Some("198.51.100.1, 192.0.2.7, 10.0.0.2"));
        assert_eq!(client_ip(&proxied, &[proxy]), Some("192.0.2.7".parse().unwrap()));
        let direct = parts("10.0.0.2:5000", None);
        assert_eq!(client_ip(&direct, &[proxy]), Some(proxy));
    }

    #[test]
    fn tokens_are_long_random_and_stored_only_as_hashes() {
        let (first, first_hash) = new_token().unwrap();
        let (second, _) = new_token().unwrap();
        assert_eq!(first.len(), 64);
        assert_ne!(first, second);
        assert_eq!(token_hash(&first), first_hash);
        assert_ne!(first_hash, first);
    }
}

//! What every response promises the browser, and what the site tells security researchers.
//!
//! Each request gets a fresh Content-Security-Policy nonce. The page render reads the same nonce
//! from the request (see [`provide_request_nonce`]) and writes it on its own scripts, so a script that
//! hostile text manages to put on a page has no nonce and does not run. The policy goes on every
//! answer (pages, errors, static files, redirects, API), not only on pages: a response without one is
//! a page an attacker can frame or script.
use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use time::{OffsetDateTime, format_description::well_known::Rfc3339};

use crate::server::AppState;

/// The nonce of the request being answered, kept in its extensions for the page render.
#[derive(Clone, Debug)]
struct CspNonce(String);

/// A new nonce: 128 random bits, hex-encoded.
fn new_nonce() -> Option<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).ok()?;
    Some(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}

/// The policy for one response. Scripts run only with the nonce (the islands' loader, which imports
/// the bundle; WebAssembly needs `'wasm-unsafe-eval'`); styles, images and fetches come from the site
/// itself (the authenticator QR code is a `data:` image); no plugins, no `<base>`, no framing, and
/// forms post only here.
fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// Powerful browser features no page here uses.
const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
/// Once a browser has seen the site over https, a year of https only, subdomains included.
const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000; includeSubDomains";

/// Gives the request its nonce and every response its security headers. It wraps every other layer,
/// so answers made before the app is reached (413, a caught panic) carry them too. A header a handler
/// set itself is kept.
pub async fn security_headers(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let Some(nonce) = new_nonce() else {
        tracing::error!("no randomness for a CSP nonce");
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let https = state.public_url.starts_with("https://");
    let policies = [
        (header::CONTENT_SECURITY_POLICY, Some(content_security_policy(&nonce))),
        (HeaderName::from_static("permissions-policy"), Some(PERMISSIONS_POLICY.to_owned())),
        (HeaderName::from_static("cross-origin-opener-policy"), Some("same-origin".to_owned())),
        (header::X_CONTENT_TYPE_OPTIONS, Some("nosniff".to_owned())),
        (header::REFERRER_POLICY, Some("strict-origin-when-cross-origin".to_owned())),
        (header::X_FRAME_OPTIONS, Some("DENY".to_owned())),
        (header::STRICT_TRANSPORT_SECURITY, https.then(|| STRICT_TRANSPORT_SECURITY.to_owned())),
    ];
    for (name, value) in policies {
        if let Some(value) = value.and_then(|value| HeaderValue::try_from(value).ok()) {
            set_if_absent(headers, name, value);
        }
    }
    response
}

fn set_if_absent(headers: &mut HeaderMap, name: HeaderName, value: HeaderValue) {
    if !headers.contains_key(&name) {
        headers.insert(name, value);
    }
}

/// Hands the request's nonce to the page render (in place of the one leptos_axum makes up, which no
/// header would name), so the scripts Leptos writes carry the nonce the policy allows.
pub fn provide_request_nonce() {
    use leptos::prelude::{provide_context, use_context};
    let nonce =
        use_context::<axum::http::request::Parts>().and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(nonce)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

/// The site's `security.txt` (RFC 9116): where to report a vulnerability, until when that holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecurityTxt {
    /// `mailto:` or `https:` addresses, in order of preference.
    pub contacts: Vec<String>,
    pub expires: OffsetDateTime,
}

impl SecurityTxt {
    /// The document, for a site served at `public_url`.
    pub fn render(&self, public_url: &str) -> String {
        let mut text = String::new();
        for contact in &self.contacts {
            text.push_str(&format!("Contact: {contact}\n"));
        }
        let expires = self.expires.format(&Rfc3339).unwrap_or_default();
        text.push_str(&format!("Expires: {expires}\n"));
        text.push_str("Preferred-Languages: az, en, ru\n");
        text.push_str(&format!("Canonical: {public_url}/.well-known/security.txt\n"));
        text
    }
}

/// A `security.txt` contact: a `mailto:` address or an `https:` page, on one line.
pub fn parse_contact(text: &str) -> Result<String, String> {
    let text = text.trim();
    let well_formed = (text.starts_with("mailto:") && text.len() > "mailto:".len() && text.contains('@'))
        || (text.starts_with("https://") && text.len() > "https://".len());
    if well_formed && !text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Ok(text.to_owned())
    } else {
        Err(format!("{text:?} is not a mailto: address or an https:// address"))
    }
}

/// The date `security.txt` stops holding, as RFC 3339 (`2027-06-30T00:00:00Z`).
pub fn parse_expires(text: &str) -> Result<OffsetDateTime, String> {
    OffsetDateTime::parse(text.trim(), &Rfc3339)
        .map_err(|error| format!("{text:?} is not an RFC 3339 time such as 2027-06-30T00:00:00Z: {error}"))
}

/// `/.well-known/security.txt`, when the operator configured a contact; a 404 otherwise, since a
/// file naming nobody would mislead.
pub async fn security_txt(State(state): State<AppState>) -> Response {
    match &state.security_txt {
        Some(document) => (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=86400")],
            document.render(&state.public_url),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_fresh_and_long() {
        let (first, second) = (new_nonce().unwrap(), new_nonce().unwrap());
        assert_eq!(first.len(), 32);
        assert_ne!(first, second);
    }

    #[test]
    fn contacts_are_mail_or_https_on_one_line() {
        assert_eq!(parse_contact(" mailto:security@cert.example ").unwrap(), "mailto:security@cert.example");
        assert!(parse_contact("https://cert.example/report").is_ok());
        assert!(parse_contact("http://cert.example/report").is_err());
        assert!(parse_contact("security@cert.example").is_err());
        assert!(parse_contact("mailto:a@b.example\r\nContact: mailto:evil@x.example").is_err());
    }

    #[test]
    fn the_document_names_contacts_expiry_languages_and_its_address() {
        let document = SecurityTxt {
            contacts: vec!["mailto:security@cert.example".into(), "https://cert.example/report".into()],
            expires: parse_expires("2027-06-30T00:00:00Z").unwrap(),
        };
        assert_eq!(
            document.render("https://qala.example"),
            "Contact: mailto:security@cert.example\nContact: https://cert.example/report\n\
             Expires: 2027-06-30T00:00:00Z\nPreferred-Languages: az, en, ru\n\
             Canonical: https://qala.example/.well-known/security.txt\n"
        );
    }
}

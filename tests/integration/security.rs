//! What every answer promises the browser (the security headers and the CSP nonce the page's scripts
//! carry), security.txt, and hostile names kept as text in the document head.
use axum::{
    Router,
    body::Body,
    http::{HeaderMap, Request, StatusCode, header},
};
use leptos::config::LeptosOptions;
use qala::{
    domain::{lang::Lang, organization::OrganizationKind, solution::SolutionText},
    server::{AppState, db::Database, http::security::SecurityTxt},
};
use time::OffsetDateTime;

use crate::{
    http::{app, get, send},
    on_both_engines,
    repository::{organization, solution, text},
};

/// A name that ends the `<title>` and runs a script, were it written into the head as it is.
const TITLE_BREAKER: &str = "Probe</title><script>alert(1)</script><title>";

/// The router over a site root of its own (static files to serve), at `public_url`.
fn app_at(db: &Database, site_root: &std::path::Path, public_url: &str, security_txt: Option<SecurityTxt>) -> Router {
    let leptos_options = LeptosOptions::builder().output_name("qala").site_root(site_root.to_str().unwrap()).build();
    qala::server::http::router(AppState {
        leptos_options,
        db: db.clone(),
        search: qala::server::search::Search::new(db.clone()),
        public_url: public_url.into(),
        trusted_proxies: Vec::new(),
        security_txt: security_txt.map(std::sync::Arc::new),
    })
}

fn site_root() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    std::fs::create_dir(root.path().join("pkg")).unwrap();
    std::fs::write(root.path().join("pkg/qala.js"), "export default function () {}").unwrap();
    root
}

/// The nonce a Content-Security-Policy allows scripts by, after checking the rest of the policy.
fn checked_policy(headers: &HeaderMap, what: &str) -> String {
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap_or_else(|| panic!("{what}: no Content-Security-Policy"))
        .to_str()
        .unwrap();
    for directive in
        ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]
    {
        assert!(policy.split(';').any(|part| part.trim() == directive), "{what}: {directive} in {policy}");
    }
    let script_src = policy
        .split(';')
        .map(str::trim)
        .find(|part| part.starts_with("script-src "))
        .unwrap_or_else(|| panic!("{what}: no script-src in {policy}"));
    assert!(script_src.contains("'wasm-unsafe-eval'"), "{what}: {script_src}");
    assert!(!script_src.contains("'unsafe-inline'") && !script_src.contains("'unsafe-eval'"), "{what}: {script_src}");
    let nonce = script_src
        .split_whitespace()
        .find_map(|source| source.strip_prefix("'nonce-")?.strip_suffix('\''))
        .unwrap_or_else(|| panic!("{what}: script-src names no nonce: {script_src}"));
    assert!(nonce.len() >= 22, "{what}: a nonce of at least 128 bits: {nonce}");
    for (name, value) in [
        ("permissions-policy", "camera=()"),
        ("cross-origin-opener-policy", "same-origin"),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
    ] {
        let found = headers.get(name).map(|value| value.to_str().unwrap()).unwrap_or_default();
        assert!(found.contains(value), "{what}: {name}: {found}");
    }
    nonce.to_owned()
}

fn hsts(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::STRICT_TRANSPORT_SECURITY).map(|value| value.to_str().unwrap())
}

/// Every `<script …>` opening tag of a page.
fn script_tags(page: &str) -> Vec<&str> {
    page.match_indices("<script").map(|(at, _)| &page[at..at + page[at..].find('>').unwrap() + 1]).collect()
}

on_both_engines!(
    every_answer_carries_the_security_policy,
    page_scripts_carry_the_nonce_their_policy_names,
    security_txt_names_the_configured_contact,
    hostile_names_stay_text_in_the_document_head
);

async fn every_answer_carries_the_security_policy(db: Database) {
    let root = site_root();
    let app = app_at(&db, root.path(), "https://qala.example", None);
    let oversized = Request::post("/en/account/organizations/new")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, (4 * 1024 * 1024).to_string())
        .header(header::ORIGIN, "https://qala.example")
        .body(Body::from(vec![b'a'; 4 * 1024 * 1024]))
        .unwrap();
    let (status, headers, _) = send(&app, oversized).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    checked_policy(&headers, "413");
    let cross_site = Request::post("/en/account/organizations/new")
        .header(header::ORIGIN, "https://attacker.example")
        .body(Body::empty())
        .unwrap();
    let (status, headers, _) = send(&app, cross_site).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    checked_policy(&headers, "a refused cross-site post");

    let mut nonces = Vec::new();
    for (path, expected) in [
        ("/en", StatusCode::OK),
        ("/en/organizations", StatusCode::OK),
        ("/en/no-such-page", StatusCode::NOT_FOUND),
        ("/no-such-file.png", StatusCode::NOT_FOUND),
        ("/", StatusCode::SEE_OTHER),
        ("/en/", StatusCode::PERMANENT_REDIRECT),
        ("/healthz", StatusCode::OK),
        ("/api/v1/organizations", StatusCode::OK),
        ("/api/v1/organizations.csv", StatusCode::OK),
        ("/feed.atom", StatusCode::OK),
        ("/favicon.svg", StatusCode::OK),
        ("/pkg/qala.js", StatusCode::OK),
        ("/.well-known/security.txt", StatusCode::NOT_FOUND),
    ] {
        let (status, headers, _) = get(&app, path, &[]).await;
        assert_eq!(status, expected, "{path}");
        nonces.push(checked_policy(&headers, path));
        assert_eq!(hsts(&headers), Some("max-age=31536000; includeSubDomains"), "{path}: HSTS over https");
    }
    let distinct: std::collections::HashSet<&String> = nonces.iter().collect();
    assert_eq!(distinct.len(), nonces.len(), "a fresh nonce for every answer: {nonces:?}");

    // Over plain http, no HSTS: a browser would refuse the site until it had a certificate.
    let plain = app_at(&db, root.path(), "http://127.0.0.1:3000", None);
    let (_, headers, _) = get(&plain, "/en", &[]).await;
    checked_policy(&headers, "/en over http");
    assert_eq!(hsts(&headers), None);
}

async fn page_scripts_carry_the_nonce_their_policy_names(db: Database) {
    let app = app(&db);
    for path in ["/en", "/az/organizations", "/ru/no-such-page"] {
        let (_, headers, page) = get(&app, path, &[]).await;
        let nonce = checked_policy(&headers, path);
        let scripts = script_tags(&page);
        let executable: Vec<&&str> = scripts.iter().filter(|tag| !tag.contains("application/ld+json")).collect();
        assert!(!executable.is_empty(), "{path}: the islands loader is a script");
        for tag in executable {
            assert!(tag.contains(&format!(r#"nonce="{nonce}""#)), "{path}: {tag} without the policy's nonce {nonce}");
        }
        for tag in page.split("<link").skip(1).filter_map(|tag| tag.split('>').next()) {
            assert!(!tag.contains(&format!(r#"crossorigin="{nonce}""#)), "{path}: the nonce as crossorigin: {tag}");
        }
        assert!(
            page.contains(&format!(r#"<link rel="modulepreload" href="/pkg/qala.js" nonce="{nonce}""#)),
            "{path}: the bundle is preloaded under the nonce"
        );
    }
}

async fn security_txt_names_the_configured_contact(db: Database) {
    let (status, headers, body) = get(&app(&db), "/.well-known/security.txt", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain"));
    let lines: Vec<&str> = body.lines().collect();
    assert!(lines.contains(&"Contact: mailto:security@qala.example"), "{body}");
    assert!(lines.contains(&"Expires: 2030-01-01T00:00:00Z"), "{body}");
    assert!(lines.contains(&"Canonical: https://qala.example/.well-known/security.txt"), "{body}");
}

async fn hostile_names_stay_text_in_the_document_head(db: Database) {
    let now = OffsetDateTime::now_utc();
    let mut listing = organization(TITLE_BREAKER, OrganizationKind::Company);
    listing.profile.texts = listing.profile.texts.with(Lang::En, text(TITLE_BREAKER));
    listing.verified_at = Some(now);
    let id = db.insert_organizations(&[listing], now).await.unwrap()[0];
    let mut offer = solution(id, TITLE_BREAKER);
    offer.details.texts =
        offer.details.texts.with(Lang::En, SolutionText { name: TITLE_BREAKER.into(), description: None });
    db.insert_solutions(&[offer], now).await.unwrap();
    let listing = db.organizations_by_ids(&[id]).await.unwrap().remove(0);
    let offer = db.solutions_of(id).await.unwrap().remove(0);

    let app = app(&db);
    for path in [format!("/en/organizations/{}", listing.slug), format!("/en/solutions/{}", offer.slug)] {
        let (status, _, page) = get(&app, &path, &[]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(!page.contains("<script>alert(1)</script>"), "{path}: the name ran as a script");
        let head = &page[..page.find("</head>").expect("a head")];
        let titles: Vec<&str> = head.match_indices("<title>").map(|(at, _)| &head[at..]).collect();
        assert_eq!(titles.len(), 1, "{path}: one title element in {head}");
        let title = &titles[0][..titles[0].find("</title>").unwrap()];
        assert!(
            title.contains("Probe&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;title&gt;"),
            "{path}: {title}"
        );
    }
}

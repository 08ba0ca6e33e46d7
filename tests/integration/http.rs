//! The site over HTTP: language routing, health, and the home page rendered from the database.
use axum::{
    Router,
    body::Body,
    http::{HeaderMap, Request, StatusCode, header},
};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use qala::{
    domain::{organization::OrganizationKind, solution::SolutionKind},
    server::{AppState, db::Database, seed},
};
use time::OffsetDateTime;
use tower::ServiceExt;

use crate::on_both_engines;

pub fn app(db: &Database) -> Router {
    let leptos_options = LeptosOptions::builder().output_name("qala").site_root("target/site").build();
    qala::server::http::router(AppState {
        leptos_options,
        db: db.clone(),
        search: qala::server::search::Search::new(db.clone()),
        public_url: "https://qala.example".into(),
        trusted_proxies: Vec::new(),
        security_txt: Some(std::sync::Arc::new(qala::server::http::security::SecurityTxt {
            contacts: vec!["mailto:security@qala.example".into()],
            expires: time::macros::datetime!(2030-01-01 0:00 UTC),
        })),
    })
}

pub async fn get(app: &Router, path: &str, headers: &[(header::HeaderName, &str)]) -> (StatusCode, HeaderMap, String) {
    let (status, headers, bytes) = get_bytes(app, path, headers).await;
    (status, headers, String::from_utf8_lossy(&bytes).into_owned())
}

/// A GET whose body is not text (an image, say).
pub async fn get_bytes(
    app: &Router,
    path: &str,
    headers: &[(header::HeaderName, &str)],
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    send(app, request.body(Body::empty()).unwrap()).await
}

/// A POST of a JSON body, as the pages call their server functions.
pub async fn post_json(app: &Router, path: &str, body: &serde_json::Value) -> (StatusCode, HeaderMap, String) {
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT, "application/json")
        .header(header::ORIGIN, "https://qala.example")
        .body(Body::from(body.to_string()))
        .unwrap();
    let (status, headers, bytes) = send(app, request).await;
    (status, headers, String::from_utf8_lossy(&bytes).into_owned())
}

pub async fn send(app: &Router, request: Request<Body>) -> (StatusCode, HeaderMap, Vec<u8>) {
    let response = app.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (parts.status, parts.headers, bytes.to_vec())
}

/// Whether the page has `<link rel="alternate" hreflang=… href=…>`, whatever the attribute order.
fn has_alternate(page: &str, hreflang: &str, href: &str) -> bool {
    page.split("<link").skip(1).filter_map(|tag| tag.split('>').next()).any(|tag| {
        tag.contains(r#"rel="alternate""#)
            && tag.contains(&format!(r#"hreflang="{hreflang}""#))
            && tag.contains(&format!(r#"href="{href}""#))
    })
}

on_both_engines!(
    root_sends_visitors_to_their_language,
    home_page_shows_counts_from_the_database,
    unknown_pages_are_real_404s,
    health_waits_for_the_index_and_reflects_the_database,
    every_label_names_one_control,
    profiles_describe_themselves_without_nulls,
    every_indexable_page_names_one_absolute_address,
    addresses_without_a_language_lead_to_the_visitors_language,
    a_page_is_one_document_with_its_scripts_inside
);

/// Leptos sends its hydration data after the app, `</html>` included; a validator stops at a script
/// after the end of the document. Every page ends with its closing tags, the scripts before them.
async fn a_page_is_one_document_with_its_scripts_inside(db: Database) {
    seed::demo::load(&db, OffsetDateTime::now_utc()).await.unwrap();
    let app = app(&db);
    for path in
        ["/en", "/az/organizations?q=kiber", "/ru/organizations/milli-cert", "/en/account/sign-in", "/en/no-such-page"]
    {
        let (_, _, page) = get(&app, path, &[]).await;
        let page = page.trim_end();
        assert!(page.ends_with("</html>"), "{path}: ends with {:?}", &page[page.len().saturating_sub(200)..]);
        let body_end = page.rfind("</body>").unwrap();
        assert!(!page[body_end..].contains("<script"), "{path}: no script after </body>");
        assert!(page[..body_end].contains("__RESOLVED_RESOURCES"), "{path}: the hydration data is inside <body>");
        assert_eq!(page.matches("</body>").count(), 1, "{path}");
    }
}

/// The `href` of each `<link>` with this `rel`.
fn links(page: &str, rel: &str) -> Vec<String> {
    page.split("<link")
        .skip(1)
        .filter_map(|tag| tag.split('>').next())
        .filter(|tag| tag.contains(&format!(r#"rel="{rel}""#)))
        .filter_map(|tag| tag.split(r#"href=""#).nth(1)?.split('"').next().map(|href| href.replace("&amp;", "&")))
        .collect()
}

/// The page's `<meta name="robots">`, if it has one.
fn robots_meta(page: &str) -> Option<String> {
    let tag = page
        .split("<meta")
        .skip(1)
        .filter_map(|tag| tag.split('>').next())
        .find(|tag| tag.contains(r#"name="robots""#))?;
    tag.split(r#"content=""#).nth(1)?.split('"').next().map(str::to_owned)
}

/// The first JSON-LD block of a page.
fn structured_data(page: &str) -> Option<serde_json::Value> {
    let script = page.split(r#"<script type="application/ld+json">"#).nth(1)?;
    serde_json::from_str(script.split("</script>").next()?).ok()
}

/// Search engines get one absolute address per page on the public URL: the page's own question
/// without tracking parameters. The endless combinations of a search are `noindex, follow`; the
/// whole list and one-filter landing pages are indexed. `x-default` is the page without a language.
async fn every_indexable_page_names_one_absolute_address(db: Database) {
    seed::demo::load(&db, OffsetDateTime::now_utc()).await.unwrap();
    let app = app(&db);
    let public = "https://qala.example";
    for (path, canonical, indexed) in [
        ("/az", "/az", true),
        ("/en/forum", "/en/forum", true),
        ("/ru/privacy?utm_source=mail", "/ru/privacy", true),
        ("/ru/forum?utm_source=mail", "/ru/forum", true),
        ("/en/organizations", "/en/organizations", true),
        ("/en/organizations?utm_source=newsletter&kind=cert", "/en/organizations?kind=cert", true),
        ("/en/organizations?kind=cert&page=1&sort=name", "/en/organizations?kind=cert&sort=name", true),
        ("/az/organizations?q=+kiber+&fbclid=x", "/az/organizations?q=kiber", false),
        ("/en/organizations?kind=cert&kind=startup", "/en/organizations?kind=cert&kind=startup", false),
        ("/en/startups", "/en/startups", true),
        ("/ru/solutions?kind=service&nist=protect", "/ru/solutions?nist=protect&kind=service", false),
        ("/en/landscape?kind=cert&gclid=1", "/en/landscape?kind=cert", true),
        (
            "/en/organizations/abseron-kiber-muhafize-sirketi?ref=x",
            "/en/organizations/abseron-kiber-muhafize-sirketi",
            true,
        ),
        ("/ru/solutions/iec-62443-uzre-qiymetlendirme", "/ru/solutions/iec-62443-uzre-qiymetlendirme", true),
    ] {
        let (status, _, page) = get(&app, path, &[]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(links(&page, "canonical"), [format!("{public}{canonical}")], "{path}: one absolute canonical");
        let robots = robots_meta(&page);
        assert_eq!(robots.is_none(), indexed, "{path}: {robots:?}");
        if !indexed {
            assert_eq!(robots.as_deref(), Some("noindex, follow"), "{path}: its links are still followed");
        }
        let own_path = path.split('?').next().unwrap();
        let neutral = own_path[1..].split_once('/').map_or("/".to_owned(), |(_, rest)| format!("/{rest}"));
        assert!(has_alternate(&page, "x-default", &format!("{public}{neutral}")), "{path}: x-default {neutral}");
    }
    // Pages nobody should find through a search engine say so, and name no canonical address.
    for path in ["/en/account/sign-in", "/en/nowhere-at-all"] {
        let (_, _, page) = get(&app, path, &[]).await;
        assert_eq!(robots_meta(&page).as_deref(), Some("noindex"), "{path}");
        assert!(links(&page, "canonical").is_empty(), "{path}");
    }
}

/// What `x-default` and the feed's entry ids name: a section's address without a language, which
/// leads to the same page in the visitor's language and keeps the question.
async fn addresses_without_a_language_lead_to_the_visitors_language(db: Database) {
    seed::demo::load(&db, OffsetDateTime::now_utc()).await.unwrap();
    let app = app(&db);
    for (path, headers, expected) in [
        ("/organizations/milli-cert", vec![], "/az/organizations/milli-cert"),
        ("/organizations?kind=cert", vec![(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")], "/en/organizations?kind=cert"),
        (
            "/solutions/iec-62443-uzre-qiymetlendirme",
            vec![(header::COOKIE, "qala_lang=ru")],
            "/ru/solutions/iec-62443-uzre-qiymetlendirme",
        ),
        ("/forum", vec![(header::ACCEPT_LANGUAGE, "ru")], "/ru/forum"),
        ("/landscape", vec![], "/az/landscape"),
        ("/startups", vec![], "/az/startups"),
    ] {
        let (status, headers, _) = get(&app, path, &headers).await;
        assert!(status.is_redirection(), "{path}: {status}");
        assert_eq!(headers[header::LOCATION], expected, "{path}");
        assert!(headers[header::VARY].to_str().unwrap().contains("accept-language"), "{path}");
    }
    let (status, _, _) = get(&app, "/organisations/milli-cert", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "only the site's sections are redirected");
}

/// Every profile's schema.org data parses and names the organization, leaving out what the listing
/// does not say rather than writing `null` (which search engines report as invalid values).
async fn profiles_describe_themselves_without_nulls(db: Database) {
    fn nulls(value: &serde_json::Value, at: &str, found: &mut Vec<String>) {
        match value {
            serde_json::Value::Null => found.push(at.to_owned()),
            serde_json::Value::Object(members) => {
                members.iter().for_each(|(name, member)| nulls(member, &format!("{at}.{name}"), found))
            }
            serde_json::Value::Array(items) => items.iter().for_each(|item| nulls(item, &format!("{at}[]"), found)),
            _ => {}
        }
    }
    seed::demo::load(&db, OffsetDateTime::now_utc()).await.unwrap();
    let app = app(&db);
    let mut found = Vec::new();
    for organization in db.all_organizations().await.unwrap() {
        let path = format!("/en/organizations/{}", organization.slug);
        let (status, _, body) = get(&app, &path, &[]).await;
        if status != StatusCode::OK {
            continue;
        }
        let script = body.split(r#"<script type="application/ld+json">"#).nth(1).expect("JSON-LD on a profile");
        let data: serde_json::Value = serde_json::from_str(script.split("</script>").next().unwrap()).unwrap();
        assert_eq!(data["@type"], "Organization", "{path}");
        assert!(data["name"].as_str().is_some_and(|name| !name.is_empty()), "{path}");
        nulls(&data, &path, &mut found);
    }
    // Each solution is a Product, a Service or a Course of its organization, described in its own words.
    let mut kinds = std::collections::BTreeSet::new();
    for public_page in db.public_pages().await.unwrap().into_iter().filter(|page| page.path == "solutions") {
        let path = format!("/en/solutions/{}", public_page.slug);
        let (status, _, body) = get(&app, &path, &[]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let data = structured_data(&body).expect("JSON-LD on a solution page");
        let solution = db.solution_by_slug(public_page.slug.as_str()).await.unwrap().unwrap();
        let (kind, role) = match solution.details.kind {
            SolutionKind::Product => ("Product", "manufacturer"),
            SolutionKind::Service => ("Service", "provider"),
            SolutionKind::Training => ("Course", "provider"),
        };
        kinds.insert(kind);
        assert_eq!(data["@type"], kind, "{path}");
        assert_eq!(data[role]["@type"], "Organization", "{path}: {data}");
        let provider = data[role]["url"].as_str().unwrap();
        assert!(provider.starts_with("https://qala.example/en/organizations/"), "{path}: {provider}");
        let (status, _, profile) = get(&app, provider.trim_start_matches("https://qala.example"), &[]).await;
        assert_eq!(status, StatusCode::OK, "{path}: the provider's profile");
        let provider_name = data[role]["name"].as_str().unwrap();
        assert!(structured_data(&profile).is_some_and(|organization| organization["name"] == provider_name), "{path}");
        let description = data["description"].as_str().unwrap();
        assert_ne!(description, provider_name, "{path}: a description of the solution, not its provider's name");
        let meta = body.split(r#"<meta name="description" content=""#).nth(1).unwrap().split('"').next().unwrap();
        assert_eq!(meta.replace("&amp;", "&").replace("&quot;", "\""), description, "{path}");
        nulls(&data, &path, &mut found);
    }
    assert_eq!(kinds.len(), 3, "the demo data has solutions of every kind: {kinds:?}");
    assert!(found.is_empty(), "null values in structured data: {found:#?}");
}

/// A `<label>` around two controls names neither for a screen reader (and the Nu checker refuses it):
/// the sort select and the no-JS button of every list page each stand on their own.
async fn every_label_names_one_control(db: Database) {
    seed::demo::load(&db, OffsetDateTime::now_utc()).await.unwrap();
    let app = app(&db);
    for path in ["/en/organizations", "/az/organizations?q=kiber", "/en/solutions", "/ru/startups", "/en/landscape"] {
        let (status, _, body) = get(&app, path, &[]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        for label in body.split("<label").skip(1) {
            let inside = label.split("</label>").next().unwrap();
            let controls = ["<select", "<input", "<button", "<textarea"].iter().map(|tag| inside.matches(tag).count());
            assert!(controls.sum::<usize>() <= 1, "{path}: a label holds several controls: <label{inside}</label>");
        }
    }
}

async fn root_sends_visitors_to_their_language(db: Database) {
    let app = app(&db);
    let location = |headers: &HeaderMap| headers[header::LOCATION].to_str().unwrap().to_owned();
    let (status, headers, _) = get(&app, "/", &[]).await;
    assert!(status.is_redirection());
    assert_eq!(location(&headers), "/az", "Azerbaijani by default");
    let (_, headers, _) = get(&app, "/", &[(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9,az;q=0.8")]).await;
    assert_eq!(location(&headers), "/en");
    let (_, headers, _) = get(&app, "/", &[(header::ACCEPT_LANGUAGE, "en"), (header::COOKIE, "qala_lang=ru")]).await;
    assert_eq!(location(&headers), "/ru", "the remembered choice wins over the browser's");

    // Reading a page remembers its language.
    let (_, headers, _) = get(&app, "/en", &[]).await;
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with("qala_lang=en") && cookie.contains("Path=/") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let (_, headers, _) = get(&app, "/en", &[(header::COOKIE, "qala_lang=en")]).await;
    assert!(headers.get(header::SET_COOKIE).is_none(), "no cookie churn when unchanged");
}

async fn home_page_shows_counts_from_the_database(db: Database) {
    seed::demo::load(&db, OffsetDateTime::now_utc()).await.unwrap();
    let stats = db.ecosystem_stats().await.unwrap();
    let app = app(&db);
    for (lang, certs, startups) in [
        ("az", "CERT və CSIRT-lər", "Startaplar"),
        ("en", "CERTs and CSIRTs", "Startups"),
        ("ru", "CERT и CSIRT", "Стартапы"),
    ] {
        let (status, _, page) = get(&app, &format!("/{lang}"), &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(&format!(r#"<html lang="{lang}""#)), "{lang}: html lang");
        for alternate in ["az", "en", "ru"] {
            let href = format!("https://qala.example/{alternate}");
            assert!(has_alternate(&page, alternate, &href), "{lang}: alternate {alternate}");
        }
        assert!(
            has_alternate(&page, "x-default", "https://qala.example/"),
            "{lang}: x-default is the home without a language"
        );
        assert!(page.contains(certs) && page.contains(startups), "{lang}: kind names");
        let cert_link = format!(r#"href="/{lang}/organizations?kind=cert""#);
        let card_start = page.find(&cert_link).expect("a card per kind links to the directory");
        let card = &page[card_start..card_start + 600];
        let count = stats.count_of(OrganizationKind::Cert).to_string();
        assert!(card.contains(&count), "{lang}: the CERT card shows {count}: {card}");
        assert!(page.contains("demo-notice"), "{lang}: the page says the data is fictional");
    }
    let (_, _, russian) = get(&app, "/ru", &[]).await;
    let russian = russian.replace("<!>", ""); // hydration markers, present in some build modes
    let organizations = stats.organizations;
    let expected = match (organizations % 10, organizations % 100) {
        (1, n) if n != 11 => "организация",
        (2..=4, n) if !(12..=14).contains(&n) => "организации",
        _ => "организаций",
    };
    assert!(
        russian.contains(&format!("<dt>{expected}</dt><dd>{organizations}</dd>")),
        "Russian plural for {organizations}"
    );
}

async fn unknown_pages_are_real_404s(db: Database) {
    let app = app(&db);
    for path in ["/xx/", "/xx", "/az/no-such-page", "/en/a/b/c"] {
        let (status, _, page) = get(&app, path, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(page.contains(r#"role="search""#), "{path}: a 404 offers a search box");
    }
    let (_, _, page) = get(&app, "/en/no-such-page", &[]).await;
    assert!(page.contains("We could not find that page") && page.contains(r#"<html lang="en""#));
    // A path in no language of ours is answered in the visitor's: their choice, else their browser's.
    for (headers, lang, heading) in [
        (vec![(header::ACCEPT_LANGUAGE, "ru-RU,ru;q=0.9")], "ru", "Мы не нашли эту страницу"),
        (vec![(header::COOKIE, "qala_lang=en"), (header::ACCEPT_LANGUAGE, "ru")], "en", "We could not find that page"),
        (vec![(header::ACCEPT_LANGUAGE, "de")], "az", "Bu səhifəni tapa bilmədik"),
    ] {
        let (status, reply, page) = get(&app, "/de/organizations", &headers).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(page.contains(&format!(r#"<html lang="{lang}""#)) && page.contains(heading), "{lang}: {headers:?}");
        assert!(page.contains(&format!(r#"href="/{lang}""#)), "{lang}: the way home is in the same language");
        assert!(
            reply[header::VARY].to_str().unwrap().contains("accept-language"),
            "caches keep one answer per language"
        );
    }
}

/// A started instance is not ready until its search index is built (a load balancer sends it no
/// visitor meanwhile); then it is healthy while its database answers.
async fn health_waits_for_the_index_and_reflects_the_database(db: Database) {
    let app = app(&db);
    let (status, _, body) = get(&app, "/healthz", &[]).await;
    assert_eq!((status, body.as_str()), (StatusCode::SERVICE_UNAVAILABLE, "starting: building the search index"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let (status, _, body) = get(&app, "/healthz", &[]).await;
        if status == StatusCode::OK {
            assert_eq!(body, "ok");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the index is built: {status} {body}");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    db.close().await;
    let (status, _, _) = get(&app, "/healthz", &[]).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
}

/// Routers are built while others serve (two app instances in one process, every test here): building
/// one must never leave a page that another is rendering waiting forever.
#[tokio::test]
async fn building_a_router_never_stalls_a_page_being_rendered() {
    let test_db = crate::support::TestDb::sqlite().await;
    let db = test_db.db.clone();
    seed::demo::load(&db, OffsetDateTime::now_utc()).await.unwrap();
    let serving = app(&db);
    let building = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let builder = {
        let (db, building) = (db.clone(), building.clone());
        let runtime = tokio::runtime::Handle::current();
        std::thread::spawn(move || {
            let _entered = runtime.enter();
            while building.load(std::sync::atomic::Ordering::Relaxed) {
                drop(app(&db));
            }
        })
    };
    for path in ["/en", "/az/organizations", "/ru/startups", "/en/landscape", "/en/solutions"] {
        let render = tokio::time::timeout(std::time::Duration::from_secs(20), get(&serving, path, &[])).await;
        let (status, _, _) = render.unwrap_or_else(|_| panic!("{path} was still rendering after 20 s"));
        assert_eq!(status, StatusCode::OK, "{path}");
    }
    building.store(false, std::sync::atomic::Ordering::Relaxed);
    builder.join().unwrap();
    test_db.finish().await;
}

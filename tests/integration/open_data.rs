//! Open data over HTTP: the JSON API and its OpenAPI document, the CSV download, the Atom feed, the
//! sitemap and robots.txt, on both engines.
use qala::server::search::Search;
use std::collections::{BTreeSet, HashMap};

use axum::{
    Router,
    body::Body,
    http::{Method, Request, StatusCode, header},
};
use qala::{
    domain::{
        country::Country,
        directory::{DirectoryQuery, SearchQuery},
        lang::{Lang, Translations},
        organization::{EmployeeRange, ListingStatus, NewOrganization, OrganizationKind, SocialLink, SocialNetwork},
        solution::{Deployment, SolutionDetails, SolutionKind, SolutionText},
        startup::{Currency, Money, ReadinessLevel, StartupFacts, StartupNeed, StartupStage},
    },
    server::{
        db::Database,
        logos::{Logo, demo_emblem},
    },
};
use serde_json::Value;
use time::{Duration, OffsetDateTime, format_description::well_known::Rfc3339, macros::datetime};

use crate::{
    http::{app, get, get_bytes, send},
    on_both_engines,
    repository::{organization, text},
};

const NOW: OffsetDateTime = datetime!(2026-11-28 12:00:00 UTC);
const VERIFIED: OffsetDateTime = datetime!(2026-10-01 09:30:00 UTC);
const PUBLIC: &str = "https://qala.example";
/// Published listings in the seed: five described ones and 22 fillers.
const PUBLISHED: usize = 27;

fn solution_details(kind: SolutionKind, name_az: &str, category_ids: Vec<i64>) -> SolutionDetails {
    SolutionDetails {
        kind,
        texts: Translations::new().with(Lang::Az, SolutionText { name: name_az.to_owned(), description: None }),
        deployment: None,
        certifications: vec![],
        url: None,
        category_ids,
        sector_ids: vec![],
    }
}

/// Five described listings published a day apart, oldest first (milli-cert ten days ago, then
/// kiber-start, a-b-tehlukesizlik, qala-siper-ve-ortaqlar and anadolu-siber six days ago), a draft
/// published after them, and 22 fillers published a hundred days ago. Milli CERT has a logo, set
/// now. Returns its version.
async fn seed(db: &Database) -> String {
    let categories = db.categories().await.unwrap();
    let category = |slug: &str| categories.iter().find(|category| category.slug.as_str() == slug).unwrap().id;
    let sectors = db.sectors().await.unwrap();
    let sector = |slug: &str| sectors.iter().find(|sector| sector.slug.as_str() == slug).unwrap().id;

    let mut cert = organization("Milli CERT", OrganizationKind::Cert);
    cert.profile.texts = Translations::new()
        .with(Lang::Az, text("Milli CERT"))
        .with(Lang::En, text("National CERT"))
        .with(Lang::Ru, text("Национальный CERT"));
    cert.profile.category_ids = vec![category("incident-handling")];
    cert.profile.sector_ids = vec![sector("government")];
    cert.profile.facts.employee_range = Some(EmployeeRange::Small);
    cert.profile.facts.social_links =
        vec![SocialLink { network: SocialNetwork::LinkedIn, url: "https://linkedin.example/milli-cert".into() }];
    cert.verified_at = Some(VERIFIED);
    let mut incidents =
        solution_details(SolutionKind::Service, "İnsident Xidməti", vec![category("incident-handling")]);
    incidents.texts.insert(
        Lang::En,
        SolutionText { name: "Incident service".to_owned(), description: Some("Round the clock.".to_owned()) },
    );
    incidents.certifications = vec!["ISO/IEC 27035".to_owned()];
    incidents.sector_ids = vec![sector("government")];
    cert.solutions = vec![incidents];

    let mut startup = organization("Kiber Start", OrganizationKind::Startup);
    startup.profile.facts.country = Country::Kazakhstan;
    startup.profile.category_ids = vec![category("siem")];
    startup.profile.startup = Some(StartupFacts {
        stage: StartupStage::Mvp,
        funding_raised: Some(Money { amount: 250_000, currency: Currency::parse("AZN").unwrap() }),
        looking_for: vec![StartupNeed::Investment],
        pitch: Translations::new()
            .with(Lang::Az, "Loqları oxuyuruq".to_owned())
            .with(Lang::En, "We read the logs".to_owned()),
        demo_video_url: None,
        technology_readiness: Some(ReadinessLevel::new(6).unwrap()),
    });

    let mut ampersand = organization("A & B Təhlükəsizlik", OrganizationKind::Company);
    let mut shield = solution_details(SolutionKind::Product, "Qalxan", vec![category("firewalls")]);
    shield.deployment = Some(Deployment::Cloud);
    ampersand.solutions = vec![shield];
    let quoted = organization("Qala, Sipər və \"Ortaqlar\"", OrganizationKind::Company);
    let mut turkish = organization("Anadolu Siber", OrganizationKind::Company);
    turkish.profile.facts.country = Country::Turkiye;
    let mut draft = organization("Gizli Layihə", OrganizationKind::Company);
    draft.status = ListingStatus::Draft;
    draft.solutions = vec![solution_details(SolutionKind::Service, "Gizli Xidmət", vec![category("siem")])];

    let filler: Vec<NewOrganization> =
        (1..=22).map(|number| organization(&format!("Bulud Firma {number:02}"), OrganizationKind::Company)).collect();
    db.insert_organizations(&filler, NOW - Duration::days(100)).await.unwrap();
    let mut ids = Vec::new();
    for (day, listing) in [cert, startup, ampersand, quoted, turkish, draft].iter().enumerate() {
        let published = NOW - Duration::days(10 - i64::try_from(day).unwrap());
        ids.extend(db.insert_organizations(std::slice::from_ref(listing), published).await.unwrap());
    }
    let logo = Logo::from_square(&demo_emblem("milli-cert")).unwrap();
    db.set_logo(ids[0], &logo, NOW).await.unwrap();
    logo.version
}

/// A local path for one of the absolute addresses the API hands out.
fn local(address: &str) -> &str {
    address.strip_prefix(PUBLIC).unwrap_or_else(|| panic!("{address} is not on {PUBLIC}"))
}

/// A JSON answer of the API, whatever its status.
async fn api(app: &Router, path: &str) -> (StatusCode, Value) {
    let (status, headers, body) = get(app, path, &[]).await;
    let content_type = headers.get(header::CONTENT_TYPE).map(|value| value.to_str().unwrap().to_owned());
    assert!(
        content_type.as_deref().is_some_and(|value| value.starts_with("application/json")),
        "{path}: {content_type:?}"
    );
    (status, serde_json::from_str(&body).unwrap_or_else(|error| panic!("{path}: {error}: {body}")))
}

/// The JSON of a successful API answer.
async fn ok(app: &Router, path: &str) -> Value {
    let (status, body) = api(app, path).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    body
}

fn result_slugs(page: &Value) -> Vec<String> {
    page["results"].as_array().unwrap().iter().map(|record| record["slug"].as_str().unwrap().to_owned()).collect()
}

/// Every result of an API question, following `next` from page to page.
async fn every_result(app: &Router, path: &str) -> Vec<String> {
    let mut slugs = Vec::new();
    let mut page = ok(app, path).await;
    loop {
        slugs.extend(result_slugs(&page));
        match page["next"].as_str() {
            Some(next) => page = ok(app, local(next)).await,
            None => return slugs,
        }
    }
}

async fn published_slugs(db: &Database) -> BTreeSet<String> {
    db.all_organizations()
        .await
        .unwrap()
        .into_iter()
        .filter(|organization| organization.status == ListingStatus::Published)
        .map(|organization| organization.slug.to_string())
        .collect()
}

on_both_engines!(
    the_organizations_api_pages_through_published_listings,
    a_listing_record_carries_its_texts_solutions_and_addresses,
    the_api_refuses_what_it_does_not_understand,
    the_csv_download_holds_every_result_in_the_chosen_language,
    the_csv_download_neutralises_cells_a_spreadsheet_would_run,
    solutions_and_taxonomy_are_open_data,
    every_documented_endpoint_answers_as_its_openapi_document_says,
    the_feed_announces_the_newest_listings_first,
    the_sitemap_lists_every_public_page_in_every_language,
);

async fn the_organizations_api_pages_through_published_listings(db: Database) {
    seed(&db).await;
    let app = app(&db);
    let (status, headers, _) = get(&app, "/api/v1/organizations", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*", "any web page may read open data");

    let first = ok(&app, "/api/v1/organizations").await;
    assert_eq!(first["total"], PUBLISHED, "published listings only");
    assert_eq!((&first["page"], &first["page_count"], &first["page_size"]), (&1.into(), &2.into(), &20.into()));
    assert_eq!(result_slugs(&first).len(), 20);
    assert_eq!(first["previous"], Value::Null);
    assert_eq!(first["next"], format!("{PUBLIC}/api/v1/organizations?page=2&lang=en"));
    let second = ok(&app, local(first["next"].as_str().unwrap())).await;
    assert_eq!(result_slugs(&second).len(), PUBLISHED - 20);
    assert_eq!(second["next"], Value::Null, "the last page");
    assert_eq!(ok(&app, local(second["previous"].as_str().unwrap())).await, first, "back to the first page");

    let all = every_result(&app, "/api/v1/organizations").await;
    let distinct: BTreeSet<String> = all.iter().cloned().collect();
    assert_eq!(distinct.len(), all.len(), "no listing on two pages");
    assert_eq!(distinct, published_slugs(&db).await, "every published listing, and no draft");
    let directory_order: Vec<String> = {
        let mut slugs = Vec::new();
        for page in ["1", "2"] {
            let (query, _) = DirectoryQuery::from_pairs([("page", page)]);
            let found = Search::new(db.clone()).directory(&query, Lang::En).await.unwrap();
            slugs.extend(found.results.into_iter().map(|card| card.slug.to_string()));
        }
        slugs
    };
    assert_eq!(all, directory_order, "the same answer, in the same order, as the directory pages");

    for (path, expected) in [
        ("/api/v1/organizations?kind=cert", vec!["milli-cert"]),
        ("/api/v1/organizations?country=tr", vec!["anadolu-siber"]),
        ("/api/v1/organizations?q=kiber&kind=startup", vec!["kiber-start"]),
        ("/api/v1/organizations?category=incident-response", vec!["milli-cert"]),
        ("/api/v1/organizations?verified=1", vec!["milli-cert"]),
        ("/api/v1/organizations?q=%D0%BA%D0%B8%D0%B1%D0%B5%D1%80+start", vec!["kiber-start"]),
    ] {
        assert_eq!(every_result(&app, path).await, expected, "{path}");
    }

    // Links to further pages keep the question and the language.
    let companies = ok(&app, "/api/v1/organizations?kind=company&lang=ru").await;
    assert_eq!(companies["total"], 25);
    assert_eq!(companies["next"], format!("{PUBLIC}/api/v1/organizations?kind=company&page=2&lang=ru"));
    let rest = ok(&app, local(companies["next"].as_str().unwrap())).await;
    assert_eq!(result_slugs(&rest).len(), 5);
    assert!(rest["results"].as_array().unwrap().iter().all(|record| record["kind"] == "company"));
    let beyond = ok(&app, "/api/v1/organizations?page=9").await;
    assert_eq!((result_slugs(&beyond).len(), &beyond["total"]), (0, &Value::from(PUBLISHED)));
}

async fn a_listing_record_carries_its_texts_solutions_and_addresses(db: Database) {
    let logo_version = seed(&db).await;
    let app = app(&db);
    let record = ok(&app, "/api/v1/organizations/milli-cert").await;
    let names: Vec<(&str, &str)> = record["texts"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(lang, text)| (lang.as_str(), text["name"].as_str().unwrap()))
        .collect();
    assert_eq!(names, [("az", "Milli CERT"), ("en", "National CERT"), ("ru", "Национальный CERT")], "every language");
    assert_eq!(record["texts"]["en"]["description"], "**National CERT** in Markdown");
    assert_eq!((&record["kind"], &record["country"]), (&"cert".into(), &"AZ".into()));
    assert_eq!(record["verified_at"], "2026-10-01T09:30:00Z");
    assert_eq!(record["published_at"], (NOW - Duration::days(10)).format(&Rfc3339).unwrap());
    assert_eq!(record["employee_range"], "11-50");
    assert_eq!(record["social_links"][0]["network"], "linkedin");

    let categories = db.categories().await.unwrap();
    let incident_handling = categories.iter().find(|category| category.slug.as_str() == "incident-handling").unwrap();
    assert_eq!(record["categories"][0]["slug"], "incident-handling");
    assert_eq!(record["categories"][0]["nist_function"], "respond");
    assert_eq!(record["categories"][0]["names"]["ru"], incident_handling.names.get(Lang::Ru).unwrap().as_str());
    assert_eq!(record["sectors"][0]["slug"], "government");

    let solutions = record["solutions"].as_array().expect("a single listing brings its solutions");
    assert_eq!(solutions.len(), 1);
    let incidents = &solutions[0];
    assert_eq!(incidents["slug"], "insident-xidmeti");
    assert_eq!(incidents["texts"]["en"]["name"], "Incident service");
    assert_eq!(incidents["texts"]["az"]["name"], "İnsident Xidməti");
    assert_eq!(incidents["certifications"][0], "ISO/IEC 27035");
    assert_eq!(incidents["categories"][0]["nist_function"], "respond");
    for lang in ["az", "en", "ru"] {
        assert_eq!(incidents["page_urls"][lang], format!("{PUBLIC}/{lang}/solutions/insident-xidmeti"));
        assert_eq!(record["profile_urls"][lang], format!("{PUBLIC}/{lang}/organizations/milli-cert"));
    }
    assert_eq!(record["api_url"], format!("{PUBLIC}/api/v1/organizations/milli-cert"), "where it was read");
    let (status, _, page) = get(&app, local(record["profile_urls"]["en"].as_str().unwrap()), &[]).await;
    assert_eq!(status, StatusCode::OK, "the profile address leads to the profile");
    assert!(page.contains("National CERT"));
    let (status, _, _) = get(&app, local(incidents["page_urls"]["ru"].as_str().unwrap()), &[]).await;
    assert_eq!(status, StatusCode::OK, "the solution address leads to its page");

    let logo_url = record["logo_url"].as_str().unwrap();
    assert_eq!(logo_url, format!("{PUBLIC}/logos/milli-cert/256?v={logo_version}"));
    let (status, headers, bytes) = get_bytes(&app, local(logo_url), &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"));
    assert_eq!(image::load_from_memory(&bytes).unwrap().width(), 256);

    let startup = ok(&app, "/api/v1/organizations/kiber-start").await;
    let facts = &startup["startup"];
    assert_eq!((&facts["stage"], &facts["technology_readiness"]), (&"mvp".into(), &6.into()));
    assert_eq!(facts["funding_raised"], serde_json::json!({ "amount": 250_000, "currency": "AZN" }));
    assert_eq!(facts["looking_for"], serde_json::json!(["investment"]));
    assert_eq!(facts["pitch"]["en"], "We read the logs");
    assert_eq!((&startup["logo_url"], &startup["solutions"]), (&Value::Null, &serde_json::json!([])));

    let listed = ok(&app, "/api/v1/organizations?kind=cert").await;
    let listed = &listed["results"][0];
    assert!(listed.get("solutions").is_none(), "lists leave solutions out");
    assert_eq!(listed["texts"], record["texts"]);

    for slug in ["gizli-layihe", "no-such-listing"] {
        let (status, body) = api(&app, &format!("/api/v1/organizations/{slug}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{slug}");
        assert_eq!(body["error"]["status"], 404);
        assert!(body["error"]["message"].as_str().unwrap().contains(slug), "{body}");
    }
}

async fn the_api_refuses_what_it_does_not_understand(db: Database) {
    seed(&db).await;
    let app = app(&db);
    let too_long = "k".repeat(201);
    for (path, culprit) in [
        (&*format!("/api/v1/organizations?q={too_long}"), "q=kkk"),
        (&*format!("/api/v1/organizations.csv?q={too_long}"), "q=kkk"),
        (&*format!("/api/v1/solutions?q={too_long}"), "q=kkk"),
        ("/api/v1/organizations?kind=spaceship", "spaceship"),
        ("/api/v1/organizations?kind=cert&country=XX", "XX"),
        ("/api/v1/organizations?page=0", "page=0"),
        ("/api/v1/organizations?page=10001", "10001"),
        ("/api/v1/organizations?sort=random", "random"),
        ("/api/v1/organizations?verified=maybe", "maybe"),
        ("/api/v1/organizations?category=Not%20A%20Slug", "Not A Slug"),
        ("/api/v1/organizations?lang=fr", "`fr`"),
        ("/api/v1/organizations.csv?stage=unicorn", "unicorn"),
        ("/api/v1/organizations.csv?lang=de", "`de`"),
        ("/api/v1/solutions?nist=guess", "guess"),
        ("/api/v1/solutions?kind=product&deployment=moon", "moon"),
        ("/api/v1/solutions?lang=xx", "`xx`"),
        // What a form sends for "any" is no value to a program.
        ("/api/v1/organizations?sort=", "`sort`"),
        ("/api/v1/organizations?kind=cert&kind=", "`kind`"),
        ("/api/v1/organizations.csv?category=%20", "`category`"),
        ("/api/v1/solutions?nist=", "`nist`"),
        ("/api/v1/organizations?lang=", "`lang`"),
        (&*format!("/api/v1/organizations?{}", ["kind=cert"; 101].join("&")), "more than 100 times"),
        (&*format!("/api/v1/solutions?{}", ["kind=product"; 101].join("&")), "more than 100 times"),
    ] {
        let (status, body) = api(&app, path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        assert_eq!(body["error"]["status"], 400, "{path}");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains(culprit), "{path}: the message names what was wrong: {message}");
    }
    // An empty question is any question, and a hundred values are allowed.
    assert_eq!(every_result(&app, "/api/v1/organizations?q=&kind=cert&city=").await, ["milli-cert"]);
    assert_eq!(
        every_result(&app, &format!("/api/v1/organizations?{}", ["kind=cert"; 100].join("&"))).await,
        ["milli-cert"]
    );
    // Parameters the API does not use at all pass, as other tools add their own.
    assert_eq!(every_result(&app, "/api/v1/organizations?utm_source=newsletter&kind=cert").await, ["milli-cert"]);

    for path in ["/api/v1", "/api/v1/nothing", "/api/v1/organizations/milli-cert/solutions", "/api/v1/solutions/qalxan"]
    {
        let (status, body) = api(&app, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(body["error"]["status"], 404, "{path}");
    }

    // A method no endpoint takes is refused for its method, whatever page sent it.
    let read_only = ["/api/v1/organizations", "/api/v1/organizations.csv", "/api/v1/solutions", "/api/v1/categories"];
    for path in read_only.into_iter().chain(["/favicon.svg", "/pkg/qala.css"]) {
        for method in [Method::PUT, Method::DELETE, Method::PATCH, Method::TRACE, Method::POST] {
            let request = Request::builder().method(method.clone()).uri(path).body(Body::empty()).unwrap();
            let (status, headers, _) = send(&app, request).await;
            assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            assert!(headers[header::ALLOW].to_str().unwrap().contains("GET"), "{method} {path}: {headers:?}");
        }
    }
}

/// A CSV download: its header and rows, after checking the byte-order mark.
fn read_csv(body: &str) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let body = body.strip_prefix('\u{feff}').expect("a byte-order mark for spreadsheet programs");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader
        .records()
        .map(|record| header.iter().cloned().zip(record.unwrap().iter().map(str::to_owned)).collect())
        .collect();
    (header, rows)
}

async fn the_csv_download_holds_every_result_in_the_chosen_language(db: Database) {
    seed(&db).await;
    let app = app(&db);
    let (status, headers, body) = get(&app, "/api/v1/organizations.csv?lang=ru", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let disposition = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.starts_with("attachment") && disposition.contains(".csv"), "{disposition}");
    let (header, rows) = read_csv(&body);
    assert_eq!(header[0], "slug");
    for column in ["name", "kind", "country", "categories", "sectors", "startup_stage", "profile_url"] {
        assert!(header.iter().any(|name| name == column), "a {column} column");
    }
    assert_eq!(rows.len(), PUBLISHED, "every result, not one page");
    let slugs: Vec<String> = rows.iter().map(|row| row["slug"].clone()).collect();
    assert_eq!(slugs, every_result(&app, "/api/v1/organizations?lang=ru").await, "in the API's order");

    let row = |slug: &str| rows.iter().find(|row| row["slug"] == slug).unwrap_or_else(|| panic!("{slug}"));
    let cert = row("milli-cert");
    let categories = db.categories().await.unwrap();
    let sectors = db.sectors().await.unwrap();
    assert_eq!(cert["name"], "Национальный CERT", "names in the language asked for");
    assert_eq!(cert["profile_url"], format!("{PUBLIC}/ru/organizations/milli-cert"));
    let incident_handling = categories.iter().find(|category| category.slug.as_str() == "incident-handling").unwrap();
    assert_eq!(&cert["categories"], incident_handling.names.get(Lang::Ru).unwrap());
    let government = sectors.iter().find(|sector| sector.slug.as_str() == "government").unwrap();
    assert_eq!(&cert["sectors"], government.names.get(Lang::Ru).unwrap());
    assert_eq!((cert["kind"].as_str(), cert["country"].as_str()), ("cert", "AZ"));
    assert_eq!(cert["verified_at"], "2026-10-01");
    assert_eq!(row("a-b-tehlukesizlik")["name"], "A & B Təhlükəsizlik (en)", "Russian readers fall back to English");
    assert_eq!(row("qala-siper-ve-ortaqlar")["name"], "Qala, Sipər və \"Ortaqlar\" (en)", "commas and quotes survive");
    assert!(!slugs.iter().any(|slug| slug.starts_with("gizli")), "no draft");

    let (_, _, body) = get(&app, "/api/v1/organizations.csv?lang=ru&page=2", &[]).await;
    assert_eq!(read_csv(&body).1.len(), PUBLISHED, "a page number does not cut the download short");

    let (_, _, body) = get(&app, "/api/v1/organizations.csv?kind=startup&lang=az", &[]).await;
    let (_, startups) = read_csv(&body);
    assert_eq!(startups.len(), 1, "filters apply");
    assert_eq!((startups[0]["name"].as_str(), startups[0]["startup_stage"].as_str()), ("Kiber Start", "mvp"));
    let (_, _, body) = get(&app, "/api/v1/organizations.csv?kind=cert", &[]).await;
    let (_, certs) = read_csv(&body);
    assert_eq!(certs[0]["name"], "National CERT", "English unless asked otherwise, as the API");
}

/// Listings named like spreadsheet formulas come out of the directory download with a `'` first, so a
/// spreadsheet shows their names instead of running them.
async fn the_csv_download_neutralises_cells_a_spreadsheet_would_run(db: Database) {
    let formulas = [r#"=HYPERLINK("https://attacker.example","Open")"#, "+1", "-2", "@SUM(A1)", "\tx", "\rx"];
    let listings: Vec<NewOrganization> = formulas
        .iter()
        .map(|formula| {
            let mut listing = organization(formula, OrganizationKind::Company);
            listing.profile.facts.city = Some((*formula).to_owned());
            listing
        })
        .collect();
    let ids = db.insert_organizations(&listings, NOW).await.unwrap();
    let slugs: Vec<String> =
        db.organizations_by_ids(&ids).await.unwrap().iter().map(|listing| listing.slug.to_string()).collect();
    let app = app(&db);
    let (status, _, body) = get(&app, "/api/v1/organizations.csv?lang=az", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let (_, rows) = read_csv(&body);
    for (slug, formula) in slugs.iter().zip(formulas) {
        let row = rows.iter().find(|row| &row["slug"] == slug).unwrap_or_else(|| panic!("{slug}"));
        assert_eq!(row["name"], format!("'{formula}"), "the name {formula:?}");
        assert_eq!(row["city"], format!("'{formula}"), "the city {formula:?}");
    }
}

async fn solutions_and_taxonomy_are_open_data(db: Database) {
    seed(&db).await;
    let app = app(&db);
    let categories = db.categories().await.unwrap();
    let found = ok(&app, "/api/v1/solutions?lang=ru").await;
    assert_eq!(found["total"], 2, "solutions of published listings only");
    let mut slugs = result_slugs(&found);
    slugs.sort_unstable();
    assert_eq!(slugs, ["insident-xidmeti", "qalxan"]);
    let incidents =
        found["results"].as_array().unwrap().iter().find(|result| result["slug"] == "insident-xidmeti").unwrap();
    assert_eq!(incidents["name"], "Incident service", "Russian readers fall back to English first");
    assert_eq!(incidents["summary"], "Round the clock.");
    assert_eq!(incidents["organization"]["name"], "Национальный CERT");
    assert_eq!(incidents["page_url"], format!("{PUBLIC}/ru/solutions/insident-xidmeti"));
    let incident_handling = categories.iter().find(|category| category.slug.as_str() == "incident-handling").unwrap();
    assert_eq!(incidents["categories"], serde_json::json!([incident_handling.names.get(Lang::Ru).unwrap()]));
    let owner = ok(&app, local(incidents["organization"]["api_url"].as_str().unwrap())).await;
    assert_eq!(owner["slug"], "milli-cert", "the organization link leads to its record");
    assert_eq!(result_slugs(&ok(&app, "/api/v1/solutions?nist=respond").await), ["insident-xidmeti"]);
    assert_eq!(result_slugs(&ok(&app, "/api/v1/solutions?deployment=cloud&country=AZ").await), ["qalxan"]);
    assert_eq!(result_slugs(&ok(&app, "/api/v1/solutions?q=gizli").await), Vec::<String>::new());

    let tree = ok(&app, "/api/v1/categories").await;
    let tree = tree.as_array().unwrap();
    let mut seen = 0;
    for top in tree {
        let parent = categories.iter().find(|category| top["slug"] == category.slug.as_str()).unwrap();
        assert!(parent.parent_id.is_none(), "{} is top-level", parent.slug);
        for node in std::iter::once(top).chain(top["children"].as_array().unwrap()) {
            let category = categories.iter().find(|category| node["slug"] == category.slug.as_str()).unwrap();
            if node != top {
                assert_eq!(category.parent_id, Some(parent.id), "{} is a child of {}", category.slug, parent.slug);
            }
            assert_eq!(node["nist_function"], category.nist_function.to_string());
            for lang in Lang::ALL {
                assert_eq!(node["names"][lang.as_str()], category.names.get(*lang).unwrap().as_str());
            }
            seen += 1;
        }
    }
    assert_eq!(seen, categories.len(), "every category once, in a two-level tree");

    let sectors = ok(&app, "/api/v1/sectors").await;
    let listed: BTreeSet<&str> =
        sectors.as_array().unwrap().iter().map(|sector| sector["slug"].as_str().unwrap()).collect();
    let stored = db.sectors().await.unwrap();
    assert_eq!(listed, stored.iter().map(|sector| sector.slug.as_str()).collect::<BTreeSet<_>>());
    let energy = sectors.as_array().unwrap().iter().find(|sector| sector["slug"] == "energy").unwrap();
    assert_eq!(energy["names"]["en"], "Energy");
}

/// Where `value` breaks `schema` (JSON Schema as the OpenAPI document uses it: `$ref`, `allOf`,
/// `oneOf`, `type`, `enum`, `format`, `minimum`/`maximum`, `required`, `properties`,
/// `additionalProperties`, `propertyNames` and `items`). Stricter than JSON Schema in one way: an
/// object property the document does not describe is reported, so the document cannot fall behind.
fn schema_problems(value: &Value, schema: &Value, document: &Value, at: &str, problems: &mut Vec<String>) {
    let schema = resolve(schema, document);
    for part in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        let mut part_problems = Vec::new();
        schema_problems(value, part, document, at, &mut part_problems);
        // Properties described by another part are not undocumented.
        let known = documented_properties(schema, document);
        problems.extend(part_problems.into_iter().filter(|problem| {
            !known.iter().any(|property| problem == &format!("{at}.{property}: undocumented property"))
        }));
    }
    if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
        let matching = options
            .iter()
            .filter(|option| {
                let mut option_problems = Vec::new();
                schema_problems(value, option, document, at, &mut option_problems);
                option_problems.is_empty()
            })
            .count();
        if matching != 1 {
            problems.push(format!("{at}: matches {matching} of the oneOf options"));
        }
    }
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(one) => vec![one.as_str()],
            Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(number) if number.is_i64() || number.is_u64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let fits = types.contains(&actual) || (actual == "integer" && types.contains(&"number"));
        if !fits {
            problems.push(format!("{at}: {actual}, documented as {types:?}"));
            return;
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array)
        && !options.contains(value)
    {
        problems.push(format!("{at}: {value} is not one of {options:?}"));
    }
    if let (Some(format), Some(text)) = (schema.get("format").and_then(Value::as_str), value.as_str()) {
        let fits = match format {
            "date-time" => OffsetDateTime::parse(text, &Rfc3339).is_ok(),
            "uri" => text.starts_with("https://") || text.starts_with("http://"),
            _ => true,
        };
        if !fits {
            problems.push(format!("{at}: {text} is not a {format}"));
        }
    }
    if let Some(number) = value.as_f64() {
        let below = schema.get("minimum").and_then(Value::as_f64).is_some_and(|minimum| number < minimum);
        let above = schema.get("maximum").and_then(Value::as_f64).is_some_and(|maximum| number > maximum);
        if below || above {
            problems.push(format!("{at}: {number} is out of range"));
        }
    }
    match value {
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for (position, item) in items.iter().enumerate() {
                    schema_problems(item, item_schema, document, &format!("{at}[{position}]"), problems);
                }
            }
        }
        Value::Object(object) => {
            for required in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
                let required = required.as_str().unwrap();
                if !object.contains_key(required) {
                    problems.push(format!("{at}.{required}: required but missing"));
                }
            }
            let names = schema.pointer("/propertyNames/enum").and_then(Value::as_array);
            let described = documented_properties(schema, document);
            for (name, property) in object {
                let here = format!("{at}.{name}");
                if names.is_some_and(|names| !names.contains(&Value::from(name.as_str()))) {
                    problems.push(format!("{here}: not an allowed property name"));
                }
                if let Some(property_schema) = schema.get("properties").and_then(|properties| properties.get(name)) {
                    schema_problems(property, property_schema, document, &here, problems);
                } else if let Some(extra) = schema.get("additionalProperties").filter(|extra| extra.is_object()) {
                    schema_problems(property, extra, document, &here, problems);
                } else if !described.is_empty() && !described.contains(name) {
                    problems.push(format!("{here}: undocumented property"));
                }
            }
        }
        _ => {}
    }
}

fn resolve<'a>(schema: &'a Value, document: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let target = document.pointer(reference.trim_start_matches('#')).unwrap_or_else(|| panic!("{reference}"));
            resolve(target, document)
        }
        None => schema,
    }
}

/// The properties a schema describes, its `allOf` parts' included.
fn documented_properties(schema: &Value, document: &Value) -> BTreeSet<String> {
    let schema = resolve(schema, document);
    let mut properties: BTreeSet<String> = schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|found| found.keys().cloned())
        .collect();
    for part in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        properties.extend(documented_properties(part, document));
    }
    properties
}

/// The values a query parameter documents: its enum, or its items' enum.
fn documented_values(parameter: &Value) -> Vec<String> {
    let schema = &parameter["schema"];
    let values = schema.get("enum").or_else(|| schema.pointer("/items/enum"));
    values.and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect()
}

async fn every_documented_endpoint_answers_as_its_openapi_document_says(db: Database) {
    seed(&db).await;
    let app = app(&db);
    let document = ok(&app, "/api/v1/openapi.json").await;
    assert!(document["openapi"].as_str().unwrap().starts_with("3."), "an OpenAPI 3 document");
    let base = document["servers"][0]["url"].as_str().unwrap();
    assert_eq!(base, "/api/v1");
    let paths = document["paths"].as_object().unwrap();
    assert!(paths.len() >= 7, "{paths:?}");
    let described_listings = ["milli-cert", "kiber-start", "a-b-tehlukesizlik", "anadolu-siber"];
    let mut checked = 0;
    for (path, operations) in paths {
        for (method, operation) in operations.as_object().unwrap() {
            assert_eq!(method, "get", "{path}: a read-only API");
            let addresses: Vec<String> = if path.contains("{slug}") {
                described_listings.iter().map(|slug| format!("{base}{}", path.replace("{slug}", slug))).collect()
            } else {
                vec![format!("{base}{path}"), format!("{base}{path}?page=2")]
                    .into_iter()
                    .filter(|address| !address.ends_with("?page=2") || has_parameter(operation, "page"))
                    .collect()
            };
            let content = operation.pointer("/responses/200/content").and_then(Value::as_object).unwrap();
            let (media_type, described) = content.iter().next().unwrap();
            for address in &addresses {
                let (status, headers, body) = get(&app, address, &[]).await;
                assert_eq!(status, StatusCode::OK, "{address}: {body}");
                let content_type = headers[header::CONTENT_TYPE].to_str().unwrap();
                assert!(
                    content_type.starts_with(media_type.as_str()),
                    "{address}: {content_type}, documented {media_type}"
                );
                if let (Some(schema), "application/json") = (described.get("schema"), media_type.as_str()) {
                    let body: Value = serde_json::from_str(&body).unwrap();
                    let mut problems = Vec::new();
                    schema_problems(&body, schema, &document, "$", &mut problems);
                    assert!(
                        problems.is_empty(),
                        "{address} does not match its documented schema:\n{}",
                        problems.join("\n")
                    );
                }
                checked += 1;
            }
            // Every documented value of every filter is accepted.
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                if parameter["in"] != "query" {
                    continue;
                }
                let name = parameter["name"].as_str().unwrap();
                for value in documented_values(parameter) {
                    let address = format!("{}?{name}={value}", addresses[0]);
                    let (status, _, body) = get(&app, &address, &[]).await;
                    assert_eq!(status, StatusCode::OK, "{address} is documented: {body}");
                }
                let schema = &parameter["schema"];
                // Texts as long as documented are accepted, one character more is refused.
                if let Some(longest) = schema["maxLength"].as_u64().or(schema["items"]["maxLength"].as_u64()) {
                    for (length, accepted) in [(longest, true), (longest + 1, false)] {
                        let address = format!("{}?{name}={}", addresses[0], "a".repeat(length as usize));
                        let (status, _, _) = get(&app, &address, &[]).await;
                        assert_eq!(status == StatusCode::OK, accepted, "{name} of {length} characters: {status}");
                    }
                }
                if let (Some(minimum), Some(maximum)) = (schema["minimum"].as_i64(), schema["maximum"].as_i64()) {
                    for (number, accepted) in
                        [(minimum, true), (maximum, true), (minimum - 1, false), (maximum + 1, false)]
                    {
                        let address = format!("{}?{name}={number}", addresses[0]);
                        let (status, _, _) = get(&app, &address, &[]).await;
                        assert_eq!(status == StatusCode::OK, accepted, "{address}: {status}");
                    }
                }
            }
        }
    }
    assert!(checked >= 10, "{checked} answers checked");
}

fn has_parameter(operation: &Value, name: &str) -> bool {
    operation["parameters"].as_array().into_iter().flatten().any(|parameter| parameter["name"] == name)
}

/// An XML element, parsed strictly (a document that is not well-formed fails the test).
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |child| child.name == name)
    }

    fn child(&self, name: &str) -> &Element {
        self.children
            .iter()
            .find(|child| child.name == name)
            .unwrap_or_else(|| panic!("<{}> has no <{name}>", self.name))
    }

    fn text_of(&self, name: &str) -> &str {
        self.child(name).text.trim()
    }
}

fn parse_xml(text: &str) -> Element {
    use quick_xml::events::{BytesStart, Event};
    fn element(start: &BytesStart) -> Element {
        let attributes = start
            .attributes()
            .map(|attribute| {
                let attribute = attribute.expect("a well-formed attribute");
                (
                    attribute.key.as_ref().to_owned(),
                    quick_xml::escape::unescape(&attribute.value).expect("known entities").into_owned(),
                )
            })
            .collect();
        Element { name: start.name().as_ref().to_owned(), attributes, ..Element::default() }
    }
    let mut reader = quick_xml::Reader::from_str(text);
    let mut open = vec![Element::default()];
    loop {
        match reader.read_event().unwrap_or_else(|error| panic!("not well-formed XML: {error}")) {
            Event::Start(start) => open.push(element(&start)),
            Event::Empty(start) => open.last_mut().unwrap().children.push(element(&start)),
            Event::Text(text) => open.last_mut().unwrap().text.push_str(&text.xml10_content()),
            Event::GeneralRef(entity) => {
                let entity = format!("&{};", entity.xml10_content());
                let resolved = quick_xml::escape::unescape(&entity).expect("a known entity").into_owned();
                open.last_mut().unwrap().text.push_str(&resolved);
            }
            Event::End(_) => {
                let done = open.pop().unwrap();
                open.last_mut().expect("balanced tags").children.push(done);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut document = open.pop().unwrap();
    assert!(open.is_empty(), "unclosed elements");
    assert_eq!(document.children.len(), 1, "one root element");
    document.children.pop().unwrap()
}

async fn the_feed_announces_the_newest_listings_first(db: Database) {
    seed(&db).await;
    let app = app(&db);
    let (status, headers, body) = get(&app, "/feed.atom", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/atom+xml"));
    assert!(body.contains("A &amp; B"), "names are escaped");
    let feed = parse_xml(&body);
    assert_eq!((feed.name.as_str(), feed.attribute("xml:lang")), ("feed", Some("az")), "Azerbaijani by default");
    let entries: Vec<&Element> = feed.all("entry").collect();
    assert_eq!(entries.len(), PUBLISHED, "every published listing (fewer than the feed's length)");
    let titles: Vec<&str> = entries.iter().map(|entry| entry.text_of("title")).collect();
    assert_eq!(
        titles[..5],
        ["Anadolu Siber", "Qala, Sipər və \"Ortaqlar\"", "A & B Təhlükəsizlik", "Kiber Start", "Milli CERT"],
        "newest published first; the draft, published last, is not announced"
    );
    assert!(titles[5..].iter().all(|title| title.starts_with("Bulud Firma")));
    let published: Vec<OffsetDateTime> = entries
        .iter()
        .map(|entry| OffsetDateTime::parse(entry.text_of("published"), &Rfc3339).expect("an RFC 3339 time"))
        .collect();
    assert_eq!(published[0], NOW - Duration::days(6));
    assert!(published.windows(2).all(|pair| pair[0] >= pair[1]), "in order of publication");
    assert_eq!(OffsetDateTime::parse(feed.text_of("updated"), &Rfc3339).unwrap(), published[0]);
    let link = entries[0].child("link");
    assert_eq!(link.attribute("href"), Some("https://qala.example/az/organizations/anadolu-siber"));
    let ids: BTreeSet<&str> = entries.iter().map(|entry| entry.text_of("id")).collect();
    assert_eq!(ids.len(), entries.len(), "each entry has its own id");
    let cert = entries.iter().find(|entry| entry.text_of("title") == "Milli CERT").unwrap();
    assert_eq!(cert.text_of("summary"), "Milli CERT: short");
    for entry in &entries {
        let summary = entry.child("summary");
        assert_eq!(summary.attribute("xml:lang"), Some("az"), "every summary is in the feed's language");
        assert!(!summary.text.trim().is_empty());
        let author = entry.child("author");
        assert_eq!(author.text_of("name"), entry.text_of("title"), "the listing speaks for itself");
        assert_eq!(author.text_of("uri"), entry.child("link").attribute("href").unwrap());
        // The id is an address that leads to the profile.
        let id = entry.text_of("id");
        let (status, headers, _) = get(&app, local(id), &[(header::COOKIE, "qala_lang=en")]).await;
        assert!(status.is_redirection(), "{id}: {status}");
        let profile = headers[header::LOCATION].to_str().unwrap();
        assert!(profile.starts_with("/en/organizations/"), "{id} leads to {profile}");
        assert_eq!(get(&app, profile, &[]).await.0, StatusCode::OK, "{id}");
    }
    assert_eq!(cert.child("category").attribute("term"), Some("cert"));

    let (_, _, body) = get(&app, "/feed.atom?lang=ru", &[]).await;
    let russian = parse_xml(&body);
    assert_eq!(russian.attribute("xml:lang"), Some("ru"));
    let entry = |feed: &Element, slug: &str| -> (String, Option<String>) {
        let entry = feed
            .all("entry")
            .find(|entry| entry.child("link").attribute("href").unwrap().ends_with(&format!("/organizations/{slug}")))
            .unwrap();
        (entry.text_of("title").to_owned(), entry.attribute("xml:lang").map(str::to_owned))
    };
    assert_eq!(entry(&russian, "milli-cert"), ("Национальный CERT".to_owned(), Some("ru".to_owned())));
    assert_eq!(
        entry(&russian, "anadolu-siber"),
        ("Anadolu Siber (en)".to_owned(), Some("en".to_owned())),
        "a fallback name is marked with its language"
    );
    let anadolu = russian.all("entry").find(|entry| entry.text_of("title") == "Anadolu Siber (en)").unwrap();
    assert_eq!(anadolu.text_of("summary"), "Компания · Турция", "no Russian summary: what and where, in Russian");
    let link = russian.all("entry").next().unwrap().child("link").attribute("href").unwrap().to_owned();
    assert!(link.starts_with("https://qala.example/ru/organizations/"), "{link}");
    let (_, _, body) = get(&app, "/feed.atom?lang=en", &[]).await;
    assert_eq!(entry(&parse_xml(&body), "a-b-tehlukesizlik").0, "A & B Təhlükəsizlik (en)");
    let (status, _, body) = get(&app, "/feed.atom?lang=xx", &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an unknown language is refused: {body}");
}

/// Whether robots.txt lets a crawler fetch `address`: the longest matching rule wins, Allow on a tie
/// (RFC 9309), `*` matching any run of characters.
fn robots_allow(robots: &str, address: &str) -> bool {
    fn matches(pattern: &str, address: &str) -> bool {
        match pattern.split_once('*') {
            None => address.starts_with(pattern),
            Some((head, rest)) => {
                address.starts_with(head) && (head.len()..=address.len()).any(|at| matches(rest, &address[at..]))
            }
        }
    }
    let rules = robots.lines().filter_map(|line| {
        let (allow, pattern) = line
            .strip_prefix("Allow: ")
            .map(|pattern| (true, pattern))
            .or_else(|| line.strip_prefix("Disallow: ").map(|pattern| (false, pattern)))?;
        matches(pattern, address).then_some((pattern.len(), allow))
    });
    rules.max().is_none_or(|(_, allow)| allow)
}

async fn the_sitemap_lists_every_public_page_in_every_language(db: Database) {
    seed(&db).await;
    let app = app(&db);
    let (status, headers, body) = get(&app, "/robots.txt", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain"));
    let sitemap =
        body.lines().find_map(|line| line.strip_prefix("Sitemap: ")).expect("robots.txt names the sitemap").to_owned();
    assert_eq!(sitemap, "https://qala.example/sitemap.xml", "an absolute address on the public URL");
    assert!(body.lines().any(|line| line == "Disallow: /api/"), "crawlers leave the API alone");
    for (address, allowed) in [
        ("/feed.atom?lang=ru", true),
        ("/en/organizations", true),
        ("/en/organizations?kind=cert", true),
        ("/api/v1/organizations", false),
    ] {
        assert_eq!(robots_allow(&body, address), allowed, "{address}");
    }

    let (status, headers, body) = get(&app, local(&sitemap), &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().contains("xml"));
    let urls = parse_xml(&body);
    assert_eq!(urls.name, "urlset");
    let mut locations = BTreeSet::new();
    let mut modified = HashMap::new();
    for url in urls.all("url") {
        let location = url.text_of("loc").to_owned();
        let alternates: Vec<(&str, &str)> = url
            .all("xhtml:link")
            .map(|link| (link.attribute("hreflang").unwrap(), link.attribute("href").unwrap()))
            .collect();
        let languages: Vec<&str> = alternates.iter().map(|(lang, _)| *lang).collect();
        assert_eq!(languages, ["az", "en", "ru", "x-default"], "{location}: every language is named");
        let (own, rest) = local(&location)[1..].split_once('/').unwrap_or((&local(&location)[1..], ""));
        assert_eq!(alternates[3].1, format!("{PUBLIC}/{rest}"), "{location}: x-default is the page without a language");
        for (lang, href) in &alternates[..3] {
            assert_eq!(href.replacen(&format!("/{lang}"), &format!("/{own}"), 1), location, "{location}: {href}");
        }
        if let Some(lastmod) = url.all("lastmod").next() {
            modified.insert(location.clone(), lastmod.text.trim().to_owned());
        }
        assert!(locations.insert(location.clone()), "{location} is listed once");
    }

    let solutions = ["insident-xidmeti", "qalxan"];
    let sections = [
        "",
        "/organizations",
        "/startups",
        "/solutions",
        "/landscape",
        "/forum",
        "/about",
        "/contact",
        "/privacy",
        "/terms",
    ];
    let mut expected = BTreeSet::new();
    for lang in ["az", "en", "ru"] {
        for slug in published_slugs(&db).await {
            expected.insert(format!("{PUBLIC}/{lang}/organizations/{slug}"));
        }
        for slug in solutions {
            expected.insert(format!("{PUBLIC}/{lang}/solutions/{slug}"));
        }
        for section in sections {
            expected.insert(format!("{PUBLIC}/{lang}{section}"));
        }
    }
    assert_eq!(locations, expected, "every public page in every language; no draft, no draft's solution");
    assert_eq!(modified[&format!("{PUBLIC}/en/organizations/milli-cert")], NOW.date().to_string(), "its logo changed");
    assert_eq!(
        modified[&format!("{PUBLIC}/az/organizations/anadolu-siber")],
        (NOW - Duration::days(6)).date().to_string()
    );
    for sample in [format!("{PUBLIC}/en/organizations/anadolu-siber"), format!("{PUBLIC}/az/solutions/qalxan")] {
        let (status, _, _) = get(&app, local(&sample), &[]).await;
        assert_eq!(status, StatusCode::OK, "{sample} is a real page");
    }

    let (status, _, part) = get(&app, "/sitemaps/1.xml", &[]).await;
    assert_eq!((status, part), (StatusCode::OK, body), "a small site fits in the first file");
    for missing in ["/sitemaps/2.xml", "/sitemaps/0.xml", "/sitemaps/one.xml"] {
        let (status, _, _) = get(&app, missing, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
    }
}

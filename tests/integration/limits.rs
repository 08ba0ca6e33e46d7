//! No anonymous request stalls the server or grows its database: server functions refuse arguments
//! beyond what a page asks with 400 at once, and refused forms keep their drafts within bounds.
use axum::http::{StatusCode, header};
use qala::{
    domain::{
        directory::{DirectoryQuery, SolutionQuery},
        editing::DESCRIPTION_MAX,
        solution::SolutionKind,
        user::MembershipRole,
    },
    server::db::Database,
};
use serde_json::json;

use crate::{
    browser::Browser,
    editing::{person, post_profile, profile_form, two_listings},
    http::{app, post_json},
    on_both_engines,
};

on_both_engines!(
    server_functions_refuse_calls_beyond_their_limits,
    refused_anonymous_posts_add_no_session_rows,
    an_oversized_draft_is_not_kept,
    a_signed_in_persons_refused_form_stays_on_the_server,
    a_refused_forms_flash_is_bounded
);

async fn server_functions_refuse_calls_beyond_their_limits(db: Database) {
    let app = app(&db);
    let asking = DirectoryQuery { page: 1, ..DirectoryQuery::default() };
    let question = |query: &DirectoryQuery| json!({ "query": query, "lang": "en" });
    let (status, _, body) = post_json(&app, "/api/directory/search", &question(&asking)).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let cities: Vec<String> = (0..10_000).map(|n| format!("City {n}")).collect();
    let refused = [
        (DirectoryQuery { text: "kiber ".repeat(2_000), ..asking.clone() }, "q: at most 200 characters"),
        (DirectoryQuery { page: u32::MAX, ..asking.clone() }, "page: at most 10000"),
        (DirectoryQuery { cities, ..asking.clone() }, "city: at most 100 values"),
    ];
    for (query, message) in &refused {
        for endpoint in ["/api/directory/search", "/api/startups/search", "/api/landscape"] {
            let (status, _, body) = post_json(&app, endpoint, &question(query)).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{endpoint}: {body}");
            assert!(body.contains(message), "{endpoint}: {body}");
        }
    }

    let kinds = SolutionQuery { kinds: vec![SolutionKind::ALL[0]; 10_000], page: 1, ..SolutionQuery::default() };
    let (status, _, body) = post_json(&app, "/api/solutions/search", &json!({ "query": kinds, "lang": "en" })).await;
    assert_eq!((status, body.contains("kind: at most 100 values")), (StatusCode::BAD_REQUEST, true), "{body}");

    let slugs: Vec<String> = (0..5).map(|n| format!("solution-{n}")).collect();
    let (status, _, body) = post_json(&app, "/api/solutions/compare", &json!({ "slugs": slugs, "lang": "en" })).await;
    assert_eq!((status, body.contains("slugs: at most 4 values")), (StatusCode::BAD_REQUEST, true), "{body}");

    let (status, _, body) = post_json(&app, "/api/directory/search", &json!({ "lang": "en" })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "arguments that do not decode: {body}");

    // A sign-in attempt is counted under the address typed: one longer than any address is refused
    // next to its field before anything is counted or stored.
    let before = db.row_counts().await.unwrap();
    let mut visitor = Browser::new(&app, "192.0.2.30:4000");
    let email = format!("{}@qala.example", "a".repeat(300_000));
    let reply =
        visitor.call("/api/account/sign-in", &[("lang", "en"), ("email", &email), ("password", "password123")]).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.body);
    assert!(reply.body.contains(r#"{"field":"email","problem":"InvalidEmail"}"#), "{}", reply.body);
    assert!(reply.body.len() < 200, "the address is not echoed back: {} bytes", reply.body.len());
    assert_eq!(db.row_counts().await.unwrap(), before, "nothing was written");
}

/// A client that keeps no cookies posting refused forms over and over: once kept in the session,
/// each draft was a new session row.
async fn refused_anonymous_posts_add_no_session_rows(db: Database) {
    let app = app(&db);
    let sessions = || async { db.row_counts().await.unwrap()["sessions"] };
    let before = sessions().await;
    for n in 0..12 {
        let mut visitor = Browser::new(&app, &format!("192.0.2.{}:4000", 100 + n));
        let email = format!("nobody{n}@qala.example");
        let fields = [("lang", "en"), ("email", email.as_str()), ("password", "wrong password here")];
        let reply = visitor.submit("/api/account/sign-in", &fields, "/en/account/sign-in").await;
        assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.body);
        let fields = [("lang", "en"), ("email", "not an address"), ("password", "password12")];
        let reply = visitor.submit("/api/account/sign-up", &fields, "/en/account/sign-up").await;
        assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.body);
        if n == 0 {
            // The visitor who does keep cookies still finds what they typed.
            let location = reply.headers[header::LOCATION].to_str().unwrap().trim_start_matches("https://qala.example");
            let page = visitor.get(location).await;
            assert!(page.body.contains(r#"value="not an address""#), "the address typed is filled in again");
        }
    }
    assert_eq!(sessions().await, before, "no session was made to hold a draft");
}

async fn an_oversized_draft_is_not_kept(db: Database) {
    let app = app(&db);
    let mut visitor = Browser::new(&app, "192.0.2.31:4000");
    let email = format!("{}@qala.example", "b".repeat(10_000));
    let fields = [("lang", "en"), ("email", email.as_str()), ("password", "password12")];
    let reply = visitor.submit("/api/account/sign-up", &fields, "/en/account/sign-up").await;
    assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.body);
    let cookies: Vec<&str> =
        reply.headers.get_all(header::SET_COOKIE).iter().map(|value| value.to_str().unwrap()).collect();
    assert!(cookies.iter().all(|cookie| cookie.len() < 4096), "no cookie carries the whole text: {}", cookies.len());
    assert!(!cookies.iter().any(|cookie| cookie.starts_with("qala_draft=")), "the draft is dropped");
    let location = reply.headers[header::LOCATION].to_str().unwrap().trim_start_matches("https://qala.example");
    let page = visitor.get(location).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Enter an email address like name@example.org."), "the error is still shown");
    assert!(!page.body.contains(&email), "nor is the text kept anywhere else");
}

/// What a signed-in person typed into a refused form waits in their session, like every other form of
/// theirs, never in a cookie: a colleague's address does not travel back and forth in the browser.
async fn a_signed_in_persons_refused_form_stays_on_the_server(db: Database) {
    let app = app(&db);
    let [_, (b_id, b_slug)] = two_listings(&db).await;
    let mut owner = person(&app, &db, "owner@bravo.example", None, Some((b_id, MembershipRole::Owner))).await;
    let page = format!("/en/account/organizations/{b_slug}");
    let fields = [("lang", "en"), ("slug", b_slug.as_str()), ("email", "colleague at bravo")];
    let reply = owner.submit("/api/editing/invite", &fields, &page).await;
    assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.body);
    let cookies: Vec<&str> =
        reply.headers.get_all(header::SET_COOKIE).iter().map(|value| value.to_str().unwrap()).collect();
    assert!(!cookies.iter().any(|cookie| cookie.starts_with("qala_draft=")), "no cookie carries it: {cookies:?}");
    let location = reply.headers[header::LOCATION].to_str().unwrap().trim_start_matches("https://qala.example");
    let shown = owner.get(location).await.body;
    assert!(shown.contains(r#"value="colleague at bravo""#), "the address typed is filled in again");
    assert!(shown.contains("Enter an email address like name@example.org."), "next to its message");
}

/// A refused profile keeps what was typed in the session for the page it returns to: each value cut
/// to the longest a field takes, and none at all past the flash's limit.
async fn a_refused_forms_flash_is_bounded(db: Database) {
    let app = app(&db);
    let [_, (b_id, b_slug)] = two_listings(&db).await;
    let mut owner = person(&app, &db, "owner@bravo.example", None, Some((b_id, MembershipRole::Owner))).await;
    let page = format!("/en/account/organizations/{b_slug}");

    let mut fields = profile_form("Bravo Security");
    fields.retain(|(name, _)| *name != "en.description");
    fields.push(("en.description", "x".repeat(1_000_000)));
    post_profile(&mut owner, &b_slug, &fields).await;
    let shown = owner.get(&page).await.body;
    assert!(shown.contains("Use at most 8000 characters."), "the description's message");
    assert!(shown.contains(&"x".repeat(DESCRIPTION_MAX)), "what was typed comes back up to the limit");
    assert!(!shown.contains(&"x".repeat(DESCRIPTION_MAX + 1)), "and no further");

    let mut fields = profile_form("Bravo Typed Name");
    fields.push(("founded_year", "3000".to_owned()));
    fields.extend((0..1_000).map(|n| (if n % 2 == 0 { "tag" } else { "note" }, format!("{n:0>100}"))));
    post_profile(&mut owner, &b_slug, &fields).await;
    let shown = owner.get(&page).await.body;
    assert!(shown.contains(r#"aria-invalid="true""#), "the errors are kept");
    assert!(!shown.contains("Bravo Typed Name"), "the values past the flash's limit are not");
}

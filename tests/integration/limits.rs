//! No anonymous request stalls the server or grows its database: server functions refuse arguments
//! beyond what a page asks with 400 at once, and refused forms keep their drafts within bounds.
use axum::http::{StatusCode, header};
use qala::{
    domain::{
        directory::{DirectoryQuery, SolutionQuery},
        solution::SolutionKind,
    },
    server::db::Database,
};
use serde_json::json;

use crate::{
    browser::Browser,
    http::{app, post_json},
    on_both_engines,
};

on_both_engines!(server_functions_refuse_calls_beyond_their_limits);

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
    // before anything is counted.
    let before = db.row_counts().await.unwrap();
    let mut visitor = Browser::new(&app, "192.0.2.30:4000");
    let email = format!("{}@qala.example", "a".repeat(300_000));
    let reply =
        visitor.call("/api/account/sign-in", &[("lang", "en"), ("email", &email), ("password", "password123")]).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    assert!(reply.body.contains("email: at most 254 characters"), "{}", reply.body);
    assert_eq!(db.row_counts().await.unwrap(), before, "nothing was written");
}

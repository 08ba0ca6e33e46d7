//! The same-origin rule: a request that changes anything must come from this site's own pages. Browsers
//! say where a request comes from (`Origin`, or `Sec-Fetch-Site`), and pages elsewhere cannot forge
//! either, so a write from anywhere else is refused with 403 before it runs. Server functions have no
//! CSRF protection of their own, and this covers them and every plain route that takes writes (the
//! router puts it on exactly those; read-only routes answer an unknown method 405 instead).
use axum::{
    extract::{Request, State},
    http::{HeaderMap, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::server::AppState;

pub async fn same_origin_writes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || comes_from_this_site(request.headers(), &state.public_url) {
        next.run(request).await
    } else {
        tracing::warn!(method = %request.method(), path = %request.uri().path(), "cross-site write refused");
        (StatusCode::FORBIDDEN, "This request did not come from this site's own pages, so nothing was changed.")
            .into_response()
    }
}

/// Whether the browser says the request comes from the public address or the host it was sent to.
fn comes_from_this_site(headers: &HeaderMap, public_url: &str) -> bool {
    match headers.get(header::ORIGIN).and_then(|origin| origin.to_str().ok()) {
        Some(origin) => {
            let host = headers.get(header::HOST).and_then(|host| host.to_str().ok()).unwrap_or_default();
            origin == public_url.trim_end_matches('/')
                || (!host.is_empty()
                    && [format!("http://{host}"), format!("https://{host}")].contains(&origin.to_owned()))
        }
        None => headers.get("sec-fetch-site").is_some_and(|site| site == "same-origin"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, value.parse().unwrap());
        }
        headers
    }

    #[test]
    fn only_this_sites_pages_may_write() {
        let public = "https://qala.example";
        assert!(comes_from_this_site(&headers(&[("origin", "https://qala.example")]), public));
        assert!(comes_from_this_site(
            &headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")]),
            public
        ));
        assert!(comes_from_this_site(&headers(&[("sec-fetch-site", "same-origin")]), public));
        assert!(!comes_from_this_site(
            &headers(&[("origin", "https://evil.example"), ("host", "qala.example")]),
            public
        ));
        assert!(!comes_from_this_site(&headers(&[("origin", "null")]), public));
        assert!(!comes_from_this_site(&headers(&[("sec-fetch-site", "cross-site")]), public));
        assert!(!comes_from_this_site(&headers(&[]), public));
    }
}

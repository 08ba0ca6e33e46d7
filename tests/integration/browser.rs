//! A browser for tests: its own cookie and address, posting forms the way pages do.
use std::net::SocketAddr;

use axum::{
    Router,
    body::Body,
    extract::ConnectInfo,
    http::{HeaderMap, Request, StatusCode, header},
};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub const PASSWORD: &str = "amber harbour lantern 42";

/// A browser: its own cookies, its own address, and how it posts forms.
pub struct Browser {
    pub app: Router,
    /// The `Cookie` header it sends: every cookie it was given and kept.
    pub cookie: Option<String>,
    pub peer: SocketAddr,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Browser {
    pub fn new(app: &Router, peer: &str) -> Browser {
        Browser { app: app.clone(), cookie: None, peer: peer.parse().unwrap() }
    }

    pub async fn send(&mut self, mut request: Request<Body>) -> Reply {
        request.extensions_mut().insert(ConnectInfo(self.peer));
        if let Some(cookie) = &self.cookie {
            request.headers_mut().insert(header::COOKIE, cookie.parse().unwrap());
        }
        let response = self.app.clone().oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        for value in parts.headers.get_all(header::SET_COOKIE) {
            let value = value.to_str().unwrap();
            let pair = value.split(';').next().unwrap();
            let name = pair.split('=').next().unwrap();
            // The jar: one `name=value` per cookie, this one replacing (or, expired, dropping) its namesake.
            let mut jar: Vec<&str> = self.cookie.as_deref().map(|jar| jar.split("; ").collect()).unwrap_or_default();
            jar.retain(|kept| kept.split('=').next() != Some(name));
            if !value.contains("Max-Age=0") {
                jar.push(pair);
            }
            self.cookie = (!jar.is_empty()).then(|| jar.join("; "));
        }
        let body = String::from_utf8_lossy(&body.collect().await.unwrap().to_bytes()).into_owned();
        Reply { status: parts.status, headers: parts.headers, body }
    }

    /// A server function called by a hydrated page (fetch, from this site).
    pub async fn call(&mut self, endpoint: &str, fields: &[(&str, &str)]) -> Reply {
        self.post(endpoint, fields, "application/json", Some("https://qala.example")).await
    }

    /// A plain form post from a page without JavaScript.
    pub async fn submit(&mut self, endpoint: &str, fields: &[(&str, &str)], page: &str) -> Reply {
        let request = form_request(endpoint, "text/html,application/xhtml+xml", Some("https://qala.example"))
            .header(header::REFERER, format!("https://qala.example{page}"));
        self.send(request.body(body(fields)).unwrap()).await
    }

    pub async fn post(&mut self, endpoint: &str, fields: &[(&str, &str)], accept: &str, origin: Option<&str>) -> Reply {
        let request = form_request(endpoint, accept, origin).body(body(fields)).unwrap();
        self.send(request).await
    }

    /// A plain multipart form post from a page without JavaScript: text fields and one file, given as
    /// (field name, file name, bytes).
    pub async fn upload(&mut self, endpoint: &str, fields: &[(&str, &str)], file: (&str, &str, &[u8])) -> Reply {
        let boundary = "qala-test-boundary";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        let (name, file_name, bytes) = file;
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = Request::post(endpoint)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
            .header(header::ACCEPT, "text/html")
            .header(header::ORIGIN, "https://qala.example")
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        self.send(Request::get(path).body(Body::empty()).unwrap()).await
    }

    /// The signed-in account's email, as every page's frame asks for it.
    pub async fn viewer(&mut self) -> Option<String> {
        let reply = self.call("/api/account/viewer", &[]).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let viewer: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        viewer["email"].as_str().map(str::to_owned)
    }
}

pub fn form_request(endpoint: &str, accept: &str, origin: Option<&str>) -> axum::http::request::Builder {
    let mut request = Request::post(endpoint)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, accept);
    if let Some(origin) = origin {
        request = request.header(header::ORIGIN, origin);
    }
    request
}

pub fn body(fields: &[(&str, &str)]) -> Body {
    Body::from(form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish())
}

pub fn field_problem(reply: &Reply, field: &str) -> String {
    let error: serde_json::Value = serde_json::from_str(&reply.body).unwrap_or_default();
    error["Invalid"]
        .as_array()
        .and_then(|errors| errors.iter().find(|error| error["field"] == field))
        .map(|error| error["problem"].to_string())
        .unwrap_or_default()
}

/// The one-time token in the newest mail to `recipient`.
pub async fn emailed_token(db: &qala::server::db::Database, recipient: &str) -> String {
    let mail = db.recent_mail(Some(recipient), 1).await.unwrap().into_iter().next().expect("a mail");
    let start = mail.body.find("token=").expect("a link with a token") + "token=".len();
    mail.body[start..].chars().take_while(char::is_ascii_hexdigit).collect()
}

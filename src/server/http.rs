//! The HTTP server: Leptos pages and server functions, plus the few plain routes around them.
use std::{net::SocketAddr, sync::LazyLock};

use axum::{
    Router,
    body::Body,
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Redirect, Response},
    routing::{get, get_service},
    serve::ListenerExt,
};
use leptos::prelude::*;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list_with_exclusions_and_ssg};
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    services::{ServeDir, ServeFile},
    trace::TraceLayer,
};

use super::{AppState, db::Database};
use crate::{
    app::{App, shell},
    domain::lang::Lang,
    routes,
};

mod document;
pub mod plain;
pub mod security;

/// The cookie that remembers the language a visitor last read the site in.
pub const LANGUAGE_COOKIE: &str = "qala_lang";

/// Largest request body accepted anywhere: a 2 MiB logo plus the rest of its form.
const BODY_LIMIT: usize = 3 * 1024 * 1024;

/// How the server is set up, from the command line and environment.
pub struct ServeSettings {
    pub addr: Option<SocketAddr>,
    pub public_url: Option<String>,
    pub trusted_proxies: Vec<std::net::IpAddr>,
    pub mail: super::mail::Delivery,
    pub security_txt: Option<security::SecurityTxt>,
}

pub async fn serve(db: Database, settings: ServeSettings) -> Result<(), String> {
    let mut leptos_options =
        get_configuration(None).map_err(|error| format!("bad Leptos configuration: {error}"))?.leptos_options;
    if let Some(addr) = settings.addr {
        leptos_options.site_addr = addr;
    }
    let addr = leptos_options.site_addr;
    let public_url = settings.public_url.unwrap_or_else(|| format!("http://{addr}"));
    // Build the directory index before the first visitor asks (seconds at a hundred thousand listings);
    // `/healthz` says "starting" until it is built.
    let search = super::search::Search::new(db.clone());
    search.warm_up();
    super::background::spawn(db.clone(), db.session_store(), settings.mail);
    let state = AppState {
        leptos_options,
        db,
        search,
        public_url: public_url.clone(),
        trusted_proxies: settings.trusted_proxies,
        security_txt: settings.security_txt.map(std::sync::Arc::new),
    };
    let listener =
        tokio::net::TcpListener::bind(addr).await.map_err(|error| format!("cannot listen on {addr}: {error}"))?;
    // On the signal, every request already sent is answered (see `drain`).
    let (listener, shutdown) = super::drain::until(listener, shutdown_signal());
    let deadline = shutdown.deadline();
    // Leptos streams a page in several writes; without NODELAY each waits for a delayed ACK.
    let listener = listener.tap_io(|stream| {
        if let Err(error) = stream.set_nodelay(true) {
            tracing::warn!(%error, "cannot set TCP_NODELAY");
        }
    });
    tracing::info!(%addr, %public_url, "serving");
    println!("Qala is running at {public_url}/");
    // The peer's address is what throttling counts by (or, behind a trusted proxy, what it forwards).
    let server = axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown.connections_may_stop());
    tokio::select! {
        outcome = std::future::IntoFuture::into_future(server) => {
            outcome.map_err(|error| format!("server error: {error}"))?;
        }
        () = deadline => tracing::warn!(limit = ?super::drain::DRAIN_LIMIT, "requests still running were cut off"),
    }
    tracing::info!("stopped");
    Ok(())
}

/// The page routes, listed once per process. Listing them renders the app with resource loading
/// suppressed by a process-wide flag (leptos_server's `SuppressResourceLoad`), and a resource first
/// polled while that flag is up stays pending for good: listing them again while another router
/// renders pages (several routers in one process, as in the integration tests) hung that render.
static ROUTES: LazyLock<Vec<AxumRouteListing>> =
    LazyLock::new(|| generate_route_list_with_exclusions_and_ssg(App, None).0);

/// What every page and server function of a request shares: its script nonce, and the refused forms it
/// took from the session.
fn provide_request_context() {
    security::provide_request_nonce();
    super::forms::TakenThisRequest::provide();
}

/// The whole application as an axum router (also what the integration tests drive).
pub fn router(state: AppState) -> Router {
    let routes = ROUTES.clone();
    let shell_options = state.leptos_options.clone();
    let router = Lang::ALL
        .iter()
        .fold(Router::new(), |router, lang| router.route(&format!("/{lang}/"), get(drop_trailing_slash)));
    // The routes that take writes (forms, server functions, the editor, staff): a write must come from
    // this site's own pages. Only they are behind the check, so every other route answers a method it
    // does not take with 405 and `Allow`, whoever sent it.
    let writable = Router::new()
        .merge(super::editing::routes())
        .merge(super::curation::routes())
        .leptos_routes_with_context(&state, routes, provide_request_context, move || shell(shell_options.clone()))
        .route_layer(middleware::from_fn_with_state(state.clone(), super::auth::origin::same_origin_writes));
    // Each section's address without a language leads to the visitor's language: what `hreflang`'s
    // x-default names, and the feed's language-neutral entry ids.
    let sections =
        routes::SECTIONS.iter().filter(|section| !section.is_empty()).map(|section| routes::below_lang(section));
    let router = sections.fold(router, |router, section| {
        router.route(&section, get(choose_language)).route(&format!("{section}/{{*page}}"), get(choose_language))
    });
    static_files(router, &state.leptos_options)
        .route("/", get(choose_language))
        .route("/healthz", get(healthz))
        .route("/.well-known/security.txt", get(security::security_txt))
        .route(&routes::logo_at("{slug}", "{size}"), get(serve_logo))
        .merge(super::open_data::routes())
        .merge(super::syndication::routes())
        .merge(writable)
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(provide_request_context, shell))
        .layer(middleware::from_fn(server_function_status))
        .layer(middleware::from_fn(document::scripts_inside_body))
        .layer(super::auth::session_layer(state.db.session_store(), state.public_url.starts_with("https://")))
        .layer(middleware::from_fn(remember_language))
        .layer(middleware::from_fn(cache_static_assets))
        .layer(CompressionLayer::new())
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(CatchPanicLayer::new())
        .layer(middleware::from_fn_with_state(state.clone(), security::security_headers))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<Body>| {
            let request_id =
                request.headers().get("x-request-id").and_then(|value| value.to_str().ok()).unwrap_or_default();
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id)
        }))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// Serves the built assets under `/pkg` and each file of `public/` at the root, as routes of their own:
/// a page route like `/{lang}` would otherwise claim `/favicon.svg`. They are GET routes, so other
/// methods get 405.
fn static_files(mut router: Router<AppState>, options: &LeptosOptions) -> Router<AppState> {
    let site_root = std::path::Path::new(&*options.site_root);
    // The whole path, `/pkg/…`, is looked up under the site root.
    router = router.route(&format!("/{}/{{*file}}", options.site_pkg_dir), get_service(ServeDir::new(site_root)));
    let files = std::fs::read_dir(site_root).into_iter().flatten().flatten().filter(|entry| entry.path().is_file());
    for entry in files {
        if let Some(name) = entry.file_name().to_str() {
            router = router.route(&format!("/{name}"), get_service(ServeFile::new(entry.path())));
        }
    }
    router
}

/// A server function's error answers 500 whatever went wrong; this gives each error its own status
/// (401, 403, 404, 422, 429), read back from the error its body carries.
async fn server_function_status(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let is_server_function = path.starts_with("/api/") && !path.starts_with("/api/v1/");
    let response = next.run(request).await;
    if !is_server_function || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<crate::error::AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// `/` sends a visitor to their language: the one they chose before, else their browser's, else
/// Azerbaijani; `/organizations/…` and the other sections without a language, to the same page in it.
async fn choose_language(uri: axum::http::Uri, headers: HeaderMap) -> Response {
    let lang = preferred_language(&headers);
    let page = uri.path().trim_end_matches('/');
    let address = match uri.query() {
        Some(query) => format!("/{lang}{page}?{query}"),
        None => format!("/{lang}{page}"),
    };
    let mut response = Redirect::to(&address).into_response();
    response.headers_mut().insert(header::VARY, HeaderValue::from_static("cookie, accept-language"));
    response
}

/// A language's home is `/{lang}`; `/{lang}/` leads there, keeping the query.
async fn drop_trailing_slash(uri: axum::http::Uri) -> Redirect {
    let path = uri.path().trim_end_matches('/');
    match uri.query() {
        Some(query) => Redirect::permanent(&format!("{path}?{query}")),
        None => Redirect::permanent(path),
    }
}

/// The language a visitor reads: the one they chose before, else their browser's, else Azerbaijani.
/// Pages in no language (`/`, a 404 under an unknown first segment) are answered in it.
pub fn preferred_language(headers: &HeaderMap) -> Lang {
    remembered_language(headers)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|value| value.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

fn remembered_language(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == LANGUAGE_COOKIE)
        .and_then(|cookie| cookie.value().parse().ok())
}

/// Pages under `/{lang}/` remember their language, so `/` leads back to it next time.
async fn remember_language(request: Request, next: Next) -> Response {
    let lang: Option<Lang> =
        request.uri().path().trim_start_matches('/').split('/').next().and_then(|first| first.parse().ok());
    let remembered = remembered_language(request.headers());
    let mut response = next.run(request).await;
    if lang.is_none() && response.status() == StatusCode::NOT_FOUND {
        // Its words follow the visitor's language (see `preferred_language`).
        response.headers_mut().insert(header::VARY, HeaderValue::from_static("cookie, accept-language"));
    }
    if let Some(lang) = lang.filter(|lang| remembered != Some(*lang))
        && response.status().is_success()
    {
        let cookie = cookie::Cookie::build((LANGUAGE_COOKIE, lang.as_str()))
            .path("/")
            .max_age(cookie::time::Duration::days(365))
            .same_site(cookie::SameSite::Lax)
            .http_only(true)
            .build();
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// Built assets keep their names across releases, so browsers revalidate them (cheap 304s)
/// rather than risk running an old bundle against a new page.
async fn cache_static_assets(request: Request, next: Next) -> Response {
    let is_asset = request.uri().path().starts_with("/pkg/");
    let mut response = next.run(request).await;
    if is_asset && response.status() == StatusCode::OK {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

/// A logo from the database. URLs carrying the logo's current version (`?v=`) never change, so they
/// are cached for a year; others are revalidated against the ETag after five minutes.
async fn serve_logo(
    State(state): State<AppState>,
    axum::extract::Path((slug, size)): axum::extract::Path<(String, String)>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    // Any size but the served ones names no logo: a 404, whether it is a number or not.
    let Some(size) = size.parse::<u32>().ok().filter(|size| crate::domain::organization::LOGO_SIZES.contains(size))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let logo = match state.db.logo(&slug, size).await {
        Ok(Some(logo)) => logo,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let etag = format!("\"{}-{size}\"", logo.version);
    let cache = if query.get("v") == Some(&logo.version) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    };
    let unchanged = headers.get(header::IF_NONE_MATCH).and_then(|value| value.to_str().ok()) == Some(etag.as_str());
    let mut response = if unchanged {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, logo.content_type)], logo.bytes).into_response()
    };
    let response_headers = response.headers_mut();
    for (name, value) in [(header::ETAG, etag.as_str()), (header::CACHE_CONTROL, cache)] {
        if let Ok(value) = HeaderValue::from_str(value) {
            response_headers.insert(name, value);
        }
    }
    response
}

/// For load balancers and orchestrators: 200 when the database answers and the search index is built,
/// 503 while an instance that has just started builds it (a balancer then waits, not a visitor) and
/// when the database does not answer.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    if !state.db.is_healthy().await {
        return (StatusCode::SERVICE_UNAVAILABLE, "database unavailable");
    }
    if !state.search.is_ready() {
        state.search.warm_up();
        return (StatusCode::SERVICE_UNAVAILABLE, "starting: building the search index");
    }
    (StatusCode::OK, "ok")
}

/// Resolves on SIGINT or SIGTERM; requests already sent then get their answers before the server stops.
/// The handlers are installed when this is called, not when it is first polled: a signal that comes
/// as soon as the server says it is running (its workers still busy starting up) must not find the
/// default action, which ends the process on the spot.
fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let (interrupt, terminate) = {
        use tokio::signal::unix::{SignalKind, signal};
        let listen = |kind: SignalKind, name: &str| {
            signal(kind).map_err(|error| tracing::error!(%error, "cannot listen for {name}")).ok()
        };
        (listen(SignalKind::interrupt(), "SIGINT"), listen(SignalKind::terminate(), "SIGTERM"))
    };
    async move {
        #[cfg(unix)]
        {
            let received = |signal: Option<tokio::signal::unix::Signal>| async move {
                match signal {
                    Some(mut signal) => {
                        signal.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                () = received(interrupt) => tracing::info!("SIGINT received, shutting down"),
                () = received(terminate) => tracing::info!("SIGTERM received, shutting down"),
            }
        }
        #[cfg(not(unix))]
        match tokio::signal::ctrl_c().await {
            Ok(()) => tracing::info!("SIGINT received, shutting down"),
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGINT");
                std::future::pending::<()>().await;
            }
        }
    }
}

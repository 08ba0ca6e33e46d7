//! The open-data API under `/api/v1`: the directory as JSON (the same questions the pages answer),
//! the taxonomy, an OpenAPI description, a CSV download of any directory result, and the whole dataset
//! (`server::bulk`'s export) as JSON and CSV.
//!
//! Unlike the pages, which quietly leave out a parameter they do not understand, the API refuses it
//! with a 400, so a program learns about its mistake instead of getting results it did not ask for.
pub(crate) mod records;

use axum::{
    Json, Router,
    extract::{Path, RawQuery, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use serde::Serialize;
use std::collections::HashMap;

use super::{AppState, bulk::export::ExportFile, spreadsheet::CsvWriter};
use crate::{
    domain::{
        directory::{DirectoryQuery, IgnoredParameter, PAGE_SIZE, SearchQuery, SolutionQuery},
        lang::Lang,
        limits::MAX_FACET_VALUES,
    },
    error::AppError,
    routes,
};
use records::{CategoryTree, OrganizationRecord, SolutionRecord, SolutionSummary, TermRecord, Vocabulary};

/// The OpenAPI 3.1 description of this API.
const OPENAPI: &str = include_str!("open_data/openapi.json");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(routes::api::ORGANIZATIONS, get(list_organizations))
        .route(routes::api::ORGANIZATIONS_CSV, get(organizations_csv))
        .route(&routes::api::organization("{slug}"), get(organization))
        .route(routes::api::SOLUTIONS, get(list_solutions))
        .route(routes::api::CATEGORIES, get(categories))
        .route(routes::api::SECTORS, get(sectors))
        .route(routes::api::OPENAPI, get(openapi))
        .route(routes::api::EXPORT_JSON, get(async |State(state)| download(state, ExportFile::Json).await))
        .route(
            routes::api::EXPORT_ORGANIZATIONS_CSV,
            get(async |State(state)| download(state, ExportFile::OrganizationsCsv).await),
        )
        .route(
            routes::api::EXPORT_SOLUTIONS_CSV,
            get(async |State(state)| download(state, ExportFile::SolutionsCsv).await),
        )
        .route(
            routes::api::ROOT,
            get(|| async { ApiError::not_found("See /api/v1/openapi.json for what this API offers.") }),
        )
        .route(
            &format!("{}/{{*rest}}", routes::api::ROOT),
            get(|| async { ApiError::not_found("No such endpoint; see /api/v1/openapi.json.") }),
        )
}

/// An API failure: the status that fits and a message for the developer, as JSON.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }

    fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        let status = StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        ApiError::new(status, error.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body {
            error: Detail,
        }
        #[derive(Serialize)]
        struct Detail {
            status: u16,
            message: String,
        }
        let body = Body { error: Detail { status: self.status.as_u16(), message: self.message } };
        (self.status, Json(body)).into_response()
    }
}

/// One page of results, with the links a client follows to walk through them.
#[derive(Serialize)]
struct ResultPage<T> {
    results: Vec<T>,
    total: u64,
    page: u32,
    page_count: u32,
    page_size: u32,
    next: Option<String>,
    previous: Option<String>,
}

impl<T> ResultPage<T> {
    fn new(results: Vec<T>, total: u64, page: u32, address: impl Fn(u32) -> String) -> ResultPage<T> {
        let page_count = u32::try_from(total.div_ceil(u64::from(PAGE_SIZE))).unwrap_or(u32::MAX).max(1);
        ResultPage {
            results,
            total,
            page,
            page_count,
            page_size: PAGE_SIZE,
            next: (page < page_count).then(|| address(page + 1)),
            previous: (page > 1).then(|| address(page - 1)),
        }
    }
}

/// A question from a query string, and the language to answer in (`lang`, English by default).
fn read_question<Q: SearchQuery>(raw: Option<&str>) -> Result<(Q, Lang), ApiError> {
    let raw = raw.unwrap_or_default();
    check_strictly(raw)?;
    let asked = form_urlencoded::parse(raw.as_bytes()).find(|(name, _)| name == "lang").map(|(_, value)| value);
    let lang = Lang::from_parameter(asked.as_deref(), Lang::En)
        .map_err(|message| ApiError::new(StatusCode::BAD_REQUEST, message))?;
    let (query, ignored) = Q::from_query_string(raw);
    if !ignored.is_empty() {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, describe_ignored(&ignored)));
    }
    Ok((query, lang))
}

/// Parameters of free text, where an empty value is text like any other (and asks nothing).
const FREE_TEXT: [&str; 2] = ["q", "city"];

/// What the pages forgive and the API does not: a parameter of fixed values or a pattern given
/// without a value (forms send `kind=`; a program means something else), and a name repeated more
/// often than a facet may hold values, however many of the copies are the same.
fn check_strictly(raw: &str) -> Result<(), ApiError> {
    let refuse = |message: String| Err(ApiError::new(StatusCode::BAD_REQUEST, message));
    let mut repeats: HashMap<String, usize> = HashMap::new();
    for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
        if !FREE_TEXT.contains(&&*name) && value.trim().is_empty() {
            return refuse(format!("The parameter `{name}` has no value: leave it out to mean any."));
        }
        let count = repeats.entry(name.into_owned()).or_default();
        *count += 1;
        if *count > MAX_FACET_VALUES {
            return refuse(format!("A parameter is given more than {MAX_FACET_VALUES} times."));
        }
    }
    Ok(())
}

fn describe_ignored(ignored: &[IgnoredParameter]) -> String {
    let values: Vec<String> =
        ignored.iter().map(|parameter| format!("{}={}", parameter.name, parameter.value)).collect();
    format!("These parameters have values this API does not know: {}.", values.join(", "))
}

/// The same question's address on another page.
fn page_address<Q: SearchQuery>(public_url: &str, path: &str, query: &Q, lang: Lang) -> String {
    let address = query.href(&format!("{public_url}{path}"));
    let separator = if address.contains('?') { '&' } else { '?' };
    format!("{address}{separator}lang={lang}")
}

/// Short caching: the directory changes when listings are edited, and clients poll.
fn cached<T: IntoResponse>(body: T) -> Response {
    let mut response = body.into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60"));
    response.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    response
}

async fn vocabulary(state: &AppState) -> Result<Vocabulary, AppError> {
    Ok(Vocabulary::new(state.db.categories().await?, state.db.sectors().await?, state.db.tags().await?))
}

async fn list_organizations(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let (query, lang): (DirectoryQuery, Lang) = read_question(raw.as_deref())?;
    let (ids, total) = state.search.directory_ids(&query, lang, Some(PAGE_SIZE)).await?;
    let vocabulary = vocabulary(&state).await?;
    let results = state.db.organizations_by_ids(&ids).await?;
    let results = results.into_iter().map(|org| OrganizationRecord::new(org, &vocabulary, &state.public_url)).collect();
    let page = ResultPage::new(results, total, query.page, |number| {
        page_address(&state.public_url, routes::api::ORGANIZATIONS, &query.on_page(number), lang)
    });
    Ok(cached(Json(page)))
}

async fn organization(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Response, ApiError> {
    let not_found = || ApiError::not_found(format!("No published organization has the slug `{slug}`."));
    let Some(organization) = state.db.organization_by_slug(&slug).await? else {
        return match state.db.redirected_slug(&slug).await? {
            Some(kept) => Ok(axum::response::Redirect::permanent(&routes::api::organization(&kept)).into_response()),
            None => Err(not_found()),
        };
    };
    if !organization.status.is_public() {
        return Err(not_found());
    }
    let vocabulary = vocabulary(&state).await?;
    let solutions = state.db.solutions_of(organization.id).await?;
    let mut record = OrganizationRecord::new(organization, &vocabulary, &state.public_url);
    record.solutions = Some(
        solutions.into_iter().map(|solution| SolutionRecord::new(solution, &vocabulary, &state.public_url)).collect(),
    );
    Ok(cached(Json(record)))
}

async fn list_solutions(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let (query, lang): (SolutionQuery, Lang) = read_question(raw.as_deref())?;
    let found = state.search.solutions(&query, lang).await?;
    let results = found.results.into_iter().map(|card| SolutionSummary::new(card, lang, &state.public_url)).collect();
    let page = ResultPage::new(results, found.total, query.page, |number| {
        page_address(&state.public_url, routes::api::SOLUTIONS, &query.on_page(number), lang)
    });
    Ok(cached(Json(page)))
}

async fn categories(State(state): State<AppState>) -> Result<Response, ApiError> {
    Ok(cached(Json(CategoryTree::from_categories(&state.db.categories().await?))))
}

async fn sectors(State(state): State<AppState>) -> Result<Response, ApiError> {
    let sectors: Vec<TermRecord> = state
        .db
        .sectors()
        .await?
        .into_iter()
        .map(|sector| TermRecord { slug: sector.slug, names: sector.names, nist_function: None })
        .collect();
    Ok(cached(Json(sectors)))
}

/// The whole public dataset, the same files `qala export` writes.
async fn download(state: AppState, file: ExportFile) -> Result<Response, ApiError> {
    let (sender, receiver) = tokio::sync::mpsc::channel(4);
    tokio::spawn(async move {
        if let Err(error) = super::bulk::export::write(&state.db, &state.public_url, file, &sender).await {
            let _ = sender.send(Err(error)).await;
        }
    });
    // A failure half-way ends the connection without the body's last chunk, so the client knows the
    // file is incomplete rather than taking half of it for all.
    // Fused: the compression layer polls once more after the end.
    let pieces = futures_util::StreamExt::fuse(futures_util::stream::unfold(receiver, |mut receiver| async move {
        let piece = receiver.recv().await?;
        Some((piece.map_err(|error| std::io::Error::other(error.to_string())), receiver))
    }));
    let disposition = format!("attachment; filename=\"{}\"", file.file_name());
    Ok(cached((
        [(header::CONTENT_TYPE, file.content_type().to_owned()), (header::CONTENT_DISPOSITION, disposition)],
        axum::body::Body::from_stream(pieces),
    )))
}

async fn openapi() -> Response {
    cached(([(header::CONTENT_TYPE, "application/json")], OPENAPI))
}

/// Every result of a directory question (not only one page) as CSV, with a byte-order mark so
/// spreadsheet programs read Azerbaijani and Russian letters right.
async fn organizations_csv(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let (query, lang): (DirectoryQuery, Lang) = read_question(raw.as_deref())?;
    let (ids, _) = state.search.directory_ids(&query, lang, None).await?;
    let vocabulary = vocabulary(&state).await?;
    let mut writer = CsvWriter::with_byte_order_mark();
    let csv_failed = |error: csv::Error| {
        tracing::error!(%error, "writing CSV failed");
        ApiError::from(AppError::Internal)
    };
    writer
        .write_row([
            "slug",
            "name",
            "kind",
            "country",
            "city",
            "website",
            "email",
            "phone",
            "founded_year",
            "employee_range",
            "verified_at",
            "categories",
            "sectors",
            "startup_stage",
            "profile_url",
        ])
        .map_err(csv_failed)?;
    // In batches, so a download of the whole directory never holds every listing at once.
    for batch in ids.chunks(500) {
        for organization in state.db.organizations_by_ids(batch).await? {
            let record = OrganizationRecord::new(organization, &vocabulary, &state.public_url);
            let names = |terms: &[TermRecord]| terms.iter().map(|term| term.name(lang)).collect::<Vec<_>>().join("; ");
            writer
                .write_row([
                    record.slug.to_string(),
                    record.name(lang),
                    record.kind.to_string(),
                    record.facts.country.to_string(),
                    record.facts.city.clone().unwrap_or_default(),
                    record.facts.website.clone().unwrap_or_default(),
                    record.facts.email.clone().unwrap_or_default(),
                    record.facts.phone.clone().unwrap_or_default(),
                    record.facts.founded_year.map(|year| year.to_string()).unwrap_or_default(),
                    record.facts.employee_range.map(|range| range.to_string()).unwrap_or_default(),
                    record.verified_at.map(|date| date.date().to_string()).unwrap_or_default(),
                    names(&record.categories),
                    names(&record.sectors),
                    record.startup.as_ref().map(|facts| facts.stage.to_string()).unwrap_or_default(),
                    record.profile_urls.get(&lang).cloned().unwrap_or_default(),
                ])
                .map_err(csv_failed)?;
        }
    }
    let bytes = writer.finish().map_err(csv_failed)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"qala-organizations.csv\""),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        bytes,
    )
        .into_response())
}

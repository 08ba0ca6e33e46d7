//! What the site tells feed readers and search engines: an Atom feed of newly published
//! organizations, a sitemap of every public page in every language, and `robots.txt`.
use axum::{
    Router,
    extract::{Path, Query, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use quick_xml::escape::escape;
use serde::Deserialize;
use time::{OffsetDateTime, format_description::well_known::Rfc3339};

use super::{AppState, db::PublicPage};
use crate::{
    domain::lang::Lang,
    i18n::{Locale, td_string},
    labels::{country_name, kind_label},
    routes,
};

/// Entries in the feed.
const FEED_LENGTH: i64 = 50;
/// Pages per sitemap file: each page is listed once per language, and a file may hold 50,000 URLs.
const PAGES_PER_SITEMAP: usize = 15_000;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(routes::FEED, get(feed))
        .route(routes::SITEMAP, get(sitemap))
        .route("/sitemaps/{file}", get(sitemap_part))
        .route("/robots.txt", get(robots))
}

fn xml(body: String, content_type: &'static str) -> Response {
    let mut response = ([(header::CONTENT_TYPE, content_type)], body).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=600"));
    response
}

fn timestamp(time: OffsetDateTime) -> String {
    time.format(&Rfc3339).unwrap_or_default()
}

#[derive(Deserialize)]
struct FeedQuery {
    lang: Option<String>,
}

/// The newest published organizations, in the language asked for (`?lang=`, Azerbaijani by default).
async fn feed(State(state): State<AppState>, Query(query): Query<FeedQuery>) -> Response {
    let lang = match Lang::from_parameter(query.lang.as_deref(), Lang::default()) {
        Ok(lang) => lang,
        Err(message) => return (StatusCode::BAD_REQUEST, message).into_response(),
    };
    let locale = Locale::from(lang);
    let organizations = match state.db.newest_published(FEED_LENGTH).await {
        Ok(organizations) => organizations,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let public = &state.public_url;
    let self_url = format!("{public}{}", routes::feed(lang));
    let updated = organizations
        .iter()
        .filter_map(|organization| organization.published_at)
        .max()
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let mut body = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n\
         <title>{title}</title>\n<subtitle>{subtitle}</subtitle>\n<id>{id}</id>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{self_url}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{public}{directory}?sort=newest\"/>\n\
         <updated>{updated}</updated>\n<author><name>Qala</name></author>\n",
        directory = routes::directory(lang),
        title = escape(td_string!(locale, feed.title)),
        subtitle = escape(td_string!(locale, feed.subtitle)),
        id = escape(format!("{public}{}", routes::FEED)),
        self_url = escape(self_url.as_str()),
        updated = timestamp(updated),
    );
    for organization in organizations {
        let text = organization.profile.texts.pick(lang);
        let name = text.as_ref().map_or_else(|| organization.slug.to_string(), |text| text.value.name.clone());
        let written_in = text.map_or(lang, |text| text.lang);
        let kind = organization.profile.kind;
        // The summary is always in the feed's language: the listing's own words when it has them in it,
        // else what it is and where.
        let summary =
            organization.profile.texts.get(lang).and_then(|text| text.short_description.clone()).unwrap_or_else(|| {
                format!("{} · {}", kind_label(locale, kind), country_name(locale, organization.profile.facts.country))
            });
        let published = organization.published_at.unwrap_or(organization.created_at);
        // The id is the listing's address without a language: the same entry in every language's feed,
        // and an address that leads to the profile in the reader's language.
        body.push_str(&format!(
            "<entry xml:lang=\"{written_in}\">\n<title>{name}</title>\n\
             <id>{public}{id}</id>\n\
             <link rel=\"alternate\" type=\"text/html\" href=\"{profile}\"/>\n\
             <published>{published}</published>\n<updated>{updated}</updated>\n\
             <author><name>{name}</name><uri>{profile}</uri></author>\n\
             <category term=\"{kind}\" label=\"{label}\"/>\n\
             <summary xml:lang=\"{lang}\">{summary}</summary>\n</entry>\n",
            profile = format!("{public}{}", routes::profile(lang, &organization.slug)),
            name = escape(name),
            id = routes::profile_in_any_language(&organization.slug),
            published = timestamp(published),
            updated = timestamp(organization.updated_at.max(published)),
            label = escape(kind_label(locale, kind)),
            summary = escape(summary),
        ));
    }
    body.push_str("</feed>\n");
    xml(body, "application/atom+xml; charset=utf-8")
}

/// Every public page: the sections of each language, then every profile and solution page.
async fn all_pages(state: &AppState) -> Result<Vec<SitemapPage>, Response> {
    let pages = state.db.public_pages().await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())?;
    Ok(routes::SECTIONS
        .iter()
        .map(|section| SitemapPage { path: routes::below_lang(section), updated_at: None })
        .chain(pages.into_iter().map(|PublicPage { path, slug, updated_at }| SitemapPage {
            path: format!("{}/{slug}", routes::below_lang(path)),
            updated_at: Some(updated_at),
        }))
        .collect())
}

struct SitemapPage {
    /// Below `/{lang}`.
    path: String,
    updated_at: Option<OffsetDateTime>,
}

/// The sitemap itself while every page fits in one file; past that, an index of the files.
async fn sitemap(State(state): State<AppState>) -> Response {
    let pages = match all_pages(&state).await {
        Ok(pages) => pages,
        Err(response) => return response,
    };
    if pages.len() <= PAGES_PER_SITEMAP {
        return url_set(&state.public_url, &pages);
    }
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for part in 1..=pages.len().div_ceil(PAGES_PER_SITEMAP) {
        body.push_str(&format!("<sitemap><loc>{}/sitemaps/{part}.xml</loc></sitemap>\n", state.public_url));
    }
    body.push_str("</sitemapindex>\n");
    xml(body, "application/xml; charset=utf-8")
}

/// One file of a sitemap too large for one: `/sitemaps/{n}.xml`, counting from 1.
async fn sitemap_part(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(part) = file.strip_suffix(".xml").and_then(|number| number.parse::<usize>().ok()).filter(|n| *n >= 1)
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let pages = match all_pages(&state).await {
        Ok(pages) => pages,
        Err(response) => return response,
    };
    match pages.chunks(PAGES_PER_SITEMAP).nth(part - 1) {
        Some(chunk) => url_set(&state.public_url, chunk),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Each page in each language, each entry naming its translations so search engines show the right one.
fn url_set(public: &str, pages: &[SitemapPage]) -> Response {
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in pages {
        let alternates: String = Lang::ALL
            .iter()
            .map(|lang| {
                format!("<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{public}/{lang}{}\"/>", page.path)
            })
            .chain(std::iter::once(format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{public}{}\"/>",
                if page.path.is_empty() { "/" } else { &page.path }
            )))
            .collect();
        let lastmod = page.updated_at.map(|time| format!("<lastmod>{}</lastmod>", time.date())).unwrap_or_default();
        for lang in Lang::ALL {
            body.push_str(&format!("<url><loc>{public}/{lang}{}</loc>{lastmod}{alternates}</url>\n", page.path));
        }
    }
    body.push_str("</urlset>\n");
    xml(body, "application/xml; charset=utf-8")
}

/// Crawlers may read every page and the feeds, but not the API. Search combinations are kept out of
/// indexes by the pages themselves (`noindex, follow` and a canonical address), which a crawler can
/// only read on a page it may fetch.
async fn robots(State(state): State<AppState>) -> Response {
    let body = format!("User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: {}/sitemap.xml\n", state.public_url);
    let mut response = ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    response
}

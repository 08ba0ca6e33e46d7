//! The staff forms: plain posts that go back to their page (303) with what was decided, or, refused,
//! with their messages and what was typed kept by `forms`; and staff's private files (a proposed logo,
//! the audit CSV). Each handler reads the form and calls the curation function that decides.
use axum::{
    Router,
    extract::{Multipart, Path, Query, State},
    http::header,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use time::OffsetDateTime;
use tower_sessions::Session;

use crate::server::{
    AppState,
    auth::policy::require_staff,
    forms::{FormKey, back_to_form},
    http::plain::{error_response, private_png, signed_in_user},
};
use crate::{
    domain::{
        curation::{AuditFilter, CLAIM_FIELD, ListingAction},
        lang::Lang,
        user::User,
        validation::{FieldError, FormValues, Problem},
    },
    error::AppError,
    routes,
};

use super::{
    Verdict, act_on_listing, audit_csv, decide, decide_claim, import::keep_import_report, import_file, invite_owner,
    merge_listings, proposed_logo, set_disabled, set_role,
};

/// The staff forms' routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&routes::curation::revision("{lang}", "{id}"), post(post_decision))
        .route(&routes::curation::claim("{lang}", "{id}"), post(post_claim_decision))
        .route(&routes::curation::listing("{lang}", "{slug}"), post(post_listing_action))
        .route(&routes::curation::person("{lang}", "{id}"), post(post_person_change))
        .route(&routes::curation::taxonomy_terms("{lang}", "{kind}"), post(super::taxonomy::post_term_change))
        .route(&routes::curation::forum("{lang}"), post(super::forum::post_forum_change))
        .route(&routes::curation::site_pages("{lang}"), post(super::site_pages::post_site_page))
        .route(&routes::curation::import("{lang}"), post(post_import))
        .route(&routes::curation::proposed_logo("{id}"), get(get_proposed_logo))
        .route(&routes::curation::audit_csv(), get(get_audit_csv))
}

pub(super) type Pairs = axum::Form<Vec<(String, String)>>;

/// Runs a staff form for the signed-in person and answers with where to go next.
pub(super) async fn staff_form<F>(
    state: &AppState,
    session: &Session,
    lang: Lang,
    key: FormKey,
    page: String,
    pairs: Vec<(String, String)>,
    act: F,
) -> Result<Response, Response>
where
    F: AsyncFnOnce(&User, &FormValues) -> Result<String, AppError>,
{
    let credentials = signed_in_user(state, session, lang).await?;
    let form = FormValues(pairs);
    // Staff first: nobody else learns even whether what they typed would pass.
    let outcome = match require_staff(&credentials.user) {
        Ok(()) => act(&credentials.user, &form).await,
        Err(error) => Err(error),
    };
    let outcome = outcome.map_err(|error| (error, form.0));
    Ok(back_to_form(session, &key, page, outcome).await)
}

pub(super) async fn post_decision(
    State(state): State<AppState>,
    session: Session,
    Path((lang, id)): Path<(Lang, i64)>,
    axum::Form(pairs): Pairs,
) -> Result<Response, Response> {
    let page = routes::curation::revision(lang, id);
    staff_form(&state, &session, lang, FormKey::Decision(id), page.clone(), pairs, async |user, form| {
        let verdict = match form.value("decision") {
            "approve" => Verdict::ApproveAll,
            "approve_fields" => Verdict::ApproveFields(
                form.values("field")
                    .into_iter()
                    .map(|field| field.parse().map_err(|_| FieldError::new("fields", Problem::InvalidChoice)))
                    .collect::<Result<_, _>>()?,
            ),
            _ => Verdict::Reject { reason: form.value("reason").to_owned() },
        };
        decide(&state, user, id, verdict, lang, OffsetDateTime::now_utc()).await?;
        Ok(format!("{page}?decided=1"))
    })
    .await
}

pub(super) async fn post_claim_decision(
    State(state): State<AppState>,
    session: Session,
    Path((lang, id)): Path<(Lang, i64)>,
    axum::Form(mut pairs): Pairs,
) -> Result<Response, Response> {
    let page = routes::curation::dashboard(lang);
    pairs.retain(|(name, _)| name != CLAIM_FIELD);
    pairs.push((CLAIM_FIELD.to_owned(), id.to_string()));
    staff_form(&state, &session, lang, FormKey::Claims, format!("{page}#claim-{id}"), pairs, async |user, form| {
        let approve = form.value("decision") == "approve";
        decide_claim(&state, user, id, approve, form.value("reason"), lang, OffsetDateTime::now_utc()).await?;
        Ok(format!("{page}?claim=decided"))
    })
    .await
}

pub(super) async fn post_listing_action(
    State(state): State<AppState>,
    session: Session,
    Path((lang, slug)): Path<(Lang, String)>,
    axum::Form(pairs): Pairs,
) -> Result<Response, Response> {
    let page = routes::curation::listing(lang, &slug);
    staff_form(&state, &session, lang, FormKey::Listing(slug.clone()), page.clone(), pairs, async |user, form| {
        let now = OffsetDateTime::now_utc();
        match form.value("action") {
            "merge" => {
                let kept = merge_listings(&state, user, &slug, form.value("keep"), now).await?;
                return Ok(format!("{}?done=merge", routes::curation::listing(lang, &kept)));
            }
            "invite_owner" => {
                invite_owner(&state, user, &slug, form.value("email"), lang, now).await?;
                return Ok(format!("{page}?done=invite_owner"));
            }
            _ => {}
        }
        let action: ListingAction =
            form.value("action").parse().map_err(|_| FieldError::new("action", Problem::InvalidChoice))?;
        let position = match form.value("position").trim() {
            "" => None,
            text => {
                Some(text.parse().map_err(|_| FieldError::new("position", Problem::OutOfRange { min: 1, max: 999 }))?)
            }
        };
        act_on_listing(&state, user, &slug, action, position, now).await?;
        Ok(format!("{page}?done={action}"))
    })
    .await
}

pub(super) async fn post_person_change(
    State(state): State<AppState>,
    session: Session,
    Path((lang, id)): Path<(Lang, i64)>,
    axum::Form(pairs): Pairs,
) -> Result<Response, Response> {
    let page = routes::curation::people(lang);
    staff_form(&state, &session, lang, FormKey::People, page.clone(), pairs, async |user, form| {
        let now = OffsetDateTime::now_utc();
        match form.value("change") {
            "disable" => set_disabled(&state, user, id, true, now).await?,
            "enable" => set_disabled(&state, user, id, false, now).await?,
            _ => {
                let role = match form.value("role") {
                    "" | "none" => None,
                    role => Some(role.parse().map_err(|_| FieldError::new("role", Problem::InvalidChoice))?),
                };
                set_role(&state, user, id, role, now).await?;
            }
        }
        Ok(format!("{page}?q={}&changed={id}", urlencoding(form.value("q"))))
    })
    .await
}

/// A query-string value, percent-encoded.
pub(super) fn urlencoding(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The import form: a file and a "dry run" box, posted as multipart (files need it); the report waits
/// in the session for the page the post goes back to.
pub(super) async fn post_import(
    State(state): State<AppState>,
    session: Session,
    Path(lang): Path<Lang>,
    mut multipart: Multipart,
) -> Result<Response, Response> {
    let credentials = signed_in_user(&state, &session, lang).await?;
    // Staff first: nobody else gets their upload read.
    require_staff(&credentials.user).map_err(|error| error_response(&error))?;
    let (mut file_name, mut bytes, mut dry_run) = (String::new(), Vec::new(), false);
    while let Some(field) = multipart.next_field().await.map_err(|error| error.into_response())? {
        match field.name() {
            Some("file") => {
                file_name = field.file_name().unwrap_or_default().to_owned();
                bytes = field.bytes().await.map_err(|error| error.into_response())?.to_vec();
            }
            Some("dry_run") => dry_run = true,
            _ => {}
        }
    }
    let page = routes::curation::import(lang);
    let outcome = if bytes.is_empty() {
        Err(FieldError::new("file", Problem::Required).into())
    } else {
        import_file(&state, &credentials.user, &file_name, &bytes, dry_run, OffsetDateTime::now_utc()).await
    };
    match outcome {
        Ok(report) => {
            keep_import_report(&session, report).await.map_err(|error| error_response(&error))?;
            Ok(Redirect::to(&format!("{page}?done=1")).into_response())
        }
        Err(error) => Ok(back_to_form(&session, &FormKey::Import, page, Err((error, Vec::new()))).await),
    }
}

pub(super) async fn get_proposed_logo(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, Response> {
    let credentials = signed_in_user(&state, &session, Lang::En).await?;
    let bytes = proposed_logo(&state, &credentials.user, id).await.map_err(|error| error_response(&error))?;
    Ok(private_png(bytes))
}

pub(super) async fn get_audit_csv(
    State(state): State<AppState>,
    session: Session,
    Query(filter): Query<AuditFilter>,
) -> Result<Response, Response> {
    let credentials = signed_in_user(&state, &session, Lang::En).await?;
    let csv = audit_csv(&state, &credentials.user, &filter).await.map_err(|error| error_response(&error))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"qala-audit-log.csv\""),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        csv,
    )
        .into_response())
}

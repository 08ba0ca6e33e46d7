//! Forum staff curate: the review queue and dashboard, a change field by field, a listing's state,
//! people, and the audit log. Every decision is a plain POST form (server::curation's routes), so the
//! pages work without JavaScript; the server refuses everyone who is not staff.
pub mod audit;
pub mod chooser;
pub mod forum;
pub mod people;
pub mod quality;
pub mod review;
pub mod site_pages;
pub mod taxonomy;

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::accounts::get_viewer,
    api::curation::{WithForm, get_import_report, get_staff_dashboard, get_staff_listing},
    components::{
        form::{FormAlert, problem_text, textarea_html},
        layout::PageTitle,
    },
    domain::{
        bulk::{ImportReport, ImportSheet, Unreadable},
        curation::{CLAIM_REASON_MAX, ListingAction, StaffListing},
        lang::Lang,
        validation::FieldError,
    },
    error::AppError,
    i18n::*,
    labels::machine_time,
    pages::editing::{field_name, status_name},
};
use chooser::ListingChooser;

fn lang_now() -> impl Fn() -> Lang + Copy {
    let i18n = use_i18n();
    move || Lang::from(i18n.get_locale())
}

/// Whether the visitor may see the staff navigation, and otherwise the status the page answers with:
/// 401 for a visitor not signed in, 403 for anyone else. A staff account whose session has not passed
/// the second factor is told so, with a link to set it up.
#[component]
fn StaffAccess() -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let viewer = Resource::new(|| (), |_| get_viewer());
    let nav = move || {
        view! {
            <nav class="staff__nav" aria-label=move || t_string!(i18n, curation.nav_label)>
                <a href=move || format!("/{}/staff", lang())>{t!(i18n, curation.queue_title)}</a>
                <a href=move || format!("/{}/staff/people", lang())>{t!(i18n, curation.people_title)}</a>
                <a href=move || format!("/{}/staff/taxonomy", lang())>{t!(i18n, curation.taxonomy_title)}</a>
                <a href=move || format!("/{}/staff/forum", lang())>{t!(i18n, curation.forum_title)}</a>
                <a href=move || format!("/{}/staff/quality", lang())>{t!(i18n, curation.quality_title)}</a>
                <a href=move || format!("/{}/staff/audit", lang())>{t!(i18n, curation.audit_title)}</a>
                <a href=move || format!("/{}/staff/import", lang())>{t!(i18n, curation.import.nav)}</a>
                <a href=move || format!("/{}/staff/pages", lang())>{t!(i18n, curation.pages_title)}</a>
            </nav>
        }
    };
    view! {
        <Suspense>
            {move || viewer.get().map(|viewer| match viewer {
                Ok(Some(viewer)) if viewer.staff_role.is_some() => nav().into_any(),
                Ok(Some(viewer)) if viewer.staff_awaiting_second_factor => {
                    refuse(&AppError::Forbidden);
                    view! {
                        <p class="notice notice--warning" role="alert">
                            {t!(i18n, curation.second_factor_needed)} " "
                            <a href=move || format!("/{}/account#two-factor", lang())>{t!(i18n, curation.second_factor_link)}</a>
                        </p>
                    }
                        .into_any()
                }
                Ok(Some(_)) => {
                    refuse(&AppError::Forbidden);
                    ().into_any()
                },
                Ok(None) => {
                    refuse(&AppError::Unauthorized);
                    ().into_any()
                },
                Err(error) => {
                    refuse(&error);
                    ().into_any()
                },
            })}
        </Suspense>
    }
}

/// The page's status for a visitor without staff powers; what the page then shows is the refusal its
/// own data brought.
fn refuse(error: &AppError) {
    #[cfg(feature = "ssr")]
    crate::server::forms::set_error_status(error);
    #[cfg(not(feature = "ssr"))]
    let _ = error;
}

/// The frame of every staff page: title, no indexing, the staff navigation for staff only.
#[component]
fn StaffFrame(title: Signal<String>, children: Children) -> impl IntoView {
    view! {
        <PageTitle text=title />
        <Meta name="robots" content="noindex" />
        <section class="container account-page account-page--wide staff">
            <StaffAccess />
            <h1>{move || title.get()}</h1>
            {children()}
        </section>
    }
}

/// A refused staff form comes back with what was typed into it; its hidden `form` field says which
/// form it was, so only that one is filled from it and shows the messages.
#[derive(Clone, Default)]
struct Typed {
    values: Vec<(String, String)>,
    errors: Vec<FieldError>,
}

impl Typed {
    fn is_for(&self, form: &str) -> bool {
        self.values.iter().any(|(name, value)| name == "form" && value == form)
    }

    /// This refusal, when it was of `form`.
    fn of(&self, form: &str) -> Option<Typed> {
        self.is_for(form).then(|| self.clone())
    }

    fn value(&self, name: &str) -> Option<String> {
        self.values.iter().find(|(field, _)| field == name).map(|(_, value)| value.clone())
    }
}

/// A field of a staff form, filled with what was typed into it after a refusal, or else what is saved.
#[component]
fn StaffField(
    form: String,
    name: String,
    label: String,
    typed: Option<Typed>,
    saved: Option<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let id = format!("{form}-{}", name.replace('.', "-"));
    let value = typed.as_ref().and_then(|typed| typed.value(&name)).or(saved).unwrap_or_default();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {if multiline {
                view! { <textarea id=id name=name rows="3" inner_html=textarea_html(&value)></textarea> }.into_any()
            } else {
                view! { <input id=id name=name type=kind required=required value=value /> }.into_any()
            }}
        </div>
    }
}

/// A staff page of forms: a notice once a change went through (`?changed=`), then the page's data
/// and the refused form it came back with, if any.
fn forms_page<T>(
    title: Signal<String>,
    resource: Resource<Result<WithForm<T>, AppError>>,
    body: impl Fn(T, Typed) -> AnyView + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
{
    let i18n = use_i18n();
    let query = use_query_map();
    view! {
        <StaffFrame title=title>
            <Show when=move || query.read().get("changed").is_some()>
                <p role="status" class="notice">{t!(i18n, curation.done)}</p>
            </Show>
            <Suspense>
                {move || resource.get().map(|page| match page {
                    Err(error) => failed(error),
                    Ok(page) => body(page.data, Typed { values: page.typed, errors: page.errors }),
                })}
            </Suspense>
        </StaffFrame>
    }
}

/// A refused form's messages: each next to nothing in particular, named by its field.
#[component]
fn FormErrors(errors: Vec<FieldError>) -> impl IntoView {
    let i18n = use_i18n();
    (!errors.is_empty()).then(|| {
        view! {
            <div class="form-alert" role="alert">
                <ul>
                    {errors
                        .into_iter()
                        .map(|error| {
                            let field = error.field.clone();
                            view! {
                                <li id=format!("error-{}", error.field)>
                                    <strong>{move || field_label(i18n.get_locale(), &field)}</strong>
                                    ": "
                                    {move || problem_text(i18n.get_locale(), &error.problem)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// A field's name for staff: profile fields as the editor names them, with their language.
fn field_label(locale: Locale, field: &str) -> String {
    match field {
        "reason" => td_string!(locale, curation.reason).to_string(),
        "fields" => td_string!(locale, curation.fields).to_string(),
        "decision" => td_string!(locale, curation.decision).to_string(),
        "position" => td_string!(locale, curation.position).to_string(),
        "slug" => td_string!(locale, curation.term_slug).to_string(),
        "parent" => td_string!(locale, curation.parent).to_string(),
        "nist" => td_string!(locale, curation.nist_function).to_string(),
        "to" => td_string!(locale, curation.move_uses_to).to_string(),
        "term" => td_string!(locale, curation.term).to_string(),
        "keep" => td_string!(locale, curation.keep).to_string(),
        "email" => td_string!(locale, curation.owner_email).to_string(),
        "starts_on" => td_string!(locale, curation.starts_on).to_string(),
        "participant" => td_string!(locale, curation.participant).to_string(),
        "title" => td_string!(locale, curation.page_heading_field).to_string(),
        "markdown" => td_string!(locale, curation.page_markdown).to_string(),
        _ if field.starts_with("solution:") => td_string!(locale, curation.solution).to_string(),
        _ if field.ends_with(".title") || field.ends_with(".summary") => {
            let (lang, name) = field.split_once('.').unwrap_or_default();
            let label = if name == "title" {
                td_string!(locale, curation.panel_title)
            } else {
                td_string!(locale, curation.panel_summary)
            };
            format!("{label} ({})", lang.to_uppercase())
        }
        _ => match field.split_once('.') {
            Some((lang, name)) => format!("{} ({})", field_name(locale, name), lang.to_uppercase()),
            None => field_name(locale, field).to_owned(),
        },
    }
}

fn when(moment: time::OffsetDateTime) -> String {
    moment.format(time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC")).unwrap_or_default()
}

fn failed(error: AppError) -> AnyView {
    view! { <FormAlert error=Signal::stored(Some(error)) /> }.into_any()
}

/// The staff dashboard: counts, the queue of changes, and claims to decide.
#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let dashboard = Resource::new(lang, get_staff_dashboard);
    let query = use_query_map();
    let title = Signal::derive(move || t_string!(i18n, curation.queue_title).to_string());
    view! {
        <StaffFrame title=title>
            <Show when=move || query.read().get("claim").is_some()>
                <p role="status" class="notice">{t!(i18n, curation.claim_decided)}</p>
            </Show>
            <Suspense>
                {move || dashboard.get().map(|dashboard| match dashboard {
                    Err(error) => failed(error),
                    Ok(dashboard) => {
                        let new_listings = dashboard.queue.iter().filter(|item| item.new_listing).count();
                        let edits = dashboard.queue.len() - new_listings;
                        let counts = [
                            (t_string!(i18n, curation.count_new_listings), new_listings as u64),
                            (t_string!(i18n, curation.count_edits), edits as u64),
                            (t_string!(i18n, curation.count_claims), dashboard.claims.len() as u64),
                            (t_string!(i18n, curation.count_stale), dashboard.stale),
                            (t_string!(i18n, curation.count_new_this_week), dashboard.new_this_week),
                        ];
                        view! {
                            <dl class="staff__counts">
                                {counts.into_iter().map(|(label, count)| view! {
                                    <div class="staff__count"><dt>{label}</dt><dd>{count}</dd></div>
                                }).collect_view()}
                            </dl>
                            <p><a href=format!("/{}/staff/import", lang())>{t!(i18n, curation.import.dashboard_link)}</a></p>
                            <h2>{t!(i18n, curation.changes_heading)}</h2>
                            {if dashboard.queue.is_empty() {
                                view! { <p>{t!(i18n, curation.queue_empty)}</p> }.into_any()
                            } else {
                                view! {
                                    <ol class="staff__queue">
                                        {dashboard.queue.into_iter().map(|item| view! {
                                            <li class="staff__item">
                                                <a href=format!("/{}/staff/revisions/{}", lang(), item.revision_id)>{item.name}</a>
                                                " "
                                                <span class="badge">
                                                    {if item.new_listing { t_string!(i18n, curation.kind_new_listing) } else { t_string!(i18n, curation.kind_edit) }}
                                                </span>
                                                <span class="staff__meta">
                                                    {item.author.unwrap_or_default()} " · " <time datetime=machine_time(item.created_at)>{when(item.created_at)}</time>
                                                </span>
                                            </li>
                                        }).collect_view()}
                                    </ol>
                                }.into_any()
                            }}
                            <h2>{t!(i18n, curation.claims_heading)}</h2>
                            {if dashboard.claims.is_empty() {
                                view! { <p>{t!(i18n, curation.claims_empty)}</p> }.into_any()
                            } else {
                                view! {
                                    <ol class="staff__queue">
                                        {dashboard.claims.into_iter().map(|claim| {
                                            let reason_id = format!("claim-reason-{}", claim.claim_id);
                                            view! {
                                                <li class="staff__item" id=format!("claim-{}", claim.claim_id)>
                                                    <a href=format!("/{}/organizations/{}", lang(), claim.slug)>{claim.name}</a>
                                                    <span class="staff__meta">
                                                        {claim.claimant} " · " {claim.website.unwrap_or_default()} " · "
                                                        <time datetime=machine_time(claim.created_at)>{when(claim.created_at)}</time>
                                                    </span>
                                                    <form method="post" action=format!("/{}/staff/claims/{}", lang(), claim.claim_id) class="form staff__decision">
                                                        <label for=reason_id.clone()>{t!(i18n, curation.reason)}</label>
                                                        <input id=reason_id type="text" name="reason" maxlength=CLAIM_REASON_MAX.to_string() />
                                                        <button class="button button--primary" type="submit" name="decision" value="approve">{t!(i18n, curation.approve_claim)}</button>
                                                        <button class="button" type="submit" name="decision" value="reject">{t!(i18n, curation.reject)}</button>
                                                    </form>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ol>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                })}
            </Suspense>
        </StaffFrame>
    }
}

/// A listing's state, and the staff actions on it.
#[component]
pub fn StaffListingPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let listing = Resource::new(move || (slug(), lang()), |(slug, lang)| get_staff_listing(slug, lang));
    let title = Signal::derive(move || t_string!(i18n, curation.listing_title).to_string());
    let button = move |action: ListingAction, label: String| {
        view! { <button class="button" type="submit" name="action" value=action.as_str()>{label}</button> }
    };
    let offered = move |listing: &StaffListing, action: ListingAction, label: String| {
        listing.offers(action).then(|| button(action, label))
    };
    view! {
        <StaffFrame title=title>
            <Show when=move || query.read().get("done").is_some()>
                <p role="status" class="notice">{t!(i18n, curation.done)}</p>
            </Show>
            <Suspense>
                {move || listing.get().map(|listing| match listing {
                    Err(error) => failed(error),
                    Ok(page) => {
                        let listing = page.data;
                        let action = format!("/{}/staff/listings/{}", lang(), listing.slug);
                        let typed = |name: &str| page.typed.iter().find(|(field, _)| field == name).map(|(_, value)| value.clone());
                        let typed_position = typed("position").or(listing.featured_position.map(|position| position.to_string())).unwrap_or_default();
                        let typed = move |name: &str| typed(name).unwrap_or_default();
                        let locale = i18n.get_locale();
                        view! {
                            <p class="staff__meta">
                                <a href=format!("/{}/organizations/{}", lang(), listing.slug)><strong>{listing.name.clone()}</strong></a>
                                " · " {status_name(locale, listing.status)}
                            </p>
                            <FormErrors errors=page.errors />
                            <dl class="staff__facts">
                                <dt>{t!(i18n, curation.verified)}</dt>
                                <dd>{listing.verified_at.map_or_else(|| t_string!(i18n, curation.no).to_string(), when)}</dd>
                                <dt>{t!(i18n, curation.featured)}</dt>
                                <dd>{listing.featured_position.map_or_else(|| t_string!(i18n, curation.no).to_string(), |position| position.to_string())}</dd>
                            </dl>
                            <form method="post" action=action.clone() class="form staff__decision">
                                {offered(&listing, ListingAction::Verify, td_string!(locale, curation.verify).to_string())}
                                {offered(&listing, ListingAction::Unverify, td_string!(locale, curation.unverify).to_string())}
                            </form>
                            {listing.is_startup.then(|| view! {
                                <form method="post" action=action.clone() class="form staff__decision">
                                    <label for="position">{t!(i18n, curation.position)}</label>
                                    <input id="position" name="position" type="number" min="1" max="999" inputmode="numeric" value=typed_position />
                                    {button(ListingAction::Feature, td_string!(locale, curation.feature).to_string())}
                                    {offered(&listing, ListingAction::Unfeature, td_string!(locale, curation.unfeature).to_string())}
                                </form>
                            })}
                            <form method="post" action=action.clone() class="form staff__decision">
                                {offered(&listing, ListingAction::Hide, td_string!(locale, curation.hide).to_string())}
                                {offered(&listing, ListingAction::Archive, td_string!(locale, curation.archive).to_string())}
                                {offered(&listing, ListingAction::Restore, td_string!(locale, curation.restore).to_string())}
                            </form>
                            <h2>{t!(i18n, curation.invite_owner_heading)}</h2>
                            <form method="post" action=action.clone() class="form staff__decision">
                                <label for="owner-email">{t!(i18n, curation.owner_email)}</label>
                                <input id="owner-email" name="email" type="email" required value=typed("email") />
                                <button class="button" type="submit" name="action" value="invite_owner">{t!(i18n, curation.invite_owner)}</button>
                            </form>
                            <h2>{t!(i18n, curation.merge_heading)}</h2>
                            <p class="field__hint" id="merge-hint">{t!(i18n, curation.merge_hint)}</p>
                            <ListingChooser id="merge".to_owned() field="keep" label=td_string!(locale, curation.find_keep).to_string()
                                action=action exclude=listing.slug.clone()>
                                <button class="button button--danger" type="submit" name="action" value="merge" aria-describedby="merge-hint">{t!(i18n, curation.merge)}</button>
                            </ListingChooser>
                        }.into_any()
                    }
                })}
            </Suspense>
        </StaffFrame>
    }
}

/// Imports listings and solutions from a file: a plain multipart form (files need one), so it works
/// without JavaScript; the page shows the last import's report once.
#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let report = Resource::new(|| (), |_| get_import_report());
    let title = Signal::derive(move || t_string!(i18n, curation.import.title).to_string());
    view! {
        <StaffFrame title=title>
            <Suspense>
                {move || report.get().map(|page| match page {
                    Err(error) => failed(error),
                    Ok(page) => view! {
                        <FormErrors errors=page.errors />
                        {page.data.map(|report| view! { <ImportOutcome report=report /> })}
                        <p>{t!(i18n, curation.import.intro)}</p>
                        <form method="post" enctype="multipart/form-data" action=format!("/{}/staff/import", lang()) class="form">
                            <div class="field">
                                <label for="import-file">{t!(i18n, curation.import.file)}</label>
                                <input id="import-file" type="file" name="file" accept=".json,.csv,application/json,text/csv" required />
                            </div>
                            <div class="field">
                                <label>
                                    <input type="checkbox" name="dry_run" value="1" checked />
                                    " " {t!(i18n, curation.import.dry_run)}
                                </label>
                            </div>
                            <button class="button button--primary" type="submit">{t!(i18n, curation.import.submit)}</button>
                        </form>
                        <p>
                            {t!(i18n, curation.import.formats)} " "
                            <a href="/api/v1/export.json">"export.json"</a> ", "
                            <a href="/api/v1/export/organizations.csv">"organizations.csv"</a> ", "
                            <a href="/api/v1/export/solutions.csv">"solutions.csv"</a>
                        </p>
                    }.into_any(),
                })}
            </Suspense>
        </StaffFrame>
    }
}

/// What an import did, or every problem of every row that stopped it.
/// The name of an import's list, as the report's reader calls it.
fn sheet_name(locale: Locale, sheet: ImportSheet) -> &'static str {
    match sheet {
        ImportSheet::Organizations => td_string!(locale, curation.import.sheet_organizations),
        ImportSheet::Solutions => td_string!(locale, curation.import.sheet_solutions),
    }
}

#[component]
fn ImportOutcome(report: ImportReport) -> impl IntoView {
    let i18n = use_i18n();
    let (organizations, solutions) = (report.organizations, report.solutions);
    if let Some(reason) = report.unreadable {
        let locale = i18n.get_locale_untracked();
        let reason = match reason {
            Unreadable::NotExportJson { line, column } => {
                td_display!(locale, curation.import.not_json, line = line, column = column).to_string()
            }
            Unreadable::NotCsv { line: Some(line) } => {
                td_display!(locale, curation.import.not_csv_at, line = line).to_string()
            }
            Unreadable::NotCsv { line: None } => td_string!(locale, curation.import.not_csv).to_owned(),
            Unreadable::UnknownColumn { header, sheet, known } => td_display!(
                locale,
                curation.import.unknown_column,
                header = header,
                sheet = sheet_name(locale, sheet),
                known = known.join(", ")
            )
            .to_string(),
        };
        return view! {
            <div class="form-alert" role="alert">
                <p>{t!(i18n, curation.import.unreadable)}</p>
                <p>{reason}</p>
            </div>
        }
        .into_any();
    }
    if report.problems.is_empty() {
        return if report.dry_run {
            view! { <p role="status" class="notice">{t!(i18n, curation.import.ready, organizations = organizations, solutions = solutions)}</p> }.into_any()
        } else {
            view! { <p role="status" class="notice">{t!(i18n, curation.import.imported, organizations = organizations, solutions = solutions)}</p> }.into_any()
        };
    }
    let count = report.problems.len();
    view! {
        <div class="form-alert" role="alert">
            <p>{t!(i18n, curation.import.problems, count = count)}</p>
        </div>
        <table class="staff__table">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, curation.import.sheet)}</th>
                    <th scope="col">{t!(i18n, curation.import.row)}</th>
                    <th scope="col">{t!(i18n, curation.import.slug)}</th>
                    <th scope="col">{t!(i18n, curation.import.column)}</th>
                    <th scope="col">{t!(i18n, curation.import.problem)}</th>
                </tr>
            </thead>
            <tbody>
                {report.problems.into_iter().map(|problem| view! {
                    <tr>
                        <td>{move || sheet_name(i18n.get_locale(), problem.sheet)}</td>
                        <td>{problem.row}</td>
                        <td>{problem.slug}</td>
                        <td><code>{problem.column}</code></td>
                        <td>{move || problem_text(i18n.get_locale(), &problem.problem)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

//! Forum staff curate, one file per page: the dashboard and review queue, a change field by field, a
//! listing's state, people, taxonomy, the forum, site pages, imports, quality and the audit log; this file
//! holds what they share (access, frame, form errors). Every decision is a plain POST form
//! (server::curation's routes), so the pages work without JavaScript; the server refuses everyone who is
//! not staff.
pub mod audit;
pub mod chooser;
mod dashboard;
pub mod forum;
mod import;
mod listing;
pub mod people;
pub mod quality;
pub mod review;
pub mod site_pages;
pub mod taxonomy;

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use crate::{
    api::accounts::get_viewer,
    api::curation::WithForm,
    components::{
        form::{FormAlert, problem_text, textarea_html},
        layout::PageTitle,
    },
    domain::{editing::field::FieldName, lang::Lang, validation::FieldError},
    error::AppError,
    i18n::*,
    pages::editing::field_name,
    routes,
};

pub use dashboard::StaffPage;
pub use import::ImportPage;
pub use listing::StaffListingPage;

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
                <a href=move || routes::curation::dashboard(lang())>{t!(i18n, curation.queue_title)}</a>
                <a href=move || routes::curation::people(lang())>{t!(i18n, curation.people_title)}</a>
                <a href=move || routes::curation::taxonomy(lang())>{t!(i18n, curation.taxonomy_title)}</a>
                <a href=move || routes::curation::forum(lang())>{t!(i18n, curation.forum_title)}</a>
                <a href=move || routes::curation::quality(lang())>{t!(i18n, curation.quality_title)}</a>
                <a href=move || routes::curation::audit(lang())>{t!(i18n, curation.audit_title)}</a>
                <a href=move || routes::curation::import(lang())>{t!(i18n, curation.import.nav)}</a>
                <a href=move || routes::curation::site_pages(lang())>{t!(i18n, curation.pages_title)}</a>
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
                            <a href=move || format!("{}#two-factor", routes::account::home(lang()))>{t!(i18n, curation.second_factor_link)}</a>
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

/// A field of the editing forms as staff read it: as the editor names it, with its language.
fn form_field_label(locale: Locale, name: FieldName) -> String {
    match name.lang {
        Some(lang) => format!("{} ({})", field_name(locale, name.field), lang.as_str().to_uppercase()),
        None => field_name(locale, name.field).to_owned(),
    }
}

/// The name of a field a staff form refused: one of the staff forms' own, or of the editing forms'.
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
        "file" => td_string!(locale, curation.import.file).to_string(),
        "action" => td_string!(locale, curation.action).to_string(),
        "role" => td_string!(locale, curation.role).to_string(),
        _ if field.ends_with(".title") || field.ends_with(".summary") => {
            let (lang, name) = field.split_once('.').unwrap_or_default();
            let label = if name == "title" {
                td_string!(locale, curation.panel_title)
            } else {
                td_string!(locale, curation.panel_summary)
            };
            format!("{label} ({})", lang.to_uppercase())
        }
        // Not a field of the editing forms either: its own name says the most.
        _ => FieldName::parse(field).map_or_else(|| field.to_owned(), |name| form_field_label(locale, name)),
    }
}

fn when(moment: time::OffsetDateTime) -> String {
    moment.format(time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC")).unwrap_or_default()
}

fn failed(error: AppError) -> AnyView {
    view! { <FormAlert error=Signal::stored(Some(error)) /> }.into_any()
}

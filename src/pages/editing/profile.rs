//! The profile editor: a listing's state, its logo, its solutions, its people and its profile form.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::editing::get_editor,
    components::form::InvalidFormAlert,
    components::layout::PageTitle,
    domain::{
        editing::{RevisionStatus, views::EditorData},
        organization::ListingStatus,
        validation::FieldError,
    },
    i18n::*,
    routes,
};

use super::{
    editor_frame, lang_now, people::PeopleSection, profile_fields::ProfileFields, solutions::SolutionsSection,
    status_name,
};

/// The profile editor of one listing.
#[component]
pub fn EditorPage() -> impl IntoView {
    let lang = lang_now();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let editor = Resource::new(
        move || (slug(), lang(), query.read().to_query_string()),
        |(slug, lang, _)| get_editor(slug, lang),
    );
    editor_frame(editor, |locale| td_string!(locale, editing.title), |data| view! { <Editor data /> }.into_any())
}

#[component]
pub(super) fn Editor(data: EditorData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let query = use_query_map();
    let EditorData {
        slug,
        name,
        status,
        verified,
        form,
        errors,
        logo_errors,
        logo_url,
        pending_logo_url,
        latest_revision,
        categories,
        sectors,
        solutions,
        ..
    } = data;
    let errors = Signal::stored(errors);
    let logo_errors = Signal::stored(logo_errors);
    let saved = move |key: &str| query.read().get(key);
    let profile_action = {
        let slug = slug.clone();
        move || routes::editing::profile(lang(), &slug)
    };
    let logo_action = {
        let slug = slug.clone();
        move || routes::editing::logo(lang(), &slug)
    };
    let title = name.clone();
    let rejected = latest_revision.clone().filter(|revision| revision.status == RevisionStatus::Rejected);
    let waiting = latest_revision.as_ref().is_some_and(|revision| revision.status == RevisionStatus::Pending);
    view! {
        <PageTitle text=title />
        <h1>{name}</h1>
        <p class="editor__status">
            <span class="badge">{move || status_name(i18n.get_locale(), status)}</span>
            {verified.then(|| view! { <span class="badge badge--verified">{t!(i18n, editing.verified)}</span> })}
            {(status == ListingStatus::Published)
                .then(|| {
                    let slug = slug.clone();
                    view! { <a href=move || routes::profile(lang(), &slug)>{t!(i18n, editing.view_public)}</a> }
                })}
        </p>
        <div role="status">
            {move || match saved("saved").or_else(|| saved("logo")).as_deref() {
                Some("published") => Some(view! { <p class="notice notice--success">{t!(i18n, editing.saved_published)}</p> }.into_any()),
                Some("pending") => Some(view! { <p class="notice notice--success">{t!(i18n, editing.saved_pending)}</p> }.into_any()),
                _ => None,
            }}
        </div>
        {(waiting && saved("saved").is_none() && saved("logo").is_none())
            .then(|| view! { <p class="notice notice--warning">{t!(i18n, editing.change_pending)}</p> })}
        {rejected.map(|revision| {
            view! {
                <div class="notice notice--warning">
                    <p>{t!(i18n, editing.change_rejected)}</p>
                    {revision.staff_comment.map(|comment| view! { <blockquote>{comment}</blockquote> })}
                </div>
            }
        })}
        <InvalidFormAlert errors />

        <section class="account-section" id="logo" aria-labelledby="logo-title">
            <h2 id="logo-title">{t!(i18n, editing.logo)}</h2>
            <div class="logo-editor">
                {logo_url.map(|url| view! {
                    <figure class="logo-editor__logo">
                        <img src=url alt="" width="96" height="96" />
                        <figcaption>{t!(i18n, editing.logo_current)}</figcaption>
                    </figure>
                })}
                {pending_logo_url.map(|url| view! {
                    <figure class="logo-editor__logo logo-editor__logo--pending">
                        <img src=url alt="" width="96" height="96" />
                        <figcaption>{t!(i18n, editing.logo_pending)}</figcaption>
                    </figure>
                })}
                <form class="form form--narrow" method="post" enctype="multipart/form-data" action=logo_action>
                    <LogoInput errors=logo_errors />
                    <button class="button" type="submit">{t!(i18n, editing.upload_logo)}</button>
                </form>
            </div>
        </section>

        <SolutionsSection slug=slug.clone() solutions verified />
        <PeopleSection slug=slug.clone() />

        <form class="form editor__form" method="post" action=profile_action novalidate=true>
            <ProfileFields form errors categories sectors />
            <div class="editor__actions">
                <button class="button button--primary" type="submit">{t!(i18n, editing.save)}</button>
                <p class="field__hint">
                    {if verified { t!(i18n, editing.save_hint_verified).into_any() } else { t!(i18n, editing.save_hint_review).into_any() }}
                </p>
            </div>
        </form>
    }
}

/// The logo file input: PNG, JPEG or WebP, up to 2 MiB.
#[component]
pub(super) fn LogoInput(errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || {
        errors
            .read()
            .iter()
            .find(|error| error.field == "logo")
            .map(|error| crate::components::form::problem_text(i18n.get_locale(), &error.problem))
    };
    view! {
        <div class="field" class:field--invalid=move || message().is_some()>
            <label class="field__label" for="field-logo">{t!(i18n, editing.logo_file)}</label>
            <p class="field__hint" id="field-logo-hint">{t!(i18n, editing.logo_hint)}</p>
            <input
                id="field-logo"
                class="field__input"
                type="file"
                name="logo"
                accept="image/png,image/jpeg,image/webp"
                required=true
                aria-invalid=move || message().map(|_| "true")
                aria-describedby=move || if message().is_some() { "field-logo-hint field-logo-error" } else { "field-logo-hint" }
            />
            {move || message().map(|text| view! { <p class="field__error" id="field-logo-error">{text}</p> })}
        </div>
    }
}

//! Organizations keep their listings: the dashboard list, a new listing, the profile editor with a tab
//! per language and the logo upload, and the claim button on public profiles. The forms are plain
//! POST forms (the logo's is multipart), so they work without JavaScript.
mod solutions;

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::editing::{
        ClaimListing, HandOverOwnership, InviteEditor, RemoveMember, get_claim_state, get_editor, get_members,
        get_my_organizations, get_new_listing,
    },
    components::form::{
        CheckboxGroup, CheckboxOption, FormAlert, FormState, InvalidFormAlert, SelectField, TextArea, TextField,
    },
    components::layout::PageTitle,
    domain::{
        country::Country,
        editing::{
            ClaimStatus, MyOrganization, ProfileForm, RevisionStatus,
            views::{Choice, ClaimState, EditorData, MemberView},
        },
        lang::Lang,
        organization::{EmployeeRange, ListingStatus, OrganizationKind},
        startup::{StartupNeed, StartupStage},
        user::MembershipRole,
        validation::FieldError,
    },
    i18n::*,
    labels::{country_name, kind_label, need_name, stage_name},
};

pub use solutions::SolutionEditorPage;

fn lang_now() -> impl Fn() -> Lang + Copy {
    let i18n = use_i18n();
    move || Lang::from(i18n.get_locale())
}

/// The name of a profile field in the reader's language (without its language), for completeness
/// hints and staff reviews.
pub(crate) fn field_name(locale: Locale, field: &str) -> &'static str {
    match field {
        "logo" => td_string!(locale, editing.logo),
        "name" => td_string!(locale, editing.name),
        "short_description" => td_string!(locale, editing.short_description),
        "description" => td_string!(locale, editing.description),
        "translations" => td_string!(locale, editing.translations),
        "kind" => td_string!(locale, editing.kind),
        "website" => td_string!(locale, editing.website),
        "email" => td_string!(locale, editing.email),
        "phone" => td_string!(locale, editing.phone),
        "address" => td_string!(locale, editing.address),
        "city" => td_string!(locale, editing.city),
        "country" => td_string!(locale, editing.country),
        "incident_contact" => td_string!(locale, editing.incident_contact),
        "constituency" => td_string!(locale, editing.constituency),
        "employee_range" => td_string!(locale, editing.employees),
        "certifications" => td_string!(locale, editing.certifications),
        "social_links" => td_string!(locale, editing.social_links),
        "category" => td_string!(locale, editing.categories),
        "sector" => td_string!(locale, editing.sectors),
        "stage" => td_string!(locale, editing.stage),
        "need" => td_string!(locale, editing.looking_for),
        "pitch" => td_string!(locale, editing.pitch),
        "funding_amount" => td_string!(locale, editing.funding),
        "funding_currency" => td_string!(locale, editing.currency),
        "demo_video_url" => td_string!(locale, editing.demo_video),
        "readiness" => td_string!(locale, editing.readiness),
        _ => td_string!(locale, editing.founded_year),
    }
}

pub(crate) fn status_name(locale: Locale, status: ListingStatus) -> &'static str {
    match status {
        ListingStatus::Draft => td_string!(locale, editing.status_draft),
        ListingStatus::Pending => td_string!(locale, editing.status_pending),
        ListingStatus::Published => td_string!(locale, editing.status_published),
        ListingStatus::Hidden => td_string!(locale, editing.status_hidden),
        ListingStatus::Archived => td_string!(locale, editing.status_archived),
    }
}

/// The dashboard's list of the person's organizations, with how complete each is.
#[component]
pub fn MyOrganizations() -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let mine = Resource::new(lang, get_my_organizations);
    view! {
        <section class="account-section" aria-labelledby="my-organizations">
            <h2 id="my-organizations">{t!(i18n, editing.my_organizations)}</h2>
            <Suspense>
                {move || {
                    mine.get().and_then(Result::ok).map(|mine| {
                        if mine.is_empty() {
                            view! { <p>{t!(i18n, editing.no_organizations)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="my-organizations">
                                    {mine.into_iter().map(|organization| view! { <MyOrganizationItem organization /> }).collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    })
                }}
            </Suspense>
            <p class="account-section__actions">
                <a class="button" href=move || format!("/{}/account/organizations/new", lang())>
                    {t!(i18n, editing.new_listing_link)}
                </a>
            </p>
            <p class="field__hint">{t!(i18n, editing.claim_hint)}</p>
        </section>
    }
}

#[component]
fn MyOrganizationItem(organization: MyOrganization) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let MyOrganization { slug, name, status, verified, latest_revision, completeness, .. } = organization;
    let percent = completeness.percent;
    let missing = completeness.missing.clone();
    view! {
        <li class="my-organization">
            <div class="my-organization__head">
                <a class="my-organization__name" href=move || format!("/{}/account/organizations/{slug}", lang())>{name}</a>
                <span class="badge">{move || status_name(i18n.get_locale(), status)}</span>
                {verified.then(|| view! { <span class="badge badge--verified">{t!(i18n, editing.verified)}</span> })}
            </div>
            {latest_revision
                .filter(|revision| revision.status == RevisionStatus::Pending)
                .map(|_| view! { <p class="my-organization__note">{t!(i18n, editing.change_pending)}</p> })}
            <div class="completeness">
                <label class="completeness__label">
                    {t!(i18n, editing.completeness)} " " {percent} "%"
                    <progress max="100" value=percent></progress>
                </label>
                {(!missing.is_empty())
                    .then(|| {
                        view! {
                            <p class="completeness__hint">
                                {t!(i18n, editing.add_next)} " "
                                {move || {
                                    missing.iter().take(3).map(|field| field_name(i18n.get_locale(), field)).collect::<Vec<_>>().join(", ")
                                }}
                            </p>
                        }
                    })}
            </div>
        </li>
    }
}

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

/// An editor page: what `show` makes of what was loaded, or why it could not be loaded (titled
/// `title`) with the way back to the account.
pub(super) fn editor_frame<T>(
    data: Resource<Result<T, crate::error::AppError>>,
    title: fn(Locale) -> &'static str,
    show: fn(T) -> AnyView,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
{
    let i18n = use_i18n();
    let lang = lang_now();
    view! {
        <Meta name="robots" content="noindex" />
        <section class="container account-page account-page--wide editor">
            <Suspense>
                {move || {
                    data.get().map(|data| match data {
                        Ok(data) => show(data),
                        Err(error) => view! {
                            <PageTitle text=Signal::derive(move || title(i18n.get_locale()).to_string()) />
                            <h1>{move || title(i18n.get_locale())}</h1>
                            <FormAlert error=Signal::stored(Some(error)) />
                            <p><a href=move || format!("/{}/account", lang())>{t!(i18n, account.account_title)}</a></p>
                        }
                            .into_any(),
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn Editor(data: EditorData) -> impl IntoView {
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
        move || format!("/{}/account/organizations/{slug}/profile", lang())
    };
    let logo_action = {
        let slug = slug.clone();
        move || format!("/{}/account/organizations/{slug}/logo", lang())
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
                    view! { <a href=move || format!("/{}/organizations/{slug}", lang())>{t!(i18n, editing.view_public)}</a> }
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

        <solutions::SolutionsSection slug=slug.clone() solutions verified />
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
fn LogoInput(errors: Signal<Vec<FieldError>>) -> impl IntoView {
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

/// Every field of a profile: a tab per language, then what does not depend on language.
#[component]
fn ProfileFields(
    form: ProfileForm,
    errors: Signal<Vec<FieldError>>,
    #[prop(optional)] categories: Vec<Choice>,
    #[prop(optional)] sectors: Vec<Choice>,
    /// A new listing asks only for the essentials.
    #[prop(optional)]
    essentials_only: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |text: fn(Locale) -> &'static str| Signal::derive(move || text(i18n.get_locale()).to_owned());
    let value = |name: &str| form.value(name).to_owned();
    let kinds = move || {
        OrganizationKind::ALL
            .iter()
            .map(|kind| (kind.as_str().to_owned(), kind_label(i18n.get_locale_untracked(), *kind).to_owned()))
            .collect::<Vec<_>>()
    };
    let countries = move || {
        Country::ALL
            .iter()
            .map(|country| {
                (country.as_str().to_owned(), country_name(i18n.get_locale_untracked(), *country).to_owned())
            })
            .collect::<Vec<_>>()
    };
    let language_tabs = Lang::ALL
        .iter()
        .map(|lang| {
            let (short_field, short) = field_of(&form.0, *lang, "short_description");
            let (description_field, description) = field_of(&form.0, *lang, "description");
            let (pitch_field, pitch) = field_of(&form.0, *lang, "pitch");
            view! {
                <LanguagePanel lang=*lang name=field_of(&form.0, *lang, "name").1 errors>
                    <TextField
                        name=short_field
                        label=label(|locale| td_string!(locale, editing.short_description))
                        value=short
                        errors
                    />
                    {(!essentials_only)
                        .then(|| {
                            view! {
                                <TextArea
                                    name=description_field
                                    label=label(|locale| td_string!(locale, editing.description))
                                    hint=label(|locale| td_string!(locale, editing.description_hint))
                                    value=description
                                    rows=8
                                    errors
                                />
                                <TextField
                                    name=pitch_field
                                    label=label(|locale| td_string!(locale, editing.pitch))
                                    hint=label(|locale| td_string!(locale, editing.startup_only))
                                    value=pitch
                                    errors
                                />
                            }
                        })}
                </LanguagePanel>
            }
        })
        .collect_view();
    let checked = |name: &str| form.values(name).into_iter().map(str::to_owned).collect::<Vec<_>>();
    let category_options = choice_options(categories);
    let sector_options = choice_options(sectors);
    let stages = move || {
        StartupStage::ALL
            .iter()
            .map(|stage| (stage.as_str().to_owned(), stage_name(i18n.get_locale_untracked(), *stage).to_owned()))
            .collect::<Vec<_>>()
    };
    let needs: Vec<CheckboxOption> = StartupNeed::ALL
        .iter()
        .map(|need| CheckboxOption {
            value: need.as_str().to_owned(),
            label: need_name(i18n.get_locale_untracked(), *need).to_owned(),
            group: None,
        })
        .collect();
    let ranges = EmployeeRange::ALL
        .iter()
        .map(|range| (range.as_str().to_owned(), range.as_str().to_owned()))
        .collect::<Vec<_>>();
    view! {
        <LanguageTabs />
        <div class="language-panels">{language_tabs}</div>
        <fieldset class="editor__group">
            <legend>{t!(i18n, editing.basics)}</legend>
            <div class="editor__grid">
                <SelectField name="kind" label=label(|locale| td_string!(locale, editing.kind)) options=kinds() selected=value("kind") errors />
                <SelectField name="country" label=label(|locale| td_string!(locale, editing.country)) options=countries() selected=value("country") errors />
                <TextField name="city" label=label(|locale| td_string!(locale, editing.city)) value=value("city") errors />
                <TextField name="website" kind="url" label=label(|locale| td_string!(locale, editing.website)) value=value("website") errors />
                {(!essentials_only)
                    .then(|| {
                        view! {
                            <TextField name="email" kind="email" label=label(|locale| td_string!(locale, editing.email)) value=value("email") errors />
                            <TextField name="phone" kind="tel" label=label(|locale| td_string!(locale, editing.phone)) value=value("phone") errors />
                            <TextField name="address" label=label(|locale| td_string!(locale, editing.address)) value=value("address") errors />
                            <TextField name="founded_year" kind="number" label=label(|locale| td_string!(locale, editing.founded_year)) value=value("founded_year") errors />
                            <SelectField
                                name="employee_range"
                                label=label(|locale| td_string!(locale, editing.employees))
                                options=ranges.clone()
                                selected=value("employee_range")
                                blank=label(|locale| td_string!(locale, editing.not_said))
                                errors
                            />
                        }
                    })}
            </div>
        </fieldset>
        {(!essentials_only)
            .then(|| {
                view! {
                    <CheckboxGroup name="category" legend=label(|locale| td_string!(locale, editing.categories)) options=category_options checked=checked("category") errors />
                    <CheckboxGroup name="sector" legend=label(|locale| td_string!(locale, editing.sectors)) options=sector_options checked=checked("sector") errors />
                    <fieldset class="editor__group">
                        <legend>{t!(i18n, editing.more)}</legend>
                        <TextArea name="certifications" label=label(|locale| td_string!(locale, editing.certifications)) hint=label(|locale| td_string!(locale, editing.one_per_line)) value=value("certifications") errors />
                        <TextArea name="social_links" label=label(|locale| td_string!(locale, editing.social_links)) hint=label(|locale| td_string!(locale, editing.social_links_hint)) value=value("social_links") errors />
                    </fieldset>
                    <fieldset class="editor__group">
                        <legend>{t!(i18n, editing.incident_response)}</legend>
                        <p class="field__hint">{t!(i18n, editing.incident_response_hint)}</p>
                        <div class="editor__grid">
                            <TextField name="incident_contact" label=label(|locale| td_string!(locale, editing.incident_contact)) hint=label(|locale| td_string!(locale, editing.incident_contact_hint)) value=value("incident_contact") errors />
                            <TextField name="constituency" label=label(|locale| td_string!(locale, editing.constituency)) hint=label(|locale| td_string!(locale, editing.constituency_hint)) value=value("constituency") errors />
                        </div>
                    </fieldset>
                    <fieldset class="editor__group">
                        <legend>{t!(i18n, editing.startup_facts)}</legend>
                        <p class="field__hint">{t!(i18n, editing.startup_only)}</p>
                        <div class="editor__grid">
                            <SelectField name="stage" label=label(|locale| td_string!(locale, editing.stage)) options=stages() selected=value("stage") blank=label(|locale| td_string!(locale, editing.not_said)) errors />
                            <TextField name="funding_amount" kind="number" label=label(|locale| td_string!(locale, editing.funding)) value=value("funding_amount") errors />
                            <TextField name="funding_currency" label=label(|locale| td_string!(locale, editing.currency)) value=value("funding_currency") errors />
                            <TextField name="readiness" kind="number" label=label(|locale| td_string!(locale, editing.readiness)) value=value("readiness") errors />
                            <TextField name="demo_video_url" kind="url" label=label(|locale| td_string!(locale, editing.demo_video)) value=value("demo_video_url") errors />
                        </div>
                        <CheckboxGroup name="need" legend=label(|locale| td_string!(locale, editing.looking_for)) options=needs checked=checked("need") errors />
                    </fieldset>
                }
            })}
    }
}

/// Taxonomy choices as checkboxes.
fn choice_options(choices: Vec<Choice>) -> Vec<CheckboxOption> {
    choices
        .into_iter()
        .map(|choice| CheckboxOption { value: choice.id.to_string(), label: choice.name, group: choice.group })
        .collect()
}

/// A per-language field of a form (`{lang}.{name}`) and what it holds.
fn field_of(form: &[(String, String)], lang: Lang, name: &str) -> (String, String) {
    let field = format!("{lang}.{name}");
    let value = form.iter().find(|(typed, _)| *typed == field).map(|(_, value)| value.clone()).unwrap_or_default();
    (field, value)
}

/// One language's part of a form: its fieldset, with the name first and what `children` add after it.
#[component]
fn LanguagePanel(lang: Lang, name: String, errors: Signal<Vec<FieldError>>, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="language-panel" id=format!("language-{lang}") lang=lang.as_str()>
            <legend>{lang.native_name()}</legend>
            <TextField
                name=format!("{lang}.name")
                label=Signal::derive(move || td_string!(i18n.get_locale(), editing.name).to_owned())
                value=name
                errors
            />
            {children()}
        </fieldset>
    }
}

/// The links to each language's panel of a form, with the hint that not every language is needed.
#[component]
fn LanguageTabs() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="language-tabs" aria-label=move || t_string!(i18n, editing.languages)>
            <ul>
                {Lang::ALL
                    .iter()
                    .map(|lang| view! { <li><a href=format!("#language-{lang}")>{lang.native_name()}</a></li> })
                    .collect_view()}
            </ul>
        </nav>
        <p class="field__hint">{t!(i18n, editing.languages_hint)}</p>
    }
}

/// Asking for a new listing: the essentials; the rest is edited once it exists.
#[component]
pub fn NewListingPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let data = Resource::new(|| (), |_| get_new_listing());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, editing.new_listing_title).to_string()) />
        <Meta name="robots" content="noindex" />
        <section class="container account-page account-page--wide editor">
            <h1>{t!(i18n, editing.new_listing_title)}</h1>
            <p class="account-card__lead">{t!(i18n, editing.new_listing_lead)}</p>
            <Suspense>
                {move || {
                    data.get().map(|data| match data {
                        Ok(data) => {
                            let errors = Signal::stored(data.errors.clone());
                            view! {
                                <InvalidFormAlert errors />
                                <form class="form editor__form" method="post" action=move || format!("/{}/account/organizations/new", lang()) novalidate=true>
                                    <ProfileFields form=data.form errors essentials_only=true />
                                    <button class="button button--primary" type="submit">{t!(i18n, editing.new_listing_button)}</button>
                                </form>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <FormAlert error=Signal::stored(Some(error)) /> }.into_any(),
                    })
                }}
            </Suspense>
        </section>
    }
}

/// On a public profile: "This is my organization" for a signed-in person, while it has no owner.
#[component]
pub fn ClaimPanel(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let form = FormState::<ClaimListing>::new();
    let state = {
        let slug = slug.clone();
        Resource::new(move || form.action.version().get(), move |_| get_claim_state(slug.clone()))
    };
    let editor_link = {
        let slug = slug.clone();
        move || format!("/{}/account/organizations/{slug}", lang())
    };
    view! {
        <Suspense>
            {move || {
                let slug = slug.clone();
                let editor_link = editor_link.clone();
                state.get().and_then(Result::ok).map(move |state| match state {
                    ClaimState::Open => view! {
                        <div class="claim-panel">
                            <p>{t!(i18n, editing.claim_lead)}</p>
                            <FormAlert error=Signal::derive(move || form.error().get().filter(|error| !matches!(error, crate::error::AppError::Invalid(_)))) />
                            {move || form.field_errors().get().first().map(|error| view! { <p class="field__error">{crate::components::form::problem_text(i18n.get_locale(), &error.problem)}</p> })}
                            <ActionForm action=form.action attr:class="form form--inline">
                                <input type="hidden" name="lang" value=move || lang().as_str() />
                                <input type="hidden" name="slug" value=slug.clone() />
                                <button class="button" type="submit">{t!(i18n, editing.claim_button)}</button>
                            </ActionForm>
                        </div>
                    }
                        .into_any(),
                    ClaimState::Claimed(ClaimStatus::Pending) => view! { <p class="claim-panel notice">{t!(i18n, editing.claim_pending)}</p> }.into_any(),
                    ClaimState::Claimed(ClaimStatus::Rejected) => view! { <p class="claim-panel notice">{t!(i18n, editing.claim_rejected)}</p> }.into_any(),
                    ClaimState::Member | ClaimState::Claimed(ClaimStatus::Approved) => view! {
                        <p class="claim-panel"><a class="button" href=editor_link.clone()>{t!(i18n, editing.edit_listing)}</a></p>
                    }
                        .into_any(),
                    ClaimState::SignInToClaim => {
                        let here = format!("/{}/organizations/{slug}", lang());
                        let sign_in = format!("/{}/account/sign-in?next={}", lang(), form_urlencoded::byte_serialize(here.as_bytes()).collect::<String>());
                        view! {
                            <div class="claim-panel">
                                <p>{t!(i18n, editing.claim_question)}</p>
                                <a class="button" href=sign_in>{t!(i18n, editing.claim_sign_in)}</a>
                            </div>
                        }
                            .into_any()
                    }
                    ClaimState::Closed => ().into_any(),
                })
            }}
        </Suspense>
    }
}

/// A listing's people: its members with their roles, open invitations, and for the owner (or staff)
/// the forms to invite, remove, and hand ownership over.
#[component]
fn PeopleSection(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let query = use_query_map();
    let invite = FormState::<InviteEditor>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let hand_over = ServerAction::<HandOverOwnership>::new();
    // The list is read again after an invitation went through, not after a refused one: that would
    // draw the form again and lose what was typed.
    let invitations_sent = Memo::new(move |sent: Option<&usize>| match invite.action.value().get() {
        Some(Ok(_)) => invite.action.version().get(),
        _ => sent.copied().unwrap_or_default(),
    });
    let people = {
        let slug = slug.clone();
        Resource::new(
            move || {
                (invitations_sent.get(), remove.version().get(), hand_over.version().get(), query.read().get("people"))
            },
            move |_| get_members(slug.clone()),
        )
    };
    let done = move || query.read().get("people");
    view! {
        <section class="account-section" id="people" aria-labelledby="people-title">
            <h2 id="people-title">{t!(i18n, editing.people)}</h2>
            <p class="field__hint">{t!(i18n, editing.people_hint)}</p>
            <div role="status">
                {move || {
                    done().map(|what| {
                        if what == "invited" {
                            view! { <p class="notice notice--success">{t!(i18n, editing.people_invited)}</p> }.into_any()
                        } else {
                            view! { <p class="notice notice--success">{t!(i18n, editing.people_changed)}</p> }.into_any()
                        }
                    })
                }}
            </div>
            <FormAlert error=Signal::derive(move || {
                remove.value().get().and_then(Result::err).or_else(|| hand_over.value().get().and_then(Result::err))
            }) />
            <Suspense>
                {move || {
                    let slug = slug.clone();
                    people.get().and_then(Result::ok).map(move |people| {
                        let can_manage = people.can_manage;
                        view! {
                            <ul class="people">
                                {people
                                    .members
                                    .into_iter()
                                    .map(|member| view! { <PersonRow member slug=slug.clone() can_manage remove hand_over /> })
                                    .collect_view()}
                                {people
                                    .invited
                                    .into_iter()
                                    .map(|email| view! {
                                        <li class="people__person">
                                            <span class="people__email">{email}</span>
                                            <span class="badge">{t!(i18n, editing.invited)}</span>
                                        </li>
                                    })
                                    .collect_view()}
                            </ul>
                            {can_manage
                                .then(|| {
                                    view! {
                                        <FormAlert error=Signal::derive(move || invite.error().get().filter(|error| !matches!(error, crate::error::AppError::Invalid(_)))) />
                                        <ActionForm action=invite.action attr:class="form form--narrow">
                                            <input type="hidden" name="lang" value=move || lang().as_str() />
                                            <input type="hidden" name="slug" value=slug.clone() />
                                            <TextField
                                                form="invite"
                                                name="email"
                                                kind="email"
                                                required=true
                                                label=Signal::derive(move || t_string!(i18n, editing.invite_email).to_string())
                                                value=invite.typed("email", String::new())
                                                errors=invite.field_errors()
                                            />
                                            <button class="button" type="submit">{t!(i18n, editing.invite_button)}</button>
                                        </ActionForm>
                                    }
                                })}
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn PersonRow(
    member: MemberView,
    slug: String,
    can_manage: bool,
    remove: ServerAction<RemoveMember>,
    hand_over: ServerAction<HandOverOwnership>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let editor = member.role == MembershipRole::Editor;
    let user_id = member.user_id.to_string();
    view! {
        <li class="people__person">
            <span class="people__email">{member.email}</span>
            <span class="badge">
                {move || if editor { t_string!(i18n, editing.role_editor) } else { t_string!(i18n, editing.role_owner) }}
            </span>
            {member.is_you.then(|| view! { <span class="muted">"(" {t!(i18n, editing.you)} ")"</span> })}
            {(can_manage && editor)
                .then(move || {
                    let (slug_again, user_id_again) = (slug.clone(), user_id.clone());
                    view! {
                        <ActionForm action=hand_over attr:class="form form--inline">
                            <input type="hidden" name="lang" value=move || lang().as_str() />
                            <input type="hidden" name="slug" value=slug.clone() />
                            <input type="hidden" name="user_id" value=user_id.clone() />
                            <button class="button button--quiet" type="submit">{t!(i18n, editing.hand_over_button)}</button>
                        </ActionForm>
                        <ActionForm action=remove attr:class="form form--inline">
                            <input type="hidden" name="lang" value=move || lang().as_str() />
                            <input type="hidden" name="slug" value=slug_again />
                            <input type="hidden" name="user_id" value=user_id_again />
                            <button class="button button--quiet" type="submit">{t!(i18n, editing.remove_button)}</button>
                        </ActionForm>
                    }
                })}
        </li>
    }
}

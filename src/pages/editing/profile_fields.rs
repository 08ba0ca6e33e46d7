//! The profile form's fields, shared by the editor and the new listing's form: a panel per language,
//! then contacts, facts and taxonomy.
use leptos::prelude::*;

use crate::{
    components::form::{CheckboxGroup, CheckboxOption, SelectField, TextArea, TextField},
    domain::{
        country::Country,
        editing::{ProfileForm, views::Choice},
        lang::Lang,
        organization::{EmployeeRange, OrganizationKind},
        startup::{StartupNeed, StartupStage},
        validation::FieldError,
    },
    i18n::*,
    labels::{country_name, kind_label, need_name, stage_name},
};

/// Every field of a profile: a tab per language, then what does not depend on language.
#[component]
pub(super) fn ProfileFields(
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
pub(super) fn choice_options(choices: Vec<Choice>) -> Vec<CheckboxOption> {
    choices
        .into_iter()
        .map(|choice| CheckboxOption { value: choice.id.to_string(), label: choice.name, group: choice.group })
        .collect()
}

/// A per-language field of a form (`{lang}.{name}`) and what it holds.
pub(super) fn field_of(form: &[(String, String)], lang: Lang, name: &str) -> (String, String) {
    let field = format!("{lang}.{name}");
    let value = form.iter().find(|(typed, _)| *typed == field).map(|(_, value)| value.clone()).unwrap_or_default();
    (field, value)
}

/// One language's part of a form: its fieldset, with the name first and what `children` add after it.
#[component]
pub(super) fn LanguagePanel(
    lang: Lang,
    name: String,
    errors: Signal<Vec<FieldError>>,
    children: Children,
) -> impl IntoView {
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
pub(super) fn LanguageTabs() -> impl IntoView {
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

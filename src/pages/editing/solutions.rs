//! An organization's solutions in its editor: the list with where each change stands, and the form of
//! one solution with a tab per language. Plain POST forms, like the profile's.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    editor_frame, lang_now,
    profile_fields::{LanguagePanel, LanguageTabs, choice_options, field_of},
};
use crate::{
    api::editing::get_solution_editor,
    components::{
        form::{CheckboxGroup, InvalidFormAlert, SelectField, TextArea, TextField},
        layout::PageTitle,
    },
    domain::editing::views::SolutionEditorData,
    domain::{
        editing::field::FormField as F,
        editing::solutions::{SolutionState, WorkingSolution},
        lang::Lang,
        solution::{Deployment, SolutionKind},
    },
    i18n::*,
    labels::{deployment_name, solution_kind_name},
    routes,
};

fn state_text(locale: Locale, state: SolutionState) -> Option<&'static str> {
    match state {
        SolutionState::Live => None,
        SolutionState::Added => Some(td_string!(locale, editing.solution_added)),
        SolutionState::Changed => Some(td_string!(locale, editing.solution_changed)),
        SolutionState::Removed => Some(td_string!(locale, editing.solution_removed)),
    }
}

/// The listing's solutions, each with its state and a link to its form, and a link to add one.
#[component]
pub(super) fn SolutionsSection(slug: String, solutions: Vec<WorkingSolution>, verified: bool) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let query = use_query_map();
    let empty = solutions.is_empty();
    let rows = solutions
        .into_iter()
        .map(|solution| {
            let href = {
                let slug = slug.clone();
                let key = solution.key.clone();
                move || routes::editing::solution(lang(), &slug, &key)
            };
            let name = move || {
                solution.details.texts.pick(lang()).map(|text| text.value.name.clone()).unwrap_or_default()
            };
            let kind = solution.details.kind;
            let state = solution.state;
            view! {
                <li class="solution-row" class:solution-row--removed=state == SolutionState::Removed>
                    <a class="solution-row__name" href=href>{name}</a>
                    <span class="badge">{move || solution_kind_name(i18n.get_locale(), kind)}</span>
                    {move || state_text(i18n.get_locale(), state).map(|text| view! { <span class="badge badge--pending">{text}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="account-section" id="solutions" aria-labelledby="solutions-title">
            <h2 id="solutions-title">{t!(i18n, editing.solutions)}</h2>
            <p class="field__hint">
                {t!(i18n, editing.solutions_hint)} " "
                {if verified { t!(i18n, editing.save_hint_verified).into_any() } else { t!(i18n, editing.save_hint_review).into_any() }}
            </p>
            <div role="status">
                {move || match query.read().get("solution").as_deref() {
                    Some("published") => Some(view! { <p class="notice notice--success">{t!(i18n, editing.solution_published)}</p> }.into_any()),
                    Some("pending") => Some(view! { <p class="notice notice--success">{t!(i18n, editing.solution_pending)}</p> }.into_any()),
                    _ => None,
                }}
            </div>
            {if empty {
                view! { <p>{t!(i18n, editing.no_solutions)}</p> }.into_any()
            } else {
                view! { <ul class="solution-rows">{rows}</ul> }.into_any()
            }}
            <p class="account-section__actions">
                <a class="button" href=move || routes::editing::solution(lang(), &slug, routes::segment::NEW)>{t!(i18n, editing.add_solution)}</a>
            </p>
        </section>
    }
}

/// The form of one solution: new, public, or an addition still waiting for review.
#[component]
pub fn SolutionEditorPage() -> impl IntoView {
    let lang = lang_now();
    let params = use_params_map();
    let param = move |name: &str| params.read().get(name).unwrap_or_default();
    let editor = Resource::new(
        move || (param("slug"), param("key"), lang()),
        |(slug, key, lang)| get_solution_editor(slug, key, lang),
    );
    editor_frame(
        editor,
        |locale| td_string!(locale, editing.solution_title),
        |data| view! { <SolutionEditor data /> }.into_any(),
    )
}

#[component]
fn SolutionEditor(data: SolutionEditorData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let SolutionEditorData {
        organization_slug,
        organization_name,
        key,
        state,
        public_slug,
        publishes_at_once,
        form,
        errors,
        categories,
        sectors,
    } = data;
    let errors = Signal::stored(errors);
    let label = move |text: fn(Locale) -> &'static str| Signal::derive(move || text(i18n.get_locale()).to_owned());
    let value = |field: F| form.value(field).to_owned();
    let checked = |field: F| form.values(field).into_iter().map(str::to_owned).collect::<Vec<_>>();
    let language_panels = Lang::ALL
        .iter()
        .map(|lang| {
            let (description_field, description) = field_of(&form.0, F::Description.of(*lang));
            view! {
                <LanguagePanel lang=*lang name=field_of(&form.0, F::Name.of(*lang)).1 errors>
                    <TextArea
                        name=description_field
                        label=label(|locale| td_string!(locale, editing.description))
                        hint=label(|locale| td_string!(locale, editing.description_hint))
                        value=description
                        rows=6
                        errors
                    />
                </LanguagePanel>
            }
        })
        .collect_view();
    let kinds = SolutionKind::ALL
        .iter()
        .map(|kind| (kind.as_str().to_owned(), solution_kind_name(i18n.get_locale_untracked(), *kind).to_owned()))
        .collect::<Vec<_>>();
    let deployments = Deployment::ALL
        .iter()
        .map(|deployment| {
            (deployment.as_str().to_owned(), deployment_name(i18n.get_locale_untracked(), *deployment).to_owned())
        })
        .collect::<Vec<_>>();
    let heading = Lang::ALL
        .iter()
        .map(|lang| form.value(F::Name.of(*lang)).to_owned())
        .find(|name| !name.is_empty())
        .unwrap_or_default();
    let is_new = state.is_none();
    // Removing drops an addition that waits for review; withdrawing takes back a waiting change or
    // removal of a public solution.
    let removable = !matches!(state, None | Some(SolutionState::Removed));
    let withdrawable = matches!(state, Some(SolutionState::Changed | SolutionState::Removed));
    let listing = StoredValue::new(organization_slug);
    let solution_address = StoredValue::new(key);
    let action = move || {
        listing.with_value(|slug| solution_address.with_value(|key| routes::editing::solution(lang(), slug, key)))
    };
    let intent_form = {
        move |intent: &'static str, text: String| {
            view! {
                <form class="form form--inline" method="post" action=action>
                    <input type="hidden" name="intent" value=intent />
                    <button class="button button--quiet" type="submit">{text}</button>
                </form>
            }
        }
    };
    let title = if is_new { t_string!(i18n, editing.new_solution).to_owned() } else { heading.clone() };
    view! {
        <PageTitle text=title />
        <p class="editor__back">
            <a href=move || {
                listing.with_value(|slug| format!("{}#solutions", routes::editing::listing(lang(), slug)))
            }>{organization_name}</a>
        </p>
        <h1>{if is_new { t_string!(i18n, editing.new_solution).to_owned() } else { heading }}</h1>
        <p class="editor__status">
            {state.and_then(|state| state_text(i18n.get_locale_untracked(), state)).map(|text| view! { <span class="badge badge--pending">{text}</span> })}
            {public_slug.map(|slug| view! { <a href=move || routes::solution(lang(), &slug)>{t!(i18n, editing.view_public)}</a> })}
        </p>
        <InvalidFormAlert errors />
        <form class="form editor__form" method="post" action=action novalidate=true>
            <input type="hidden" name="intent" value="save" />
            <LanguageTabs />
            <div class="language-panels">{language_panels}</div>
            <fieldset class="editor__group">
                <legend>{t!(i18n, editing.solution_basics)}</legend>
                <div class="editor__grid">
                    <SelectField name=F::Kind.as_str() label=label(|locale| td_string!(locale, solutions.kind)) options=kinds selected=value(F::Kind) errors />
                    <SelectField
                        name=F::Deployment.as_str()
                        label=label(|locale| td_string!(locale, solutions.deployment))
                        options=deployments
                        selected=value(F::Deployment)
                        blank=label(|locale| td_string!(locale, editing.not_said))
                        errors
                    />
                    <TextField name=F::Url.as_str() kind="url" label=label(|locale| td_string!(locale, solutions.website)) value=value(F::Url) errors />
                </div>
                <TextArea name=F::Certifications.as_str() label=label(|locale| td_string!(locale, editing.certifications)) hint=label(|locale| td_string!(locale, editing.one_per_line)) value=value(F::Certifications) errors />
            </fieldset>
            <CheckboxGroup name=F::Category.as_str() legend=label(|locale| td_string!(locale, editing.categories)) options=choice_options(categories) checked=checked(F::Category) errors />
            <CheckboxGroup name=F::Sector.as_str() legend=label(|locale| td_string!(locale, editing.sectors)) options=choice_options(sectors) checked=checked(F::Sector) errors />
            <div class="editor__actions">
                <button class="button button--primary" type="submit">{t!(i18n, editing.save_solution)}</button>
                <p class="field__hint">
                    {if publishes_at_once { t!(i18n, editing.save_hint_verified).into_any() } else { t!(i18n, editing.save_hint_review).into_any() }}
                </p>
            </div>
        </form>
        {(removable || withdrawable).then(|| view! {
            <div class="editor__actions editor__actions--secondary">
                {removable.then(|| intent_form("remove", t_string!(i18n, editing.remove_solution).to_owned()))}
                {withdrawable.then(|| intent_form("withdraw", t_string!(i18n, editing.withdraw_solution_change).to_owned()))}
            </div>
        })}
    }
}

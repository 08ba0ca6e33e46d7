//! Staff curate the taxonomy: categories as a two-level tree with their NIST CSF function, sectors
//! with their critical-infrastructure mark, and tags. Every change is a plain form post.
use leptos::prelude::*;

use super::{FormErrors, StaffField, Typed, forms_page, lang_now};
use crate::{
    api::curation::get_taxonomy,
    domain::{
        lang::Lang,
        taxonomy::{ManagedTerm, NistFunction, TermKind},
    },
    i18n::*,
    labels::nist_name,
    routes,
};

/// The taxonomy page: one section per vocabulary.
#[component]
pub fn TaxonomyPage() -> impl IntoView {
    let i18n = use_i18n();
    let taxonomy = Resource::new(|| (), |()| get_taxonomy());
    let title = Signal::derive(move || t_string!(i18n, curation.taxonomy_title).to_string());
    forms_page(title, taxonomy, |taxonomy, typed| {
        let parents: Vec<ManagedTerm> =
            taxonomy.categories.iter().filter(|term| term.parent_id.is_none()).cloned().collect();
        // Each top-level category followed by its subcategories.
        let categories: Vec<ManagedTerm> = parents
            .iter()
            .flat_map(|parent| {
                std::iter::once(parent.clone())
                    .chain(taxonomy.categories.iter().filter(|child| child.parent_id == Some(parent.id)).cloned())
            })
            .collect();
        view! {
            <Vocabulary kind=TermKind::Category terms=categories parents=parents.clone() typed=typed.clone() />
            <Vocabulary kind=TermKind::Sector terms=taxonomy.sectors parents=Vec::new() typed=typed.clone() />
            <Vocabulary kind=TermKind::Tag terms=taxonomy.tags parents=Vec::new() typed=typed />
        }
        .into_any()
    })
}

fn heading(locale: Locale, kind: TermKind) -> &'static str {
    match kind {
        TermKind::Category => td_string!(locale, curation.categories),
        TermKind::Sector => td_string!(locale, curation.sectors),
        TermKind::Tag => td_string!(locale, curation.tags),
    }
}

fn term_name(term: &ManagedTerm, lang: Lang) -> String {
    term.names.pick(lang).map_or_else(|| term.slug.clone(), |name| name.value.clone())
}

/// One vocabulary: its terms in order, each with its forms, and a form to add one.
#[component]
fn Vocabulary(kind: TermKind, terms: Vec<ManagedTerm>, parents: Vec<ManagedTerm>, typed: Typed) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let action = move || routes::curation::taxonomy_terms(lang(), kind);
    // One list of slugs per vocabulary for every "move uses" field to suggest from.
    let slugs = terms
        .iter()
        .map(|term| view! { <option value=term.slug.clone()>{term_name(term, lang())}</option> })
        .collect_view();
    let add_form = format!("{kind}-add");
    let add_typed = typed.of(&add_form);
    let add_open = add_typed.is_some();
    view! {
        <section class="staff__vocabulary" id=kind.as_str() aria-labelledby=format!("{kind}-heading")>
            <h2 id=format!("{kind}-heading")>{move || heading(i18n.get_locale(), kind)}</h2>
            <datalist id=format!("{kind}-slugs")>{slugs}</datalist>
            <p class="field__hint" id=format!("{kind}-slugs-hint")>{t!(i18n, curation.move_uses_hint)}</p>
            <ul class="staff__terms">
                {terms.into_iter().map(|term| {
                    // Each form has its own name, so a refusal fills in only the form it came from.
                    let form = format!("{kind}-{}", term.id);
                    let [move_form, delete_form, order_form] = ["move", "delete", "order"].map(|what| format!("{form}-{what}"));
                    let term_typed = typed.of(&form);
                    let refusal = [&form, &move_form, &delete_form, &order_form].into_iter().find_map(|name| typed.of(name));
                    let open = refusal.is_some();
                    let name = term_name(&term, lang());
                    let id = term.id.to_string();
                    let delete_label = name.clone();
                    view! {
                        <li class="staff__term" class:staff__term--child=term.parent_id.is_some() id=format!("{kind}-{}", term.id)>
                            <div class="staff__term-head">
                                <strong>{name.clone()}</strong>
                                " " <code>{term.slug.clone()}</code>
                                {term.nist_function.map(|function| view! { " · " {move || nist_name(i18n.get_locale(), function)} })}
                                {term.critical_infrastructure.then(|| view! { " · " <span class="badge">{t!(i18n, curation.critical)}</span> })}
                                " · " {t!(i18n, curation.uses, count = term.uses)}
                                <form method="post" action=action class="form form--inline staff__order">
                                    <input type="hidden" name="form" value=order_form />
                                    <input type="hidden" name="id" value=id.clone() />
                                    <button class="button" type="submit" name="op" value="earlier"
                                        aria-label=move || format!("{} {}", t_string!(i18n, curation.earlier), name)>"↑"</button>
                                    <button class="button" type="submit" name="op" value="later"
                                        aria-label=format!("{} {}", t_string!(i18n, curation.later), delete_label)>"↓"</button>
                                </form>
                            </div>
                            <details open=open>
                                <summary>{t!(i18n, curation.edit_term)}</summary>
                                {refusal.map(|typed| view! { <FormErrors errors=typed.errors /> })}
                                <form method="post" action=action class="form">
                                    <input type="hidden" name="form" value=form.clone() />
                                    <input type="hidden" name="id" value=id.clone() />
                                    <TermFields kind term=Some(term.clone()) typed=term_typed parents=parents.clone() prefix=form.clone() />
                                    <button class="button button--primary" type="submit" name="op" value="update">{t!(i18n, curation.save)}</button>
                                </form>
                                <form method="post" action=action class="form form--inline">
                                    <input type="hidden" name="form" value=move_form />
                                    <input type="hidden" name="id" value=id.clone() />
                                    <label for=format!("{form}-to")>{t!(i18n, curation.move_uses_to)}</label>
                                    <input id=format!("{form}-to") name="to" type="text" list=format!("{kind}-slugs") required
                                        aria-describedby=format!("{kind}-slugs-hint") />
                                    <button class="button" type="submit" name="op" value="move_uses">{t!(i18n, curation.move_uses)}</button>
                                </form>
                                <form method="post" action=action class="form form--inline">
                                    <input type="hidden" name="form" value=delete_form />
                                    <input type="hidden" name="id" value=id />
                                    <button class="button button--danger" type="submit" name="op" value="delete">{t!(i18n, curation.delete_term)}</button>
                                </form>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <details class="staff__add" open=add_open>
                <summary>{t!(i18n, curation.add_term)}</summary>
                {add_typed.as_ref().map(|typed| view! { <FormErrors errors=typed.errors.clone() /> })}
                <form method="post" action=action class="form">
                    <input type="hidden" name="form" value=add_form.clone() />
                    <TermFields kind term=None typed=add_typed parents prefix=add_form />
                    <button class="button button--primary" type="submit" name="op" value="add">{t!(i18n, curation.add_term)}</button>
                </form>
            </details>
        </section>
    }
}

/// The fields of a term: slug, a name in every language, and what its vocabulary adds.
#[component]
fn TermFields(
    kind: TermKind,
    term: Option<ManagedTerm>,
    typed: Option<Typed>,
    parents: Vec<ManagedTerm>,
    prefix: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let value = |name: &str, saved: Option<String>| {
        typed.as_ref().and_then(|typed| typed.value(name)).or(saved).unwrap_or_default()
    };
    let text_field = |name: String, label: String, saved: Option<String>| {
        view! { <StaffField form=prefix.clone() name label typed=typed.clone() saved required=true /> }
    };
    let locale = i18n.get_locale();
    let names = Lang::ALL
        .iter()
        .map(|&language| {
            let saved = term.as_ref().and_then(|term| term.names.get(language).cloned());
            text_field(
                format!("{language}.name"),
                format!("{} ({})", td_string!(locale, curation.term_name), language.native_name()),
                saved,
            )
        })
        .collect_view();
    let parent = value("parent", term.as_ref().and_then(|term| term.parent_id).map(|id| id.to_string()));
    let nist =
        value("nist", term.as_ref().and_then(|term| term.nist_function).map(|function| function.as_str().to_owned()));
    let critical = match &typed {
        Some(typed) => typed.value("critical").is_some(),
        None => term.as_ref().is_some_and(|term| term.critical_infrastructure),
    };
    let own_id = term.as_ref().map(|term| term.id);
    view! {
        {text_field("slug".to_owned(), td_string!(locale, curation.term_slug).to_string(), term.as_ref().map(|term| term.slug.clone()))}
        {names}
        {(kind == TermKind::Category).then(|| view! {
            <div class="field">
                <label for=format!("{prefix}-parent")>{t!(i18n, curation.parent)}</label>
                <select id=format!("{prefix}-parent") name="parent">
                    <option value="" selected=parent.is_empty()>{t!(i18n, curation.top_level)}</option>
                    {parents.iter().filter(|candidate| Some(candidate.id) != own_id).map(|candidate| {
                        let id = candidate.id.to_string();
                        view! { <option value=id.clone() selected=parent == id>{term_name(candidate, lang())}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=format!("{prefix}-nist")>{t!(i18n, curation.nist_function)}</label>
                <select id=format!("{prefix}-nist") name="nist">
                    {NistFunction::ALL.iter().map(|function| view! {
                        <option value=function.as_str() selected=nist == function.as_str()>{nist_name(locale, *function)}</option>
                    }).collect_view()}
                </select>
            </div>
        })}
        {(kind == TermKind::Sector).then(|| view! {
            <div class="field field--checkbox">
                <input id=format!("{prefix}-critical") name="critical" type="checkbox" checked=critical />
                <label for=format!("{prefix}-critical")>{t!(i18n, curation.critical)}</label>
            </div>
        })}
    }
}

//! Staff manage the forum: editions, each edition's panels in programme order, and who takes part.
//! Every change is a plain form post to `server::curation::forum`.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{FormErrors, StaffField, Typed, chooser::ListingChooser, forms_page, lang_now};
use crate::{
    api::curation::get_forum_admin,
    domain::{
        city::city_name,
        forum::{AdminPanel, ForumAdmin, ForumEdition},
        lang::Lang,
    },
    i18n::*,
    labels::readable_date,
    routes,
};

#[component]
pub fn ForumAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let query = use_query_map();
    let edition = move || query.read().get("edition");
    let forum = Resource::new(move || (edition(), lang()), |(edition, lang)| get_forum_admin(edition, lang));
    let title = Signal::derive(move || t_string!(i18n, curation.forum_title).to_string());
    forms_page(title, forum, |forum, typed| view! { <Forum forum typed /> }.into_any())
}

fn edition_name(edition: &ForumEdition, lang: Lang) -> String {
    edition.names.pick(lang).map_or_else(|| edition.slug.to_string(), |name| name.value.clone())
}

#[component]
fn Forum(forum: ForumAdmin, typed: Typed) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let action = move || routes::curation::forum(lang());
    let current = forum.edition.as_ref().map(|edition| edition.id);
    let slug = forum.edition.as_ref().map(|edition| edition.slug.to_string()).unwrap_or_default();
    let add = typed.of("edition-add");
    let add_open = add.is_some();
    view! {
        <nav class="staff__nav" aria-label=move || t_string!(i18n, curation.editions)>
            {forum.editions.iter().map(|edition| {
                let here = (Some(edition.id) == current).then_some("page");
                view! { <a href=format!("{}?edition={}", routes::curation::forum(lang()), edition.slug) aria-current=here>{edition_name(edition, lang())}</a> }
            }).collect_view()}
        </nav>
        <details class="staff__add" open=add_open>
            <summary>{t!(i18n, curation.add_edition)}</summary>
            {add.as_ref().map(|typed| view! { <FormErrors errors=typed.errors.clone() /> })}
            <form method="post" action=action class="form">
                <input type="hidden" name="form" value="edition-add" />
                <EditionFields form="edition-add".to_owned() edition=None typed=add />
                <button class="button button--primary" type="submit" name="op" value="add_edition">{t!(i18n, curation.add_edition)}</button>
            </form>
        </details>
        {forum.edition.map(|edition| {
            let form = format!("edition-{}", edition.id);
            let edit = typed.of(&form);
            let edit_open = edit.is_some();
            let name = edition_name(&edition, lang());
            let add_panel = typed.of("panel-add");
            let add_panel_open = add_panel.is_some();
            view! {
                <section class="staff__vocabulary" aria-labelledby="edition-heading">
                    <h2 id="edition-heading">{name}</h2>
                    <p class="staff__meta"><code>{edition.slug.to_string()}</code> " · " {readable_date(i18n.get_locale_untracked(), &edition.starts_on)} {edition.city.as_deref().map(|city| format!(" · {}", city_name(city, lang())))}</p>
                    <details open=edit_open>
                        <summary>{t!(i18n, curation.edit_edition)}</summary>
                        {edit.as_ref().map(|typed| view! { <FormErrors errors=typed.errors.clone() /> })}
                        <form method="post" action=action class="form">
                            <input type="hidden" name="form" value=form.clone() />
                            <input type="hidden" name="id" value=edition.id.to_string() />
                            <EditionFields form edition=Some(edition.clone()) typed=edit />
                            <button class="button button--primary" type="submit" name="op" value="update_edition">{t!(i18n, curation.save)}</button>
                        </form>
                    </details>
                    <h3>{t!(i18n, curation.panels)}</h3>
                    <ol class="staff__terms">
                        {forum.panels.into_iter().map(|panel| view! { <PanelItem panel edition=slug.clone() typed=typed.clone() /> }).collect_view()}
                    </ol>
                    <details class="staff__add" open=add_panel_open>
                        <summary>{t!(i18n, curation.add_panel)}</summary>
                        {add_panel.as_ref().map(|typed| view! { <FormErrors errors=typed.errors.clone() /> })}
                        <form method="post" action=action class="form">
                            <input type="hidden" name="form" value="panel-add" />
                            <input type="hidden" name="edition" value=slug.clone() />
                            <input type="hidden" name="edition_id" value=edition.id.to_string() />
                            <PanelFields form="panel-add".to_owned() panel=None typed=add_panel />
                            <button class="button button--primary" type="submit" name="op" value="add_panel">{t!(i18n, curation.add_panel)}</button>
                        </form>
                    </details>
                </section>
            }
        })}
    }
}

/// One panel: its order, texts, participants, and deletion.
#[component]
fn PanelItem(panel: AdminPanel, edition: String, typed: Typed) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let action = move || routes::curation::forum(lang());
    let AdminPanel { panel, participants } = panel;
    let form = format!("panel-{}", panel.id);
    // Each form has its own name, so a refusal fills in only the form it came from.
    let [adding_form, order_form, delete_form] =
        ["participant", "order", "delete"].map(|what| format!("{form}-{what}"));
    let edit = typed.of(&form);
    let edit_open = edit.is_some() || typed.is_for(&delete_form);
    let refusal = [&form, &adding_form, &order_form, &delete_form].into_iter().find_map(|name| typed.of(name));
    let title = panel.title(lang());
    let id = panel.id.to_string();
    let (earlier, later) = (title.clone(), title.clone());
    let hidden = {
        let (edition, id) = (edition.clone(), id.clone());
        move |form: &str| {
            view! {
                <input type="hidden" name="form" value=form.to_owned() />
                <input type="hidden" name="edition" value=edition.clone() />
                <input type="hidden" name="id" value=id.clone() />
            }
        }
    };
    view! {
        <li class="staff__term" id=form.clone()>
            <div class="staff__term-head">
                <strong>{title.clone()}</strong>
                " " <code>{panel.slug.to_string()}</code>
                " · " {t!(i18n, forum.participants, count = participants.len())}
                <form method="post" action=action class="form form--inline staff__order">
                    {hidden(&order_form)}
                    <button class="button" type="submit" name="op" value="earlier"
                        aria-label=move || format!("{} {}", t_string!(i18n, curation.earlier), earlier)>"↑"</button>
                    <button class="button" type="submit" name="op" value="later"
                        aria-label=move || format!("{} {}", t_string!(i18n, curation.later), later)>"↓"</button>
                </form>
            </div>
            <ul class="staff__participants">
                {participants.into_iter().map(|participant| view! {
                    <li>
                        <a href=routes::profile(lang(), &participant.slug)>{participant.name.clone()}</a>
                        <form method="post" action=action class="form form--inline">
                            <input type="hidden" name="edition" value=edition.clone() />
                            <input type="hidden" name="panel_id" value=id.clone() />
                            <input type="hidden" name="organization_id" value=participant.id.to_string() />
                            <button class="button" type="submit" name="op" value="remove_participant"
                                aria-label=move || format!("{} {}", t_string!(i18n, curation.remove_participant), participant.name)>
                                {t!(i18n, curation.remove_participant)}
                            </button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
            {refusal.map(|typed| view! { <FormErrors errors=typed.errors /> })}
            <ListingChooser id=format!("{form}-find") field="participant" label=t_string!(i18n, curation.find_participant).to_string()
                action=action() keep=vec![("edition", edition.clone())]>
                <input type="hidden" name="form" value=adding_form.clone() />
                <input type="hidden" name="edition" value=edition.clone() />
                <input type="hidden" name="panel_id" value=id.clone() />
                <button class="button" type="submit" name="op" value="add_participant">{t!(i18n, curation.add_participant)}</button>
            </ListingChooser>
            <details open=edit_open>
                <summary>{t!(i18n, curation.edit_panel)}</summary>
                <form method="post" action=action class="form">
                    {hidden(&form)}
                    <PanelFields form=form.clone() panel=Some(panel.clone()) typed=edit />
                    <button class="button button--primary" type="submit" name="op" value="update_panel">{t!(i18n, curation.save)}</button>
                </form>
                <form method="post" action=action class="form form--inline">
                    {hidden(&delete_form)}
                    <button class="button button--danger" type="submit" name="op" value="delete_panel">{t!(i18n, curation.delete_panel)}</button>
                </form>
            </details>
        </li>
    }
}

#[component]
fn EditionFields(form: String, edition: Option<ForumEdition>, typed: Option<Typed>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let field = |name: &str, label: String, saved: Option<String>, kind: &'static str, required: bool| {
        view! { <StaffField form=form.clone() name=name.to_owned() label typed=typed.clone() saved kind required /> }
    };
    view! {
        {field("slug", td_string!(locale, curation.term_slug).to_string(), edition.as_ref().map(|e| e.slug.to_string()), "text", true)}
        {field("starts_on", td_string!(locale, curation.starts_on).to_string(), edition.as_ref().map(|e| e.starts_on.clone()), "date", true)}
        {field("city", td_string!(locale, curation.city).to_string(), edition.as_ref().and_then(|e| e.city.clone()), "text", false)}
        {Lang::ALL.iter().map(|&language| field(
            &format!("{language}.name"),
            format!("{} ({})", td_string!(locale, curation.term_name), language.native_name()),
            edition.as_ref().and_then(|e| e.names.get(language).cloned()),
            "text",
            true,
        )).collect_view()}
    }
}

#[component]
fn PanelFields(form: String, panel: Option<crate::domain::forum::ForumPanel>, typed: Option<Typed>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let text = |language: Lang| panel.as_ref().and_then(|panel| panel.texts.get(language).cloned());
    view! {
        <StaffField form=form.clone() name="slug".to_owned() label=td_string!(locale, curation.term_slug).to_string()
            typed=typed.clone() saved=panel.as_ref().map(|panel| panel.slug.to_string()) required=true />
        {Lang::ALL.iter().map(|&language| view! {
            <StaffField form=form.clone() name=format!("{language}.title")
                label=format!("{} ({})", td_string!(locale, curation.panel_title), language.native_name())
                typed=typed.clone() saved=text(language).map(|text| text.title) required=true />
            <StaffField form=form.clone() name=format!("{language}.summary")
                label=format!("{} ({})", td_string!(locale, curation.panel_summary), language.native_name())
                typed=typed.clone() saved=text(language).and_then(|text| text.summary) multiline=true />
        }).collect_view()}
    }
}

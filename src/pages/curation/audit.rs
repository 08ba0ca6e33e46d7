//! The audit log: every write as words in the reader's language, filtered by who, what, which listing
//! and when, with its CSV download. On a phone each row stacks as a card with its labels.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{StaffFrame, failed, when};
use crate::{
    api::curation::get_audit,
    domain::{
        audit::AuditAction,
        curation::{AUDIT_PAGE, AuditFilter},
    },
    i18n::*,
    labels::{audit_action_name, audit_entry_words, machine_time},
    routes,
};

/// The audit log, filtered, with its CSV download.
#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = move || {
        let query = query.read();
        let value = |name: &str| query.get(name).unwrap_or_default();
        AuditFilter {
            actor: value("actor"),
            organization: value("organization"),
            action: value("action"),
            from: value("from"),
            to: value("to"),
        }
    };
    let page = move || query.read().get("page").and_then(|page| page.parse::<u32>().ok()).unwrap_or(1).max(1);
    let entries = Resource::new(move || (filter(), page()), |(filter, page)| get_audit(filter, page));
    let title = Signal::derive(move || t_string!(i18n, curation.audit_title).to_string());
    let query_string = move || {
        let filter = filter();
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("actor", &filter.actor),
            ("organization", &filter.organization),
            ("action", &filter.action),
            ("from", &filter.from),
            ("to", &filter.to),
        ] {
            if !value.is_empty() {
                serializer.append_pair(name, value);
            }
        }
        serializer.finish()
    };
    let filter_field = move |name: &'static str, label: String, kind: &'static str| {
        let id = format!("audit-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type=kind name=name value=move || query.read().get(name).unwrap_or_default() />
            </div>
        }
    };
    view! {
        <StaffFrame title=title>
            <form method="get" class="form staff__filters">
                {move || {
                    let locale = i18n.get_locale();
                    view! {
                        {filter_field("actor", td_string!(locale, curation.actor).to_string(), "text")}
                        {filter_field("organization", td_string!(locale, curation.organization_slug).to_string(), "text")}
                        <ActionChoice chosen=filter().action />
                        {filter_field("from", td_string!(locale, curation.from).to_string(), "date")}
                        {filter_field("to", td_string!(locale, curation.to).to_string(), "date")}
                    }
                }}
                <button class="button button--primary" type="submit">{t!(i18n, curation.filter)}</button>
                <a class="button" href=move || format!("{}?{}", routes::curation::audit_csv(), query_string())>{t!(i18n, curation.download_csv)}</a>
            </form>
            <Suspense>
                {move || entries.get().map(|entries| match entries {
                    Err(error) => failed(error),
                    Ok(entries) => {
                        let full = entries.len() as i64 == AUDIT_PAGE;
                        let locale = i18n.get_locale();
                        let (when_label, actor_label, action_label, subject_label, details_label) = (
                            td_string!(locale, curation.when),
                            td_string!(locale, curation.actor),
                            td_string!(locale, curation.action),
                            td_string!(locale, curation.subject),
                            td_string!(locale, curation.details),
                        );
                        view! {
                            <table class="staff__table staff__table--cards staff__audit">
                                <thead>
                                    <tr>
                                        <th scope="col">{when_label}</th>
                                        <th scope="col">{actor_label}</th>
                                        <th scope="col">{action_label}</th>
                                        <th scope="col">{subject_label}</th>
                                        <th scope="col">{details_label}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {entries.into_iter().map(|entry| {
                                        let words = audit_entry_words(locale, &entry);
                                        view! {
                                            <tr>
                                                <td data-label=when_label><time datetime=machine_time(entry.at)>{when(entry.at)}</time></td>
                                                <td data-label=actor_label class="staff__wrap">{entry.actor}</td>
                                                <td data-label=action_label>{words}</td>
                                                <td data-label=subject_label class="staff__wrap">{entry.subject}</td>
                                                <td data-label=details_label>
                                                    {(entry.before.is_some() || entry.after.is_some()).then(|| view! {
                                                        <details>
                                                            <summary>{t!(i18n, curation.before_after)}</summary>
                                                            <pre class="staff__json">{entry.before.unwrap_or_default()}</pre>
                                                            <pre class="staff__json">{entry.after.unwrap_or_default()}</pre>
                                                        </details>
                                                    })}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <nav class="pagination" aria-label=move || t_string!(i18n, curation.pages)>
                                {(page() > 1).then(|| view! {
                                    <a href=move || format!("?{}&page={}", query_string(), page() - 1)>{t!(i18n, curation.newer)}</a>
                                })}
                                {full.then(|| view! {
                                    <a href=move || format!("?{}&page={}", query_string(), page() + 1)>{t!(i18n, curation.older)}</a>
                                })}
                            </nav>
                        }.into_any()
                    }
                })}
            </Suspense>
        </StaffFrame>
    }
}

/// The action filter: every action by its words. A filter by the start of an action (`listing.`, from a
/// shared link) stays chosen as it was typed.
#[component]
fn ActionChoice(chosen: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let custom = (!chosen.is_empty() && chosen.parse::<AuditAction>().is_err()).then(|| chosen.clone());
    view! {
        <div class="field">
            <label for="audit-action">{t!(i18n, curation.action)}</label>
            <select id="audit-action" name="action">
                <option value="" selected=chosen.is_empty()>{t!(i18n, curation.any_action)}</option>
                {custom.map(|start| view! { <option value=start.clone() selected>{start.clone()}</option> })}
                {AuditAction::ALL.iter().map(|action| {
                    let value = action.as_str();
                    view! { <option value=value selected=chosen == value>{audit_action_name(locale, *action)}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

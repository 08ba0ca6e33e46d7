//! People: find accounts, change staff roles and disable accounts (admins only; the server decides).
//! On a phone each person is a card with the columns' labels.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{FormErrors, StaffFrame, failed, lang_now};
use crate::routes;
use crate::{api::curation::get_people, domain::user::StaffRole, i18n::*};

/// People: find accounts, change staff roles, disable accounts (admins only).
#[component]
pub fn PeoplePage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let people = Resource::new(search, get_people);
    let title = Signal::derive(move || t_string!(i18n, curation.people_title).to_string());
    view! {
        <StaffFrame title=title>
            <form method="get" class="form form--inline" role="search">
                <label for="people-search">{t!(i18n, curation.search_people)}</label>
                <input id="people-search" type="search" name="q" value=search />
                <button class="button" type="submit">{t!(i18n, curation.search)}</button>
            </form>
            <Suspense>
                {move || people.get().map(|people| match people {
                    Err(error) => failed(error),
                    Ok(page) => {
                        let locale = i18n.get_locale();
                        let (email_label, organizations_label, role_label, account_label) = (
                            td_string!(locale, curation.email),
                            td_string!(locale, curation.organizations),
                            td_string!(locale, curation.role),
                            td_string!(locale, curation.account),
                        );
                        view! {
                        <FormErrors errors=page.errors />
                        <table class="staff__table staff__table--cards">
                            <thead>
                                <tr>
                                    <th scope="col">{email_label}</th>
                                    <th scope="col">{organizations_label}</th>
                                    <th scope="col">{role_label}</th>
                                    <th scope="col">{account_label}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {page.data.into_iter().map(|person| {
                                    let action = routes::curation::person(lang(), person.id);
                                    let role_id = format!("role-{}", person.id);
                                    let role = person.staff_role;
                                    view! {
                                        <tr>
                                            <td data-label=email_label class="staff__wrap">{person.email.clone()} {(!person.confirmed).then(|| view! { " " <span class="badge">{t!(i18n, curation.unconfirmed)}</span> })}</td>
                                            <td data-label=organizations_label>{person.organizations.join(", ")}</td>
                                            <td data-label=role_label>
                                                <form method="post" action=action.clone() class="form form--inline">
                                                    <input type="hidden" name="q" value=search() />
                                                    <label class="visually-hidden" for=role_id.clone()>{t!(i18n, curation.role)} " " {person.email.clone()}</label>
                                                    <select id=role_id name="role">
                                                        <option value="none" selected=role.is_none()>{t!(i18n, curation.role_none)}</option>
                                                        <option value="curator" selected=role == Some(StaffRole::Curator)>{t!(i18n, curation.role_curator)}</option>
                                                        <option value="admin" selected=role == Some(StaffRole::Admin)>{t!(i18n, curation.role_admin)}</option>
                                                    </select>
                                                    <button class="button" type="submit" name="change" value="role">{t!(i18n, curation.save)}</button>
                                                </form>
                                            </td>
                                            <td data-label=account_label>
                                                <form method="post" action=action class="form form--inline">
                                                    <input type="hidden" name="q" value=search() />
                                                    {if person.disabled {
                                                        view! { <button class="button" type="submit" name="change" value="enable">{t!(i18n, curation.enable)}</button> }.into_any()
                                                    } else {
                                                        view! { <button class="button" type="submit" name="change" value="disable">{t!(i18n, curation.disable)}</button> }.into_any()
                                                    }}
                                                </form>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        }.into_any()
                    }
                })}
            </Suspense>
        </StaffFrame>
    }
}

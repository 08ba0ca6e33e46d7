//! One change under review: each changed field as it is and as proposed, deleted and inserted words
//! and removed and added items marked; the logo and each solution with a tick of their own. Once
//! decided, the page says what was decided, by whom and when.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{FormErrors, StaffFrame, failed, form_field_label, lang_now, when};
use crate::{
    api::curation::get_review,
    components::form::textarea_html,
    domain::{
        curation::{
            FieldChange, LogoChange, Piece, REJECTION_REASON_MAX, Review, ReviewDecision, ReviewField, SolutionChange,
        },
        editing::solutions::SolutionState,
        editing::{FormField, RevisionStatus, field::FieldName},
    },
    i18n::*,
    pages::editing::{field_name, status_name},
    routes,
};

/// One change, field by field, with the decision form while it waits.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or_default();
    let review = Resource::new(move || (id(), lang()), |(id, lang)| get_review(id, lang));
    let title = Signal::derive(move || t_string!(i18n, curation.review_title).to_string());
    view! {
        <StaffFrame title=title>
            <Show when=move || query.read().get("decided").is_some()>
                <p role="status" class="notice">{t!(i18n, curation.decided)}</p>
            </Show>
            <Suspense>
                {move || review.get().map(|review| match review {
                    Err(error) => failed(error),
                    Ok(page) => {
                        let review = page.data;
                        let typed_reason = page.typed.iter().find(|(field, _)| field == "reason").map(|(_, value)| value.clone()).unwrap_or_default();
                        let chosen: Vec<ReviewField> = page.typed.iter().filter(|(field, _)| field == "field").filter_map(|(_, value)| value.parse().ok()).collect();
                        let pending = review.status == RevisionStatus::Pending;
                        view! {
                            <p class="staff__meta">
                                <strong>{review.name.clone()}</strong> " · "
                                {if review.new_listing { t_string!(i18n, curation.kind_new_listing) } else { t_string!(i18n, curation.kind_edit) }} " · "
                                {review.author.clone().unwrap_or_default()} " · " {when(review.created_at)} " · "
                                {move || status_name(i18n.get_locale(), review.listing_status)}
                            </p>
                            <p>
                                <a href=routes::profile(lang(), &review.slug)>{t!(i18n, curation.public_page)}</a> " · "
                                <a href=routes::curation::listing(lang(), &review.slug)>{t!(i18n, curation.manage_listing)}</a>
                            </p>
                            <FormErrors errors=page.errors />
                            {review.decision.clone().map(|decision| view! { <DecisionMade review=review.clone() decision /> })}
                            {(review.status != RevisionStatus::Published).then(|| view! { <ChangeForm review chosen typed_reason pending /> })}
                        }.into_any()
                    }
                })}
            </Suspense>
        </StaffFrame>
    }
}

/// The change's table, and while it waits the ticks and the decision buttons.
#[component]
fn ChangeForm(review: Review, chosen: Vec<ReviewField>, typed_reason: String, pending: bool) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let tick = move |field: &ReviewField| {
        pending.then(|| {
            let id = format!("choose-{field}");
            view! { <td><input type="checkbox" id=id name="field" value=field.to_string() checked=chosen.contains(field) /></td> }
        })
    };
    let label_for = move |field: &ReviewField| pending.then(|| format!("choose-{field}"));
    view! {
        <form method="post" action=routes::curation::revision(lang(), review.revision_id) class="form">
            <p class="staff__legend">{t!(i18n, curation.diff_legend)}</p>
            <table class="staff__diff">
                <caption>{if pending { t_string!(i18n, curation.diff_caption) } else { t_string!(i18n, curation.proposed_caption) }}</caption>
                <thead>
                    <tr>
                        {pending.then(|| view! { <th scope="col">{t!(i18n, curation.choose)}</th> })}
                        <th scope="col">{t!(i18n, curation.field)}</th>
                        <th scope="col">{t!(i18n, curation.before)}</th>
                        <th scope="col">{t!(i18n, curation.after)}</th>
                    </tr>
                </thead>
                <tbody>
                    {review.changes.into_iter().map(|change| {
                        let (name, field) = (change.field, ReviewField::Profile(change.field));
                        view! {
                            <tr>
                                {tick(&field)}
                                <th scope="row"><label for=label_for(&field)>{move || form_field_label(i18n.get_locale(), name)}</label></th>
                                <ChangeCells change />
                            </tr>
                        }
                    }).collect_view()}
                    {review.logo.map(|logo| view! {
                        <tr>
                            {tick(&ReviewField::LOGO)}
                            <th scope="row"><label for=label_for(&ReviewField::LOGO)>{move || field_name(i18n.get_locale(), FormField::Logo)}</label></th>
                            <LogoCells logo />
                        </tr>
                    })}
                </tbody>
                {review.solutions.into_iter().map(|solution| {
                    let heading = solution_heading(&solution);
                    view! {
                        <tbody class="staff__solution">
                            <tr>
                                {tick(&solution.field)}
                                <th scope="rowgroup" colspan="3"><label for=label_for(&solution.field)>{move || heading(i18n.get_locale())}</label></th>
                            </tr>
                            {solution.changes.into_iter().map(|change| {
                                let field = change.field;
                                view! {
                                    <tr>
                                        {pending.then(|| view! { <td></td> })}
                                        <th scope="row">{move || solution_field_label(i18n.get_locale(), field)}</th>
                                        <ChangeCells change />
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    }
                }).collect_view()}
            </table>
            {pending.then(|| view! {
                <div class="staff__decision">
                    <button class="button button--primary" type="submit" name="decision" value="approve">{t!(i18n, curation.approve_all)}</button>
                    <button class="button" type="submit" name="decision" value="approve_fields">{t!(i18n, curation.approve_chosen)}</button>
                </div>
                <div class="field">
                    <label for="reason">{t!(i18n, curation.reason)}</label>
                    <textarea id="reason" name="reason" rows="3" maxlength=REJECTION_REASON_MAX.to_string() inner_html=textarea_html(&typed_reason)></textarea>
                </div>
                <button class="button" type="submit" name="decision" value="reject">{t!(i18n, curation.reject)}</button>
            })}
        </form>
    }
}

/// A field as it is and as proposed: deleted words or removed items struck through in the first,
/// inserted words or added items underlined in the second.
#[component]
fn ChangeCells(change: FieldChange) -> impl IntoView {
    view! {
        <td class="staff__before">{marked(change.before, change.list, false)}</td>
        <td class="staff__after">{marked(change.after, change.list, true)}</td>
    }
}

fn marked(pieces: Vec<Piece>, list: bool, proposed: bool) -> AnyView {
    let piece = move |piece: Piece| match (piece.changed, proposed) {
        (false, _) => piece.text.into_any(),
        (true, false) => view! { <del>{piece.text}</del> }.into_any(),
        (true, true) => view! { <ins>{piece.text}</ins> }.into_any(),
    };
    match list {
        true if pieces.is_empty() => ().into_any(),
        true => view! { <ul class="staff__items">{pieces.into_iter().map(|item| view! { <li>{piece(item)}</li> }).collect_view()}</ul> }
            .into_any(),
        false => pieces.into_iter().map(piece).collect_view().into_any(),
    }
}

#[component]
fn LogoCells(logo: LogoChange) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <td class="staff__before">
            {match logo.before {
                Some(src) => view! { <img src=src alt=move || t_string!(i18n, curation.logo_now) width="96" height="96" /> }.into_any(),
                None => view! { <span>{t!(i18n, curation.no_logo)}</span> }.into_any(),
            }}
        </td>
        <td class="staff__after">
            <img src=logo.after alt=move || t_string!(i18n, curation.logo_proposed) width="96" height="96" />
        </td>
    }
}

/// "Solution: Name (new solution)".
fn solution_heading(solution: &SolutionChange) -> impl Fn(Locale) -> String + use<> {
    let (name, state) = (solution.name.clone(), solution.state);
    move |locale| {
        let state = match state {
            SolutionState::Added => td_string!(locale, curation.review_solution_added),
            SolutionState::Removed => td_string!(locale, curation.review_solution_removed),
            _ => td_string!(locale, curation.review_solution_changed),
        };
        format!("{}: {name} ({state})", td_string!(locale, curation.solution))
    }
}

/// A solution's field as its editor names it.
fn solution_field_label(locale: Locale, name: FieldName) -> String {
    match name.field {
        FormField::Kind => td_string!(locale, solutions.kind).to_owned(),
        FormField::Url => td_string!(locale, solutions.website).to_owned(),
        FormField::Deployment => td_string!(locale, solutions.deployment).to_owned(),
        _ => form_field_label(locale, name),
    }
}

/// What staff decided: approved in full or in part (naming the parts), rejected with the reason
/// the organization read, or replaced before a decision; by whom and when.
#[component]
fn DecisionMade(review: Review, decision: ReviewDecision) -> impl IntoView {
    let i18n = use_i18n();
    let status = review.status;
    let parts: Vec<String> = decision
        .approved_fields
        .iter()
        .map(|field| match field {
            ReviewField::Profile(name) => form_field_label(i18n.get_locale_untracked(), *name),
            ReviewField::Solution(_) => match review.solutions.iter().find(|solution| &solution.field == field) {
                Some(solution) => solution_heading(solution)(i18n.get_locale_untracked()),
                None => td_string!(i18n.get_locale_untracked(), curation.solution).to_owned(),
            },
        })
        .collect();
    view! {
        <section class="notice staff__decided" aria-labelledby="decision-heading">
            <h2 id="decision-heading">
                {move || match status {
                    RevisionStatus::Published => t_string!(i18n, curation.decision_published),
                    RevisionStatus::Rejected => t_string!(i18n, curation.decision_rejected),
                    _ => t_string!(i18n, curation.decision_superseded),
                }}
            </h2>
            {decision.decided_at.map(|at| view! {
                <p>{decision.decided_by.clone().unwrap_or_default()} " · " {when(at)}</p>
            })}
            {(status == RevisionStatus::Published).then(|| match parts.is_empty() {
                true => view! { <p>{t!(i18n, curation.approved_everything)}</p> }.into_any(),
                false => view! {
                    <p>{t!(i18n, curation.approved_only)}</p>
                    <ul>{parts.into_iter().map(|part| view! { <li>{part}</li> }).collect_view()}</ul>
                }.into_any(),
            })}
            {decision.reason.map(|reason| view! { <blockquote>{reason}</blockquote> })}
        </section>
    }
}

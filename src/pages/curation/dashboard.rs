//! Staff's dashboard: the review queue, claims waiting, and what needs attention across the directory.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::curation::{WithForm, get_staff_dashboard},
    domain::{
        curation::{CLAIM_FIELD, CLAIM_REASON_MAX, ClaimItem},
        validation::FieldError,
    },
    i18n::*,
    labels::machine_time,
    routes,
};

use super::{FormErrors, StaffFrame, failed, lang_now, when};

/// The staff dashboard: counts, the queue of changes, and claims to decide.
#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let dashboard = Resource::new(lang, get_staff_dashboard);
    let query = use_query_map();
    let title = Signal::derive(move || t_string!(i18n, curation.queue_title).to_string());
    view! {
        <StaffFrame title=title>
            <Show when=move || query.read().get("claim").is_some()>
                <p role="status" class="notice">{t!(i18n, curation.claim_decided)}</p>
            </Show>
            <Suspense>
                {move || dashboard.get().map(|dashboard| match dashboard {
                    Err(error) => failed(error),
                    Ok(WithForm { data: dashboard, typed, errors }) => {
                        let new_listings = dashboard.queue.iter().filter(|item| item.new_listing).count();
                        let edits = dashboard.queue.len() - new_listings;
                        let counts = [
                            (t_string!(i18n, curation.count_new_listings), new_listings as u64),
                            (t_string!(i18n, curation.count_edits), edits as u64),
                            (t_string!(i18n, curation.count_claims), dashboard.claims.len() as u64),
                            (t_string!(i18n, curation.count_stale), dashboard.stale),
                            (t_string!(i18n, curation.count_new_this_week), dashboard.new_this_week),
                        ];
                        view! {
                            <dl class="staff__counts">
                                {counts.into_iter().map(|(label, count)| view! {
                                    <div class="staff__count"><dt>{label}</dt><dd>{count}</dd></div>
                                }).collect_view()}
                            </dl>
                            <p><a href=routes::curation::import(lang())>{t!(i18n, curation.import.dashboard_link)}</a></p>
                            <h2>{t!(i18n, curation.changes_heading)}</h2>
                            {if dashboard.queue.is_empty() {
                                view! { <p>{t!(i18n, curation.queue_empty)}</p> }.into_any()
                            } else {
                                view! {
                                    <ol class="staff__queue">
                                        {dashboard.queue.into_iter().map(|item| view! {
                                            <li class="staff__item">
                                                <a href=routes::curation::revision(lang(), item.revision_id)>{item.name}</a>
                                                " "
                                                <span class="badge">
                                                    {if item.new_listing { t_string!(i18n, curation.kind_new_listing) } else { t_string!(i18n, curation.kind_edit) }}
                                                </span>
                                                <span class="staff__meta">
                                                    {item.author.unwrap_or_default()} " · " <time datetime=machine_time(item.created_at)>{when(item.created_at)}</time>
                                                </span>
                                            </li>
                                        }).collect_view()}
                                    </ol>
                                }.into_any()
                            }}
                            <ClaimsToDecide claims=dashboard.claims typed errors />
                        }.into_any()
                    }
                })}
            </Suspense>
        </StaffFrame>
    }
}

/// The ownership claims waiting, each with its decision form. A refused decision comes back to its
/// claim with the reason typed and what was wrong; one whose claim is gone (decided meanwhile) says so
/// above the list.
#[component]
fn ClaimsToDecide(claims: Vec<ClaimItem>, typed: Vec<(String, String)>, errors: Vec<FieldError>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let value = |name: &str| typed.iter().find(|(field, _)| field == name).map(|(_, value)| value.clone());
    let refused_claim = value(CLAIM_FIELD).and_then(|id| id.parse::<i64>().ok());
    let typed_reason = value("reason").unwrap_or_default();
    let listed = refused_claim.is_some_and(|id| claims.iter().any(|claim| claim.claim_id == id));
    let reason_error = errors.iter().any(|error| error.field == "reason");
    let (here, above) = if listed { (errors, Vec::new()) } else { (Vec::new(), errors) };
    let mut here = Some(here);
    view! {
        <h2>{t!(i18n, curation.claims_heading)}</h2>
        <FormErrors errors=above />
        {if claims.is_empty() {
            view! { <p>{t!(i18n, curation.claims_empty)}</p> }.into_any()
        } else {
            view! {
                <ol class="staff__queue">
                    {claims.into_iter().map(|claim| {
                        let reason_id = format!("claim-reason-{}", claim.claim_id);
                        let refused = (refused_claim == Some(claim.claim_id)).then(|| here.take().unwrap_or_default());
                        let invalid = refused.is_some() && reason_error;
                        let reason = if refused.is_some() { typed_reason.clone() } else { String::new() };
                        view! {
                            <li class="staff__item" id=format!("claim-{}", claim.claim_id)>
                                <a href=routes::profile(lang(), &claim.slug)>{claim.name}</a>
                                " "
                                <span class="staff__meta">
                                    {claim.claimant} " · " {claim.website.unwrap_or_default()} " · "
                                    <time datetime=machine_time(claim.created_at)>{when(claim.created_at)}</time>
                                </span>
                                {refused.map(|errors| view! { <FormErrors errors /> })}
                                <form method="post" action=routes::curation::claim(lang(), claim.claim_id) class="form staff__decision">
                                    <label for=reason_id.clone()>{t!(i18n, curation.reason)}</label>
                                    <input
                                        id=reason_id
                                        type="text"
                                        name="reason"
                                        value=reason
                                        maxlength=CLAIM_REASON_MAX.to_string()
                                        aria-invalid=invalid.then_some("true")
                                        aria-describedby=invalid.then_some("error-reason")
                                    />
                                    <button class="button button--primary" type="submit" name="decision" value="approve">{t!(i18n, curation.approve_claim)}</button>
                                    <button class="button" type="submit" name="decision" value="reject">{t!(i18n, curation.reject)}</button>
                                </form>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
    }
}

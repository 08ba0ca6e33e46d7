//! Staff's dashboard: the review queue, claims waiting, and what needs attention across the directory.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::routes;
use crate::{api::curation::get_staff_dashboard, domain::curation::CLAIM_REASON_MAX, i18n::*, labels::machine_time};

use super::{StaffFrame, failed, lang_now, when};

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
                    Ok(dashboard) => {
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
                            <h2>{t!(i18n, curation.claims_heading)}</h2>
                            {if dashboard.claims.is_empty() {
                                view! { <p>{t!(i18n, curation.claims_empty)}</p> }.into_any()
                            } else {
                                view! {
                                    <ol class="staff__queue">
                                        {dashboard.claims.into_iter().map(|claim| {
                                            let reason_id = format!("claim-reason-{}", claim.claim_id);
                                            view! {
                                                <li class="staff__item" id=format!("claim-{}", claim.claim_id)>
                                                    <a href=routes::profile(lang(), &claim.slug)>{claim.name}</a>
                                                    <span class="staff__meta">
                                                        {claim.claimant} " · " {claim.website.unwrap_or_default()} " · "
                                                        <time datetime=machine_time(claim.created_at)>{when(claim.created_at)}</time>
                                                    </span>
                                                    <form method="post" action=routes::curation::claim(lang(), claim.claim_id) class="form staff__decision">
                                                        <label for=reason_id.clone()>{t!(i18n, curation.reason)}</label>
                                                        <input id=reason_id type="text" name="reason" maxlength=CLAIM_REASON_MAX.to_string() />
                                                        <button class="button button--primary" type="submit" name="decision" value="approve">{t!(i18n, curation.approve_claim)}</button>
                                                        <button class="button" type="submit" name="decision" value="reject">{t!(i18n, curation.reject)}</button>
                                                    </form>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ol>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                })}
            </Suspense>
        </StaffFrame>
    }
}

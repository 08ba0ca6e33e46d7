//! The data-quality report: published listings not updated for a year, missing a language, or
//! without a logo, each linking to where staff act on it.
use leptos::prelude::*;

use super::{StaffFrame, failed, lang_now};
use crate::{
    api::curation::get_quality_report,
    domain::curation::{QUALITY_LIST_LIMIT, QualityList},
    i18n::*,
    routes,
};

#[component]
pub fn QualityPage() -> impl IntoView {
    let i18n = use_i18n();
    let report = Resource::new(|| (), |()| get_quality_report());
    let title = Signal::derive(move || t_string!(i18n, curation.quality_title).to_string());
    view! {
        <StaffFrame title=title>
            <p class="page__lead">{t!(i18n, curation.quality_lead)}</p>
            <Suspense>
                {move || report.get().map(|report| match report {
                    Err(error) => failed(error),
                    Ok(report) => {
                        let locale = i18n.get_locale();
                        view! {
                            <QualitySection id="stale" heading=td_string!(locale, curation.quality_stale).to_string() list=report.stale />
                            <QualitySection id="untranslated" heading=td_string!(locale, curation.quality_untranslated).to_string() list=report.untranslated />
                            <QualitySection id="without-logo" heading=td_string!(locale, curation.quality_without_logo).to_string() list=report.without_logo />
                        }
                        .into_any()
                    }
                })}
            </Suspense>
        </StaffFrame>
    }
}

#[component]
fn QualitySection(id: &'static str, heading: String, list: QualityList) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    let QualityList { total, items } = list;
    view! {
        <section class="staff__vocabulary" id=id aria-labelledby=labelled_by>
            <h2 id=heading_id>{heading} " (" {total} ")"</h2>
            {(total > QUALITY_LIST_LIMIT).then(|| view! { <p class="field__hint">{t!(i18n, curation.quality_first, count = QUALITY_LIST_LIMIT)}</p> })}
            {if items.is_empty() {
                view! { <p>{t!(i18n, curation.quality_none)}</p> }.into_any()
            } else {
                view! {
                    <table class="staff__table">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, curation.organizations)}</th>
                                <th scope="col">{t!(i18n, curation.quality_updated)}</th>
                                <th scope="col">{t!(i18n, curation.quality_missing)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {items.into_iter().map(|item| view! {
                                <tr>
                                    <td><a href=routes::curation::listing(lang(), &item.slug)>{item.name}</a> " " <code>{item.slug}</code></td>
                                    <td><time datetime=item.updated_at.date().to_string()>{item.updated_at.date().to_string()}</time></td>
                                    <td>{item.missing.iter().map(|lang| lang.as_str().to_uppercase()).collect::<Vec<_>>().join(", ")}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

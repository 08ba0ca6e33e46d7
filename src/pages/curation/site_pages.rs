//! Staff keep the site's own pages: each page's title and Markdown text in each language, one form
//! per text (a plain post to `server::curation::site_pages`).
use leptos::prelude::*;

use super::{FormErrors, StaffField, Typed, forms_page, lang_now};
use crate::{
    api::site_pages::get_site_page_texts,
    domain::site_page::{SitePageKind, SitePageText},
    i18n::*,
    labels::{format_date, site_page_name},
    routes,
};

#[component]
pub fn SitePagesPage() -> impl IntoView {
    let i18n = use_i18n();
    let texts = Resource::new(|| (), |_| get_site_page_texts());
    let title = Signal::derive(move || t_string!(i18n, curation.pages_title).to_string());
    forms_page(title, texts, |texts, typed| {
        view! {
            <p class="staff__meta">{t!(use_i18n(), curation.pages_lead)}</p>
            {SitePageKind::ALL
                .iter()
                .map(|&kind| {
                    let texts: Vec<SitePageText> = texts.iter().filter(|text| text.kind == kind).cloned().collect();
                    view! { <PageTexts kind texts typed=typed.clone() /> }
                })
                .collect_view()}
        }
        .into_any()
    })
}

/// One page: its texts in each language, each in a panel that opens on its refused form.
#[component]
fn PageTexts(kind: SitePageKind, texts: Vec<SitePageText>, typed: Typed) -> impl IntoView {
    let i18n = use_i18n();
    let lang = lang_now();
    let heading = format!("site-page-{kind}-heading");
    view! {
        <section class="staff__vocabulary" aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{move || site_page_name(i18n.get_locale(), kind)}</h2>
            <p><a href=move || routes::section(lang(), kind.as_str())>{t!(i18n, curation.page_view)}</a></p>
            {texts.into_iter().map(|text| {
                let form = format!("site-page-{kind}-{}", text.lang);
                let refused = typed.of(&form);
                let open = refused.is_some();
                let locale = i18n.get_locale();
                let status = match &text.saved {
                    Some(saved) => td_display!(locale, curation.page_saved, who = saved.by.clone(), date = format_date(locale, saved.at.date())).to_string(),
                    None => td_string!(locale, curation.page_shipped).to_string(),
                };
                view! {
                    <details id=form.clone() class="staff__page-text" open=open>
                        <summary><span lang=text.lang.as_str()>{text.lang.native_name()}</span> " · " <span class="staff__meta">{status}</span></summary>
                        {refused.as_ref().map(|typed| view! { <FormErrors errors=typed.errors.clone() /> })}
                        <form method="post" action=move || routes::curation::site_pages(lang()) class="form">
                            <input type="hidden" name="form" value=form.clone() />
                            <input type="hidden" name="page" value=kind.as_str() />
                            <input type="hidden" name="text_lang" value=text.lang.as_str() />
                            <StaffField form=form.clone() name="title".to_owned() label=td_string!(locale, curation.page_heading_field).to_owned() typed=refused.clone() saved=Some(text.draft.title) required=true />
                            <StaffField form=form.clone() name="markdown".to_owned() label=td_string!(locale, curation.page_markdown).to_owned() typed=refused saved=Some(text.draft.markdown) multiline=true />
                            <button class="button button--primary" type="submit">{t!(i18n, curation.save)}</button>
                        </form>
                    </details>
                }
            }).collect_view()}
        </section>
    }
}

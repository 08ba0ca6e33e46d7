//! Text shown in the language it is written in. When that is not the page's language (a listing with
//! no text in it yet), the text carries its own `lang`, so screen readers and hyphenation follow it,
//! and a small mark says which language it is in.
use leptos::prelude::*;

use crate::{
    domain::{
        directory::HighlightedText,
        lang::{Lang, Localized},
    },
    i18n::*,
};

/// Text in its own language; `mark` adds the visible language mark when it is not the page's.
#[component]
pub fn InLanguage(text: Localized<String>, #[prop(optional)] mark: bool) -> impl IntoView {
    let i18n = use_i18n();
    let foreign = (Lang::from(i18n.get_locale_untracked()) != text.lang).then_some(text.lang);
    view! {
        <span lang=foreign.map(Lang::as_str)>{text.value}</span>
        {foreign.filter(|_| mark).map(|lang| view! { " " <LanguageMark lang /> })}
    }
}

/// Text with the words a search matched marked; tagged with its language when it is not the page's.
#[component]
pub fn Highlighted(text: HighlightedText, #[prop(optional)] mark: bool) -> impl IntoView {
    let i18n = use_i18n();
    let lang = text.lang;
    let foreign = (Lang::from(i18n.get_locale_untracked()) != lang).then_some(lang);
    let fragments = text
        .fragments
        .into_iter()
        .map(|fragment| {
            if fragment.matched { view! { <mark>{fragment.text}</mark> }.into_any() } else { fragment.text.into_any() }
        })
        .collect_view();
    view! {
        <span lang=foreign.map(Lang::as_str)>{fragments}</span>
        {foreign.filter(|_| mark).map(|lang| view! { " " <LanguageMark lang /> })}
    }
}

/// "in Azerbaijani", in the page's language: beside a text shown in `lang` for want of one in the
/// page's own.
#[component]
pub fn LanguageMark(lang: Lang) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let name = match lang {
        Lang::Az => td_string!(locale, language.shown_in_az),
        Lang::En => td_string!(locale, language.shown_in_en),
        Lang::Ru => td_string!(locale, language.shown_in_ru),
    };
    view! { <span class="lang-mark">{name}</span> }
}

//! The three languages of the product, and text that exists in some of them.
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

text_enum! {
    /// A language the interface and the listings are written in. Azerbaijani is the default.
    #[derive(Default)]
    pub enum Lang {
        #[default]
        Az = "az",
        En = "en",
        Ru = "ru",
    }
}

impl Lang {
    /// The order in which a reader of this language is shown text that was not written in it.
    ///
    /// English comes before Russian for Azerbaijani readers (the forum's working languages),
    /// and before Azerbaijani for Russian readers (more of them read English than Azerbaijani).
    pub fn fallback_order(self) -> [Lang; 3] {
        match self {
            Lang::Az => [Lang::Az, Lang::En, Lang::Ru],
            Lang::En => [Lang::En, Lang::Az, Lang::Ru],
            Lang::Ru => [Lang::Ru, Lang::En, Lang::Az],
        }
    }

    /// The language's name in itself, as a language switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Az => "Azərbaycanca",
            Lang::En => "English",
            Lang::Ru => "Русский",
        }
    }

    /// The language a `lang=` query parameter asks for, `default` without one; an unknown value is
    /// refused with a message naming it, as every open-data address (API, CSV, feed) answers it.
    pub fn from_parameter(value: Option<&str>, default: Lang) -> Result<Lang, String> {
        match value {
            None => Ok(default),
            Some(value) => value.parse().map_err(|_| format!("Unknown language `{value}`: use az, en or ru.")),
        }
    }

    /// The best of our languages for an HTTP `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for entry in header.split(',') {
            let mut parts = entry.trim().split(';');
            let tag = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let quality = parts
                .find_map(|parameter| parameter.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or_default();
            if let Ok(lang) = primary.parse::<Lang>()
                && quality > 0.0
                && best.is_none_or(|(best_quality, _)| quality > best_quality)
            {
                best = Some((quality, lang));
            }
        }
        best.map(|(_, lang)| lang)
    }
}

/// The language a site path is in: its first segment, as in `/en/organizations`.
pub fn lang_of_path(path: &str) -> Option<Lang> {
    path.trim_start_matches('/').split('/').next().and_then(|segment| segment.parse().ok())
}

/// The same page for a reader of any language (`hreflang="x-default"`): its path without the language,
/// which the server sends on to the visitor's language. A language's home is `/`.
pub fn path_in_no_lang(path: &str) -> String {
    match lang_of_path(path) {
        Some(_) => {
            let rest = path.trim_start_matches('/').split_once('/').map_or("", |(_, rest)| rest.trim_end_matches('/'));
            format!("/{rest}")
        }
        None => path.to_owned(),
    }
}

/// The same page in another language: the first segment swapped, the rest (and the query) kept.
/// A language's home page is `/{lang}`; a path in no language leads to the other language's home.
pub fn path_in_lang(path_and_query: &str, lang: Lang) -> String {
    let (path, query) = path_and_query.split_once('?').map_or((path_and_query, None), |(p, q)| (p, Some(q)));
    if lang_of_path(path).is_none() {
        return format!("/{lang}");
    }
    let rest = path.trim_start_matches('/').split_once('/').map_or("", |(_, rest)| rest.trim_end_matches('/'));
    let path = if rest.is_empty() { format!("/{lang}") } else { format!("/{lang}/{rest}") };
    match query.filter(|query| !query.is_empty()) {
        Some(query) => format!("{path}?{query}"),
        None => path,
    }
}

/// A value together with the language it is written in, so a page can mark fallback text with `lang`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized<T> {
    pub lang: Lang,
    pub value: T,
}

impl<T> Localized<T> {
    /// The same language, another value (a rendering of this one, say).
    pub fn map<U>(self, change: impl FnOnce(T) -> U) -> Localized<U> {
        Localized { lang: self.lang, value: change(self.value) }
    }
}

/// One value per language, for the languages it has been written in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Translations<T>(BTreeMap<Lang, T>);

impl<T> Default for Translations<T> {
    fn default() -> Self {
        Translations(BTreeMap::new())
    }
}

impl<T> Translations<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with(mut self, lang: Lang, value: T) -> Self {
        self.insert(lang, value);
        self
    }

    pub fn insert(&mut self, lang: Lang, value: T) {
        self.0.insert(lang, value);
    }

    pub fn get(&self, lang: Lang) -> Option<&T> {
        self.0.get(&lang)
    }

    /// The text a reader of `lang` should see: their language, else the first in its fallback order.
    pub fn pick(&self, lang: Lang) -> Option<Localized<&T>> {
        lang.fallback_order()
            .into_iter()
            .find_map(|candidate| self.0.get(&candidate).map(|value| Localized { lang: candidate, value }))
    }

    pub fn iter(&self) -> impl Iterator<Item = (Lang, &T)> {
        self.0.iter().map(|(lang, value)| (*lang, value))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T> FromIterator<(Lang, T)> for Translations<T> {
    fn from_iter<I: IntoIterator<Item = (Lang, T)>>(iter: I) -> Self {
        Translations(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_highest_quality_known_language() {
        assert_eq!(Lang::from_accept_language("ru-RU,ru;q=0.9,en;q=0.8"), Some(Lang::Ru));
        assert_eq!(Lang::from_accept_language("de-DE, en;q=0.5, az;q=0.7"), Some(Lang::Az));
        assert_eq!(Lang::from_accept_language("fr, de"), None);
        assert_eq!(Lang::from_accept_language("en;q=0, ru;q=0.1"), Some(Lang::Ru));
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn paths_switch_language_and_keep_the_rest() {
        assert_eq!(lang_of_path("/en/organizations"), Some(Lang::En));
        assert_eq!(lang_of_path("/"), None);
        assert_eq!(lang_of_path("/pkg/qala.js"), None);
        assert_eq!(
            path_in_lang("/az/organizations?q=kiber&kind=cert", Lang::Ru),
            "/ru/organizations?q=kiber&kind=cert"
        );
        assert_eq!(path_in_lang("/en/", Lang::Az), "/az");
        assert_eq!(path_in_lang("/en", Lang::Az), "/az");
        assert_eq!(path_in_lang("/en?q=x", Lang::Ru), "/ru?q=x");
        assert_eq!(path_in_lang("/nowhere/at/all", Lang::En), "/en");
    }

    #[test]
    fn missing_translation_falls_back_in_the_defined_order() {
        let names = Translations::new().with(Lang::Az, "Şirkət").with(Lang::Ru, "Компания");
        assert_eq!(names.pick(Lang::En).map(|text| text.lang), Some(Lang::Az));
        assert_eq!(names.pick(Lang::Ru).map(|text| *text.value), Some("Компания"));
        let english_only = Translations::new().with(Lang::En, "Company");
        assert_eq!(english_only.pick(Lang::Ru).map(|text| text.lang), Some(Lang::En));
        assert!(Translations::<&str>::new().pick(Lang::Az).is_none());
    }
}

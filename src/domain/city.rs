//! The cities Qala knows by name in its three languages.
//!
//! A listing's city is the text its organization typed ("Bakı", "Baku", "Баку"). The vocabulary
//! recognises the spellings of one city as one place: pages name it in the reader's language, the
//! city facet counts it once, and a search in any of its names finds it. A city the vocabulary does
//! not know is shown and filtered as typed.
use std::{borrow::Cow, collections::HashMap, sync::LazyLock};

use super::{country::Country, lang::Lang};

/// One city, with its name in each language and other spellings people type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownCity {
    /// The word the city facet puts in URLs (`city=baku`); never changed once published.
    pub key: &'static str,
    pub country: Country,
    /// Azerbaijani, English and Russian.
    names: [&'static str; 3],
    /// Spellings that are none of the three names (transliterations, older forms).
    also: &'static [&'static str],
}

const fn city(
    key: &'static str,
    country: Country,
    names: [&'static str; 3],
    also: &'static [&'static str],
) -> KnownCity {
    KnownCity { key, country, names, also }
}

/// The cities of the countries Qala lists. Add a city here, never rename a key.
pub const KNOWN_CITIES: &[KnownCity] = &[
    city("baku", Country::Azerbaijan, ["Bakı", "Baku", "Баку"], &["Baki"]),
    city("ganja", Country::Azerbaijan, ["Gəncə", "Ganja", "Гянджа"], &["Gence", "Gandja", "Gyandzha"]),
    city("sumgait", Country::Azerbaijan, ["Sumqayıt", "Sumgait", "Сумгаит"], &["Sumqayit", "Sumgayit"]),
    city("nakhchivan", Country::Azerbaijan, ["Naxçıvan", "Nakhchivan", "Нахчыван"], &["Naxcivan", "Нахичевань"]),
    city("shaki", Country::Azerbaijan, ["Şəki", "Shaki", "Шеки"], &["Seki", "Sheki"]),
    city("mingachevir", Country::Azerbaijan, ["Mingəçevir", "Mingachevir", "Мингечевир"], &["Mingecevir"]),
    city("lankaran", Country::Azerbaijan, ["Lənkəran", "Lankaran", "Ленкорань"], &["Lenkeran"]),
    city("shirvan", Country::Azerbaijan, ["Şirvan", "Shirvan", "Ширван"], &["Sirvan"]),
    city("khankendi", Country::Azerbaijan, ["Xankəndi", "Khankendi", "Ханкенди"], &["Xankendi"]),
    city("shusha", Country::Azerbaijan, ["Şuşa", "Shusha", "Шуша"], &["Susa"]),
    city("astana", Country::Kazakhstan, ["Astana", "Astana", "Астана"], &[]),
    city("almaty", Country::Kazakhstan, ["Almatı", "Almaty", "Алматы"], &["Alma-Ata", "Алма-Ата"]),
    city("shymkent", Country::Kazakhstan, ["Şımkənt", "Shymkent", "Шымкент"], &["Chimkent"]),
    city("karaganda", Country::Kazakhstan, ["Qarağanda", "Karaganda", "Караганда"], &["Qaraghandy"]),
    city("bishkek", Country::Kyrgyzstan, ["Bişkek", "Bishkek", "Бишкек"], &["Biskek"]),
    city("osh", Country::Kyrgyzstan, ["Oş", "Osh", "Ош"], &[]),
    city("ankara", Country::Turkiye, ["Ankara", "Ankara", "Анкара"], &[]),
    city("istanbul", Country::Turkiye, ["İstanbul", "Istanbul", "Стамбул"], &[]),
    city("izmir", Country::Turkiye, ["İzmir", "Izmir", "Измир"], &[]),
    city("bursa", Country::Turkiye, ["Bursa", "Bursa", "Бурса"], &[]),
    city("tashkent", Country::Uzbekistan, ["Daşkənd", "Tashkent", "Ташкент"], &["Toshkent", "Daskend"]),
    city("samarkand", Country::Uzbekistan, ["Səmərqənd", "Samarkand", "Самарканд"], &["Samarqand", "Semerqend"]),
    city("bukhara", Country::Uzbekistan, ["Buxara", "Bukhara", "Бухара"], &["Buxoro"]),
    city("budapest", Country::Hungary, ["Budapeşt", "Budapest", "Будапешт"], &[]),
    city("ashgabat", Country::Turkmenistan, ["Aşqabad", "Ashgabat", "Ашхабад"], &["Aşgabat", "Asgabat", "Aşqabat"]),
];

/// Every spelling of every known city, and its key, as [`comparable`] writes them.
static SPELLINGS: LazyLock<HashMap<String, &'static KnownCity>> = LazyLock::new(|| {
    KNOWN_CITIES
        .iter()
        .flat_map(|city| std::iter::once(city.key).chain(city.search_names()).map(move |name| (comparable(name), city)))
        .collect()
});

impl KnownCity {
    /// The city of a typed name in any language or spelling the vocabulary lists, or of its key
    /// (the city facet's value). One lookup: the index asks this of every listing it loads.
    pub fn find(typed: &str) -> Option<&'static KnownCity> {
        SPELLINGS.get(&comparable(typed)).copied()
    }

    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Az => self.names[0],
            Lang::En => self.names[1],
            Lang::Ru => self.names[2],
        }
    }

    /// Every name and spelling, for the search index: a search in any of them finds the city.
    pub fn search_names(&self) -> impl Iterator<Item = &'static str> + use<> {
        self.names.into_iter().chain(self.also.iter().copied())
    }
}

/// A typed city as a reader of `lang` calls it: the vocabulary's name, else the text as typed.
pub fn city_name(typed: &str, lang: Lang) -> Cow<'_, str> {
    match KnownCity::find(typed) {
        Some(city) => Cow::Borrowed(city.name(lang)),
        None => Cow::Borrowed(typed.trim()),
    }
}

/// The value the city facet counts and filters by: one per place, whatever its spelling.
pub fn city_value(typed: &str) -> String {
    match KnownCity::find(typed) {
        Some(city) => city.key.to_owned(),
        None => typed.trim().to_owned(),
    }
}

/// Case and spacing left out, so "  BAKU" and "Baku" are one spelling. Turkish İ lowercases to
/// i and a combining dot, which is left out too.
fn comparable(text: &str) -> String {
    text.trim().to_lowercase().replace('\u{307}', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_city_is_the_same_place() {
        for typed in ["Bakı", "Baku", "Баку", "  baku ", "BAKI", "baku"] {
            assert_eq!(KnownCity::find(typed).map(|city| city.key), Some("baku"), "{typed}");
        }
        assert_eq!(KnownCity::find("İstanbul"), KnownCity::find("istanbul"));
        assert_eq!(city_value("Gəncə"), city_value("Ganja"));
        assert_eq!(city_value("Гянджа"), "ganja");
    }

    #[test]
    fn a_city_reads_in_the_page_language_and_an_unknown_one_as_typed() {
        assert_eq!(city_name("Baku", Lang::Az), "Bakı");
        assert_eq!(city_name("Bakı", Lang::Ru), "Баку");
        assert_eq!(city_name("Almaty", Lang::Az), "Almatı");
        assert_eq!(city_name(" Qəbələ ", Lang::En), "Qəbələ");
        assert_eq!(city_value(" Qəbələ "), "Qəbələ");
        assert_eq!(KnownCity::find("baku").map(|city| city.name(Lang::En)), Some("Baku"));
        assert_eq!(KnownCity::find("Bakı").map(|city| city.key), Some("baku"), "addresses made before");
    }

    #[test]
    fn keys_are_unique_and_no_spelling_names_two_cities() {
        let mut seen = std::collections::HashMap::new();
        for city in KNOWN_CITIES {
            for spelling in std::iter::once(city.key).chain(city.search_names()) {
                let previous = seen.insert(comparable(spelling), city.key);
                assert!(previous.is_none_or(|key| key == city.key), "{spelling} names two cities");
            }
        }
    }
}

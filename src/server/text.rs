//! Folding text to the plain lowercase ASCII that slugs and search compare.
//!
//! The region writes the same words in Azerbaijani and Turkish Latin and in Cyrillic, so folding
//! maps `Şirkət`, `şirket` and `ширкәт` close together: Turkic dotted and dotless i both become `i`,
//! letters with marks lose them, and Cyrillic is transliterated with Azerbaijani Latin values
//! (`ш` → `s` like `ş`, `ч` → `c` like `ç`, `х` → `x`, `ж` → `j`) so that `кибер` meets `kiber`.
//! The same function runs when text is indexed and when a query is read, so both sides agree.

/// Folds one character; `None` means "use the general transliteration".
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        // Turkic Latin
        'ə' | 'Ə' | 'ä' | 'Ä' => "e",
        'ı' | 'İ' => "i",
        'ş' | 'Ş' => "s",
        'ç' | 'Ç' => "c",
        'ğ' | 'Ğ' => "g",
        'ö' | 'Ö' => "o",
        'ü' | 'Ü' => "u",
        'ñ' | 'Ñ' | 'ň' | 'Ň' => "n",
        'ý' | 'Ý' => "y",
        'ž' | 'Ž' => "j",
        // Cyrillic (Russian, Azerbaijani, Kazakh, Kyrgyz, Uzbek letters)
        'а' | 'А' => "a",
        'б' | 'Б' => "b",
        'в' | 'В' => "v",
        'г' | 'Г' | 'ғ' | 'Ғ' | 'ҝ' | 'Ҝ' => "g",
        'д' | 'Д' => "d",
        'е' | 'Е' | 'э' | 'Э' | 'ә' | 'Ә' => "e",
        'ё' | 'Ё' => "yo",
        'ж' | 'Ж' | 'ј' | 'Ј' => "j",
        'з' | 'З' => "z",
        'и' | 'И' | 'ы' | 'Ы' | 'і' | 'І' => "i",
        'й' | 'Й' => "y",
        'к' | 'К' => "k",
        'қ' | 'Қ' => "q",
        'л' | 'Л' => "l",
        'м' | 'М' => "m",
        'н' | 'Н' | 'ң' | 'Ң' => "n",
        'о' | 'О' | 'ө' | 'Ө' => "o",
        'п' | 'П' => "p",
        'р' | 'Р' => "r",
        'с' | 'С' => "s",
        'т' | 'Т' => "t",
        'у' | 'У' | 'ү' | 'Ү' | 'ұ' | 'Ұ' | 'ў' | 'Ў' => "u",
        'ф' | 'Ф' => "f",
        'х' | 'Х' | 'һ' | 'Һ' => "x",
        'ц' | 'Ц' => "ts",
        'ч' | 'Ч' | 'ҹ' | 'Ҹ' => "c",
        'ш' | 'Ш' | 'щ' | 'Щ' => "s",
        'ъ' | 'Ъ' | 'ь' | 'Ь' => "",
        'ю' | 'Ю' => "yu",
        'я' | 'Я' => "ya",
        _ => return None,
    })
}

/// Lowercase ASCII with the region's letters folded; other characters transliterated or kept as
/// separators. Length may change.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
        } else if let Some(ascii) = fold_char(c) {
            folded.push_str(ascii);
        } else {
            folded.extend(deunicode::deunicode_char(c).unwrap_or(" ").chars().map(|c| c.to_ascii_lowercase()));
        }
    }
    folded
}

/// The folded words of a text, in order: runs of ASCII letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = String> {
    fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
}

/// A slug made from a display name in any of the region's scripts.
pub fn slug_from_name(name: &str) -> Option<crate::domain::slug::Slug> {
    crate::domain::slug::Slug::from_ascii_words(&fold(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turkic_letters_fold_to_the_same_ascii() {
        assert_eq!(fold("Şirkət"), "sirket");
        assert_eq!(fold("ISIK"), fold("ışık"));
        assert_eq!(fold("Işık"), "isik");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("Kibertəhlükəsizlik"), "kibertehlukesizlik");
        assert_eq!(fold("Güvenlik Çözümleri"), "guvenlik cozumleri");
    }

    #[test]
    fn cyrillic_meets_latin() {
        assert_eq!(fold("Кибер"), "kiber");
        assert_eq!(fold("кибербезопасность"), "kiberbezopasnost");
        assert_eq!(fold("Ширкәт"), fold("Şirkət"));
        assert_eq!(fold("Қазақстан"), "qazaqstan");
    }

    #[test]
    fn words_split_on_anything_but_letters_and_digits() {
        let found: Vec<String> = words("«Kiber-Qalxan» MMC, 2024!").collect();
        assert_eq!(found, ["kiber", "qalxan", "mmc", "2024"]);
        assert_eq!(words("Crème brûlée").collect::<Vec<_>>(), ["creme", "brulee"]);
    }

    #[test]
    fn slugs_come_from_names_in_any_script() {
        assert_eq!(slug_from_name("Kiber Qalxan MMC").unwrap().as_str(), "kiber-qalxan-mmc");
        assert_eq!(slug_from_name("Işık Siber Güvenlik A.Ş.").unwrap().as_str(), "isik-siber-guvenlik-a-s");
        assert_eq!(slug_from_name("Кибер Щит").unwrap().as_str(), "kiber-sit");
        assert_eq!(slug_from_name("—").map(|slug| slug.to_string()), None);
    }
}

//! The national cybersecurity forum: its editions, their panels ("Cyber security solutions and
//! startups", "Critical information infrastructure security", ...) and who takes part in each.
use serde::{Deserialize, Serialize};

use super::{
    directory::OrganizationCard,
    lang::{Lang, Translations},
    slug::Slug,
    validation::{FieldError, Problem, names_in_every_language, optional_text},
};

/// An edition of the forum, as staff edit it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumEdition {
    pub id: i64,
    pub slug: Slug,
    /// The first day, `YYYY-MM-DD`.
    pub starts_on: String,
    pub city: Option<String>,
    pub names: Translations<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelText {
    pub title: String,
    pub summary: Option<String>,
}

/// A panel of an edition, with the listings taking part in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumPanel {
    pub id: i64,
    pub edition_id: i64,
    pub slug: Slug,
    pub texts: Translations<PanelText>,
    pub participant_ids: Vec<i64>,
}

impl ForumPanel {
    pub fn title(&self, lang: Lang) -> String {
        self.texts.pick(lang).map_or_else(|| self.slug.to_string(), |text| text.value.title.clone())
    }
}

/// The public forum page: one edition's panels and participants, and links to the other editions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumPage {
    pub editions: Vec<EditionLink>,
    pub edition: Option<EditionView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionLink {
    pub slug: Slug,
    pub name: String,
    pub starts_on: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionView {
    pub link: EditionLink,
    pub city: Option<String>,
    pub panels: Vec<PanelView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelView {
    pub slug: Slug,
    pub title: String,
    pub summary: Option<String>,
    pub participants: Vec<OrganizationCard>,
}

/// What staff see to manage the forum: every edition, and the chosen one's panels with their
/// participants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForumAdmin {
    pub editions: Vec<ForumEdition>,
    pub edition: Option<ForumEdition>,
    pub panels: Vec<AdminPanel>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminPanel {
    pub panel: ForumPanel,
    pub participants: Vec<Participant>,
}

/// A listing taking part in a panel, as staff see it (published or not).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// An edition as staff typed it, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionDraft {
    pub slug: Slug,
    pub starts_on: String,
    pub city: Option<String>,
    pub names: Translations<String>,
}

impl EditionDraft {
    /// Reads `slug`, `starts_on` (`YYYY-MM-DD`), `city` and `{lang}.name`.
    pub fn parse(value: impl Fn(&str) -> String) -> Result<EditionDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let slug = Slug::parse(value("slug").trim()).map_err(|error| errors.push(error)).ok();
        let starts_on = value("starts_on").trim().to_owned();
        let format = time::macros::format_description!("[year]-[month]-[day]");
        if time::Date::parse(&starts_on, format).is_err() {
            errors.push(FieldError::new("starts_on", Problem::InvalidDate));
        }
        let city = optional_text("city", &value("city"), 80).map_err(|error| errors.push(error)).ok().flatten();
        let names = names_in_every_language(&value, "name", 120, &mut errors);
        match slug {
            Some(slug) if errors.is_empty() => Ok(EditionDraft { slug, starts_on, city, names }),
            _ => Err(errors),
        }
    }
}

/// A panel as staff typed it, checked: a title in every language, a summary where written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelDraft {
    pub slug: Slug,
    pub texts: Translations<PanelText>,
}

impl PanelDraft {
    /// Reads `slug`, `{lang}.title` and `{lang}.summary`.
    pub fn parse(value: impl Fn(&str) -> String) -> Result<PanelDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let slug = Slug::parse(value("slug").trim()).map_err(|error| errors.push(error)).ok();
        let titles = names_in_every_language(&value, "title", 160, &mut errors);
        let mut texts = Translations::new();
        for (lang, title) in titles.iter() {
            let field = format!("{lang}.summary");
            let summary = optional_text(&field, &value(&field), 600).map_err(|error| errors.push(error)).ok().flatten();
            texts.insert(lang, PanelText { title: title.clone(), summary });
        }
        match slug {
            Some(slug) if errors.is_empty() => Ok(PanelDraft { slug, texts }),
            _ => Err(errors),
        }
    }
}

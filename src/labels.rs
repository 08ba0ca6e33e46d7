//! The names of domain values (kinds, countries…) in the reader's language.
use crate::{
    domain::{
        country::Country,
        lang::Lang,
        organization::OrganizationKind,
        startup::{StartupNeed, StartupStage},
    },
    i18n::{Locale, td_string},
};

impl From<Lang> for Locale {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::Az => Locale::az,
            Lang::En => Locale::en,
            Lang::Ru => Locale::ru,
        }
    }
}

impl From<Locale> for Lang {
    fn from(locale: Locale) -> Self {
        match locale {
            Locale::az => Lang::Az,
            Locale::en => Lang::En,
            Locale::ru => Lang::Ru,
        }
    }
}

/// The plural label of a kind of organization ("CERTs and CSIRTs").
pub fn kind_name(locale: Locale, kind: OrganizationKind) -> &'static str {
    match kind {
        OrganizationKind::GovernmentAgency => td_string!(locale, kind.government_agency),
        OrganizationKind::Regulator => td_string!(locale, kind.regulator),
        OrganizationKind::Cert => td_string!(locale, kind.cert),
        OrganizationKind::Association => td_string!(locale, kind.association),
        OrganizationKind::Company => td_string!(locale, kind.company),
        OrganizationKind::Startup => td_string!(locale, kind.startup),
        OrganizationKind::University => td_string!(locale, kind.university),
        OrganizationKind::TrainingProvider => td_string!(locale, kind.training_provider),
        OrganizationKind::ResearchLab => td_string!(locale, kind.research_lab),
        OrganizationKind::Investor => td_string!(locale, kind.investor),
        OrganizationKind::InternationalOrganization => {
            td_string!(locale, kind.international_organization)
        }
    }
}

pub fn country_name(locale: Locale, country: Country) -> &'static str {
    match country {
        Country::Azerbaijan => td_string!(locale, country.AZ),
        Country::Kazakhstan => td_string!(locale, country.KZ),
        Country::Kyrgyzstan => td_string!(locale, country.KG),
        Country::Turkiye => td_string!(locale, country.TR),
        Country::Uzbekistan => td_string!(locale, country.UZ),
        Country::Hungary => td_string!(locale, country.HU),
        Country::Turkmenistan => td_string!(locale, country.TM),
    }
}

pub fn stage_name(locale: Locale, stage: StartupStage) -> &'static str {
    match stage {
        StartupStage::Idea => td_string!(locale, stage.idea),
        StartupStage::Prototype => td_string!(locale, stage.prototype),
        StartupStage::Mvp => td_string!(locale, stage.mvp),
        StartupStage::EarlyTraction => td_string!(locale, stage.early_traction),
        StartupStage::Growth => td_string!(locale, stage.growth),
    }
}

pub fn need_name(locale: Locale, need: StartupNeed) -> &'static str {
    match need {
        StartupNeed::Investment => td_string!(locale, need.investment),
        StartupNeed::PilotCustomers => td_string!(locale, need.pilot_customers),
        StartupNeed::Partners => td_string!(locale, need.partners),
        StartupNeed::Hiring => td_string!(locale, need.hiring),
    }
}

//! The names of domain values (kinds, countries…) in the reader's language.
use crate::{
    domain::{
        country::Country,
        lang::Lang,
        organization::OrganizationKind,
        solution::{Deployment, SolutionKind},
        startup::{StartupNeed, StartupStage},
        taxonomy::NistFunction,
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

/// The singular label of a kind ("CERT / CSIRT"), for one listing.
pub fn kind_label(locale: Locale, kind: OrganizationKind) -> &'static str {
    match kind {
        OrganizationKind::GovernmentAgency => td_string!(locale, kind_one.government_agency),
        OrganizationKind::Regulator => td_string!(locale, kind_one.regulator),
        OrganizationKind::Cert => td_string!(locale, kind_one.cert),
        OrganizationKind::Association => td_string!(locale, kind_one.association),
        OrganizationKind::Company => td_string!(locale, kind_one.company),
        OrganizationKind::Startup => td_string!(locale, kind_one.startup),
        OrganizationKind::University => td_string!(locale, kind_one.university),
        OrganizationKind::TrainingProvider => td_string!(locale, kind_one.training_provider),
        OrganizationKind::ResearchLab => td_string!(locale, kind_one.research_lab),
        OrganizationKind::Investor => td_string!(locale, kind_one.investor),
        OrganizationKind::InternationalOrganization => td_string!(locale, kind_one.international_organization),
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

pub fn solution_kind_name(locale: Locale, kind: SolutionKind) -> &'static str {
    match kind {
        SolutionKind::Product => td_string!(locale, solution_kind.product),
        SolutionKind::Service => td_string!(locale, solution_kind.service),
        SolutionKind::Training => td_string!(locale, solution_kind.training),
    }
}

pub fn deployment_name(locale: Locale, deployment: Deployment) -> &'static str {
    match deployment {
        Deployment::OnPremises => td_string!(locale, deployment.on_premises),
        Deployment::Cloud => td_string!(locale, deployment.cloud),
        Deployment::Hybrid => td_string!(locale, deployment.hybrid),
    }
}

pub fn nist_name(locale: Locale, function: NistFunction) -> &'static str {
    match function {
        NistFunction::Govern => td_string!(locale, nist.govern),
        NistFunction::Identify => td_string!(locale, nist.identify),
        NistFunction::Protect => td_string!(locale, nist.protect),
        NistFunction::Detect => td_string!(locale, nist.detect),
        NistFunction::Respond => td_string!(locale, nist.respond),
        NistFunction::Recover => td_string!(locale, nist.recover),
    }
}

/// A date the way readers of the language write it: "28 November 2026", "28 noyabr 2026",
/// A moment as `<time datetime>` wants it: RFC 3339, in UTC.
pub fn machine_time(moment: time::OffsetDateTime) -> String {
    moment.to_offset(time::UtcOffset::UTC).format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// "28 ноября 2026 г.". The same on server and browser (no time zone or system locale involved).
pub fn format_date(locale: Locale, date: time::Date) -> String {
    let month = match date.month() {
        time::Month::January => td_string!(locale, month.m1),
        time::Month::February => td_string!(locale, month.m2),
        time::Month::March => td_string!(locale, month.m3),
        time::Month::April => td_string!(locale, month.m4),
        time::Month::May => td_string!(locale, month.m5),
        time::Month::June => td_string!(locale, month.m6),
        time::Month::July => td_string!(locale, month.m7),
        time::Month::August => td_string!(locale, month.m8),
        time::Month::September => td_string!(locale, month.m9),
        time::Month::October => td_string!(locale, month.m10),
        time::Month::November => td_string!(locale, month.m11),
        time::Month::December => td_string!(locale, month.m12),
    };
    let (day, year) = (date.day(), date.year());
    match Lang::from(locale) {
        Lang::Ru => format!("{day} {month} {year} г."),
        Lang::Az | Lang::En => format!("{day} {month} {year}"),
    }
}

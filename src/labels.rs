//! The names of domain values (kinds, countries…) in the reader's language.
use crate::{
    domain::{
        audit::AuditAction,
        city::city_name,
        country::Country,
        curation::AuditEntry,
        lang::Lang,
        organization::OrganizationKind,
        site_page::SitePageKind,
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

/// "Baku, Azerbaijan": a listing's city (named in the reader's language when the vocabulary knows it)
/// and country.
pub fn place_name(locale: Locale, city: Option<&str>, country: Country) -> String {
    let country = country_name(locale, country);
    match city.map(|city| city_name(city, Lang::from(locale))) {
        Some(city) if !city.is_empty() => format!("{city}, {country}"),
        _ => country.to_owned(),
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

/// What an audit row records, in words, with the place a listing was featured at; a row this
/// version does not write shows its stored word.
pub fn audit_entry_words(locale: Locale, entry: &AuditEntry) -> String {
    match (entry.kind(), entry.featured_place()) {
        (Some(AuditAction::ListingFeature), Some(place)) => {
            td_string!(locale, curation.featured_at, place = place).to_string()
        }
        (Some(action), _) => audit_action_name(locale, action).to_owned(),
        (None, _) => entry.action.clone(),
    }
}

/// A site page's name, as the footer links it.
pub fn site_page_name(locale: Locale, kind: SitePageKind) -> &'static str {
    match kind {
        SitePageKind::About => td_string!(locale, site_page.about),
        SitePageKind::Contact => td_string!(locale, site_page.contact),
        SitePageKind::Privacy => td_string!(locale, site_page.privacy),
        SitePageKind::Terms => td_string!(locale, site_page.terms),
    }
}

/// What an audit action records, in words ("Verified the listing").
pub fn audit_action_name(locale: Locale, action: AuditAction) -> &'static str {
    use AuditAction::*;
    match action {
        SignUp => td_string!(locale, audit_action.account_sign_up),
        ConfirmEmail => td_string!(locale, audit_action.account_confirm_email),
        PasswordReset => td_string!(locale, audit_action.account_password_reset),
        SignOutEverywhere => td_string!(locale, audit_action.account_sign_out_everywhere),
        TwoFactorOn => td_string!(locale, audit_action.account_two_factor_on),
        TwoFactorOff => td_string!(locale, audit_action.account_two_factor_off),
        ListingRequest => td_string!(locale, audit_action.listing_request),
        ClaimRequest => td_string!(locale, audit_action.claim_request),
        ClaimApproveByDomain => td_string!(locale, audit_action.claim_approve_by_domain),
        ClaimApprove => td_string!(locale, audit_action.claim_approve),
        ClaimReject => td_string!(locale, audit_action.claim_reject),
        ProfileSubmit => td_string!(locale, audit_action.profile_submit),
        ProfilePublish => td_string!(locale, audit_action.profile_publish),
        SolutionSubmit => td_string!(locale, audit_action.solution_submit),
        SolutionPublish => td_string!(locale, audit_action.solution_publish),
        LogoSubmit => td_string!(locale, audit_action.logo_submit),
        LogoPublish => td_string!(locale, audit_action.logo_publish),
        RevisionApprove => td_string!(locale, audit_action.revision_approve),
        RevisionApproveFields => td_string!(locale, audit_action.revision_approve_fields),
        RevisionReject => td_string!(locale, audit_action.revision_reject),
        ListingVerify => td_string!(locale, audit_action.listing_verify),
        ListingUnverify => td_string!(locale, audit_action.listing_unverify),
        ListingFeature => td_string!(locale, audit_action.listing_feature),
        ListingUnfeature => td_string!(locale, audit_action.listing_unfeature),
        ListingHide => td_string!(locale, audit_action.listing_hide),
        ListingArchive => td_string!(locale, audit_action.listing_archive),
        ListingRestore => td_string!(locale, audit_action.listing_restore),
        ListingMerge => td_string!(locale, audit_action.listing_merge),
        MemberInvite => td_string!(locale, audit_action.member_invite),
        MemberInviteOwner => td_string!(locale, audit_action.member_invite_owner),
        MemberAdd => td_string!(locale, audit_action.member_add),
        MemberRemove => td_string!(locale, audit_action.member_remove),
        MemberHandOver => td_string!(locale, audit_action.member_hand_over),
        PersonCreate => td_string!(locale, audit_action.person_create),
        PersonRole => td_string!(locale, audit_action.person_role),
        PersonDisable => td_string!(locale, audit_action.person_disable),
        PersonEnable => td_string!(locale, audit_action.person_enable),
        OrganizationImport => td_string!(locale, audit_action.organization_import),
        SolutionImport => td_string!(locale, audit_action.solution_import),
        SeedDemo => td_string!(locale, audit_action.seed_demo),
        SeedSynthetic => td_string!(locale, audit_action.seed_synthetic),
        ForumEditionAdd => td_string!(locale, audit_action.forum_edition_add),
        ForumEditionUpdate => td_string!(locale, audit_action.forum_edition_update),
        ForumPanelAdd => td_string!(locale, audit_action.forum_panel_add),
        ForumPanelUpdate => td_string!(locale, audit_action.forum_panel_update),
        ForumPanelReorder => td_string!(locale, audit_action.forum_panel_reorder),
        ForumPanelDelete => td_string!(locale, audit_action.forum_panel_delete),
        ForumParticipantAdd => td_string!(locale, audit_action.forum_participant_add),
        ForumParticipantRemove => td_string!(locale, audit_action.forum_participant_remove),
        SitePageUpdate => td_string!(locale, audit_action.site_page_update),
        CategoryAdd => td_string!(locale, audit_action.category_add),
        CategoryUpdate => td_string!(locale, audit_action.category_update),
        CategoryReorder => td_string!(locale, audit_action.category_reorder),
        CategoryMoveUses => td_string!(locale, audit_action.category_move_uses),
        CategoryDelete => td_string!(locale, audit_action.category_delete),
        SectorAdd => td_string!(locale, audit_action.sector_add),
        SectorUpdate => td_string!(locale, audit_action.sector_update),
        SectorReorder => td_string!(locale, audit_action.sector_reorder),
        SectorMoveUses => td_string!(locale, audit_action.sector_move_uses),
        SectorDelete => td_string!(locale, audit_action.sector_delete),
        TagAdd => td_string!(locale, audit_action.tag_add),
        TagUpdate => td_string!(locale, audit_action.tag_update),
        TagReorder => td_string!(locale, audit_action.tag_reorder),
        TagMoveUses => td_string!(locale, audit_action.tag_move_uses),
        TagDelete => td_string!(locale, audit_action.tag_delete),
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

/// A `YYYY-MM-DD` date as profiles write dates ("10 November 2025"); as it is, if it is no date.
pub fn readable_date(locale: Locale, date: &str) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(date, &format).map_or_else(|_| date.to_owned(), |date| format_date(locale, date))
}

//! The profile form: what an editor types, checked field by field into an organization's profile.
use super::{DESCRIPTION_MAX, NAME_MAX, SHORT_DESCRIPTION_MAX};
use crate::domain::{
    country::Country,
    lang::{Lang, Translations},
    organization::{
        EmployeeRange, OrganizationFacts, OrganizationKind, OrganizationProfile, OrganizationText, SocialLink,
        SocialNetwork,
    },
    startup::{Currency, Money, ReadinessLevel, StartupFacts, StartupNeed, StartupStage},
    user::EmailAddress,
    validation::{
        FieldError, Problem, every_value, first_value, optional_text, optional_url, parse_certifications, parse_choice,
        parse_ids, required_text,
    },
};
use serde::{Deserialize, Serialize};

use super::field::{FieldName, FormField as F};

/// A profile form as submitted: name and value pairs, where checkbox groups repeat a name. Per-language
/// fields are named `{lang}.{field}` (`az.name`, `en.description`, ...).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm(pub Vec<(String, String)>);

impl ProfileForm {
    /// The first value of a field, or empty.
    pub fn value(&self, name: impl Into<FieldName>) -> &str {
        first_value(&self.0, &name.into().to_string())
    }

    /// Every value of a repeated field.
    pub fn values(&self, name: impl Into<FieldName>) -> Vec<&str> {
        every_value(&self.0, &name.into().to_string())
    }

    fn push(&mut self, name: impl Into<FieldName>, value: impl Into<String>) {
        self.0.push((name.into().to_string(), value.into()));
    }

    /// The form filled in from a saved profile.
    pub fn of(profile: &OrganizationProfile) -> ProfileForm {
        let mut form = ProfileForm::default();
        for (lang, text) in profile.texts.iter() {
            form.push(F::Name.of(lang), text.name.clone());
            form.push(F::ShortDescription.of(lang), text.short_description.clone().unwrap_or_default());
            form.push(F::Description.of(lang), text.description.clone().unwrap_or_default());
        }
        form.push(F::Kind, profile.kind.as_str());
        for (name, value) in [
            (F::Website, &profile.facts.website),
            (F::Email, &profile.facts.email),
            (F::Phone, &profile.facts.phone),
            (F::Address, &profile.facts.address),
            (F::City, &profile.facts.city),
            (F::IncidentContact, &profile.facts.incident_contact),
            (F::Constituency, &profile.facts.constituency),
        ] {
            form.push(name, value.clone().unwrap_or_default());
        }
        form.push(F::Country, profile.facts.country.as_str());
        form.push(F::FoundedYear, profile.facts.founded_year.map(|year| year.to_string()).unwrap_or_default());
        form.push(F::EmployeeRange, profile.facts.employee_range.map(EmployeeRange::as_str).unwrap_or_default());
        form.push(F::Certifications, profile.facts.certifications.join("\n"));
        form.push(
            F::SocialLinks,
            profile.facts.social_links.iter().map(|link| link.url.as_str()).collect::<Vec<_>>().join("\n"),
        );
        for id in &profile.category_ids {
            form.push(F::Category, id.to_string());
        }
        for id in &profile.sector_ids {
            form.push(F::Sector, id.to_string());
        }
        if let Some(facts) = &profile.startup {
            form.push(F::Stage, facts.stage.as_str());
            for need in &facts.looking_for {
                form.push(F::Need, need.as_str());
            }
            for (lang, pitch) in facts.pitch.iter() {
                form.push(F::Pitch.of(lang), pitch.clone());
            }
            if let Some(money) = &facts.funding_raised {
                form.push(F::FundingAmount, money.amount.to_string());
                form.push(F::FundingCurrency, money.currency.as_str());
            }
            form.push(F::DemoVideoUrl, facts.demo_video_url.clone().unwrap_or_default());
            form.push(
                F::Readiness,
                facts.technology_readiness.map(|level| level.get().to_string()).unwrap_or_default(),
            );
        }
        form
    }

    /// Checks every field and builds the profile, or names every field that needs attention.
    /// `tag_ids` are kept as they were (tags are curated by staff); `current_year` bounds the founding year.
    pub fn parse(&self, tag_ids: Vec<i64>, current_year: i32) -> Result<OrganizationProfile, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut keep =
            |result: Result<Option<String>, FieldError>| result.map_err(|error| errors.push(error)).ok().flatten();
        let website = keep(optional_url(F::Website.as_str(), self.value(F::Website)));
        let email = keep(
            optional_text(F::Email.as_str(), self.value(F::Email), 254)
                .and_then(|email| email.map(|email| EmailAddress::parse(&email).map(String::from)).transpose()),
        );
        let phone = keep(optional_text(F::Phone.as_str(), self.value(F::Phone), 40).and_then(|phone| match phone {
            Some(phone) if !phone.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) => {
                Err(FieldError::new(F::Phone, Problem::InvalidChoice))
            }
            phone => Ok(phone),
        }));
        let address = keep(optional_text(F::Address.as_str(), self.value(F::Address), 300));
        let city = keep(optional_text(F::City.as_str(), self.value(F::City), 100));
        let incident_contact = keep(incident_contact(self.value(F::IncidentContact)));
        let constituency = keep(optional_text(F::Constituency.as_str(), self.value(F::Constituency), 300));
        let demo_video_url = keep(optional_url(F::DemoVideoUrl.as_str(), self.value(F::DemoVideoUrl)));

        let mut texts = Translations::new();
        for lang in Lang::ALL {
            let name = self.value(F::Name.of(*lang)).trim();
            let short = optional_text(
                &F::ShortDescription.of(*lang).to_string(),
                self.value(F::ShortDescription.of(*lang)),
                SHORT_DESCRIPTION_MAX,
            );
            let description = optional_text(
                &F::Description.of(*lang).to_string(),
                self.value(F::Description.of(*lang)),
                DESCRIPTION_MAX,
            );
            let name = if name.is_empty() {
                Ok(None)
            } else {
                required_text(&F::Name.of(*lang).to_string(), name, NAME_MAX).map(Some)
            };
            match (name, short, description) {
                (Ok(Some(name)), Ok(short_description), Ok(description)) => {
                    texts.insert(*lang, OrganizationText { name, short_description, description });
                }
                (Ok(None), Ok(short), Ok(description)) if short.is_some() || description.is_some() => {
                    // A description without a name in that language: the name is what is missing.
                    errors.push(FieldError::new(F::Name.of(*lang), Problem::NameForTranslation { lang: *lang }));
                }
                (name, short, description) => {
                    errors.extend([name.err(), short.err(), description.err()].into_iter().flatten());
                }
            }
        }
        if texts.is_empty() && !errors.iter().any(|error| error.field.ends_with(".name")) {
            errors.push(FieldError::new(F::Name.of(Lang::Az), Problem::Required));
        }

        let kind = parse_choice::<OrganizationKind>(F::Kind.as_str(), self.value(F::Kind), &mut errors);
        let country = parse_choice::<Country>(F::Country.as_str(), self.value(F::Country), &mut errors);
        let employee_range = match self.value(F::EmployeeRange) {
            "" => None,
            value => parse_choice::<EmployeeRange>(F::EmployeeRange.as_str(), value, &mut errors),
        };
        let founded_year = match self.value(F::FoundedYear).trim() {
            "" => None,
            year => match year.parse::<i32>() {
                Ok(year) if (1800..=current_year).contains(&year) => Some(year),
                _ => {
                    errors.push(FieldError::new(
                        F::FoundedYear,
                        Problem::OutOfRange { min: 1800, max: i64::from(current_year) },
                    ));
                    None
                }
            },
        };
        let certifications = parse_certifications(self.value(F::Certifications), &mut errors);
        let mut social_links = Vec::new();
        for line in self.value(F::SocialLinks).lines().map(str::trim).filter(|line| !line.is_empty()) {
            match optional_url(F::SocialLinks.as_str(), line)
                .ok()
                .flatten()
                .and_then(|url| social_network(&url).map(|network| (network, url)))
            {
                Some((network, url)) => social_links.push(SocialLink { network, url }),
                None => {
                    errors.push(FieldError::new(F::SocialLinks, Problem::InvalidUrl));
                    break;
                }
            }
        }
        let category_ids = parse_ids(F::Category.as_str(), &self.values(F::Category), &mut errors);
        let sector_ids = parse_ids(F::Sector.as_str(), &self.values(F::Sector), &mut errors);

        // A startup that has not filled in its showcase facts yet simply has none.
        let startup = if kind == Some(OrganizationKind::Startup) && self.has_startup_facts() {
            self.startup_facts(&mut errors)
        } else {
            None
        };
        match (kind, country) {
            (Some(kind), Some(country)) if errors.is_empty() => Ok(OrganizationProfile {
                kind,
                texts,
                facts: OrganizationFacts {
                    website,
                    email,
                    phone,
                    address,
                    city,
                    country,
                    incident_contact,
                    constituency,
                    founded_year,
                    employee_range,
                    certifications,
                    social_links,
                },
                category_ids,
                sector_ids,
                tag_ids,
                startup: startup.map(|facts| StartupFacts { demo_video_url, ..facts }),
            }),
            _ => Err(errors),
        }
    }

    fn has_startup_facts(&self) -> bool {
        let single = [F::Stage, F::FundingAmount, F::DemoVideoUrl, F::Readiness]
            .iter()
            .any(|field| !self.value(*field).trim().is_empty());
        let pitched = Lang::ALL.iter().any(|lang| !self.value(F::Pitch.of(*lang)).trim().is_empty());
        single || pitched || !self.values(F::Need).is_empty()
    }

    fn startup_facts(&self, errors: &mut Vec<FieldError>) -> Option<StartupFacts> {
        let stage = parse_choice::<StartupStage>(F::Stage.as_str(), self.value(F::Stage), errors);
        let looking_for: Vec<StartupNeed> =
            self.values(F::Need).into_iter().filter_map(|need| parse_choice(F::Need.as_str(), need, errors)).collect();
        let mut pitch = Translations::new();
        for lang in Lang::ALL {
            let field = F::Pitch.of(*lang);
            match optional_text(&field.to_string(), self.value(field), 200) {
                Ok(Some(text)) => pitch.insert(*lang, text),
                Ok(None) => {}
                Err(error) => errors.push(error),
            }
        }
        let funding_raised = match (self.value(F::FundingAmount).trim(), self.value(F::FundingCurrency).trim()) {
            ("", _) => None,
            (amount, currency) => {
                let amount = amount.replace([' ', ','], "").parse::<i64>().ok().filter(|amount| *amount >= 0);
                let currency = Currency::parse(if currency.is_empty() { "AZN" } else { currency });
                match (amount, currency) {
                    (Some(amount), Ok(currency)) => Some(Money { amount, currency }),
                    (None, _) => {
                        errors.push(FieldError::new(F::FundingAmount, Problem::OutOfRange { min: 0, max: i64::MAX }));
                        None
                    }
                    (_, Err(error)) => {
                        errors.push(error);
                        None
                    }
                }
            }
        };
        let technology_readiness = match self.value(F::Readiness).trim() {
            "" => None,
            level => level
                .parse::<i64>()
                .map_err(|_| FieldError::new(F::Readiness, Problem::OutOfRange { min: 1, max: 9 }))
                .and_then(ReadinessLevel::new)
                .map_err(|error| errors.push(FieldError::new(F::Readiness, error.problem)))
                .ok(),
        };
        Some(StartupFacts {
            stage: stage?,
            funding_raised,
            looking_for,
            pitch,
            demo_video_url: None,
            technology_readiness,
        })
    }
}

/// Where incidents are reported: a mail address, or an `http(s)` web address (a form). Kept as typed,
/// a mail address checked as one.
fn incident_contact(value: &str) -> Result<Option<String>, FieldError> {
    let field = F::IncidentContact.as_str();
    match optional_text(field, value, 300)? {
        Some(text) if !text.contains("://") && text.contains('@') => EmailAddress::parse(&text)
            .map(|email| Some(String::from(email)))
            .map_err(|_| FieldError::new(field, Problem::InvalidEmail)),
        Some(text) => optional_url(field, &text),
        None => Ok(None),
    }
}

/// The domains each network serves profiles from. Each also has its `.example` twin for the fictional
/// demo data: `.example` is reserved (RFC 2606), so nobody can own `linkedin.example` either.
const SOCIAL_DOMAINS: &[(SocialNetwork, &[&str])] = &[
    (SocialNetwork::LinkedIn, &["linkedin.com", "lnkd.in", "linkedin.example"]),
    (SocialNetwork::X, &["x.com", "twitter.com", "x.example", "twitter.example"]),
    (SocialNetwork::Facebook, &["facebook.com", "fb.com", "facebook.example"]),
    (SocialNetwork::Instagram, &["instagram.com", "instagram.example"]),
    (SocialNetwork::YouTube, &["youtube.com", "youtu.be", "youtube.example"]),
    (SocialNetwork::Telegram, &["t.me", "telegram.me", "telegram.org", "telegram.example"]),
    (SocialNetwork::GitHub, &["github.com", "github.example"]),
];

/// The network a profile address belongs to: the one whose domain is the address's host, or a parent
/// of it (`www.linkedin.com`). A host that merely contains a network's name (`github.attacker.example`,
/// `github.com.attacker.example`) is not that network.
fn social_network(url: &str) -> Option<SocialNetwork> {
    let host = url_host(url)?;
    SOCIAL_DOMAINS.iter().find_map(|(network, domains)| {
        domains
            .iter()
            .any(|domain| {
                host == *domain || host.strip_suffix(domain).is_some_and(|subdomain| subdomain.ends_with('.'))
            })
            .then_some(*network)
    })
}

/// The lowercase host of an `http(s)://` address, as a browser would go to it: after any `user@`, before
/// any port, path, query or fragment (a browser reads `\` as `/` too).
fn url_host(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return None;
    }
    let authority = rest.split(['/', '\\', '?', '#']).next()?;
    let host_and_port = authority.rsplit('@').next()?;
    let host = host_and_port.split(':').next()?.trim_end_matches('.').to_lowercase();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::editing::Completeness;

    fn form(pairs: &[(&str, &str)]) -> ProfileForm {
        ProfileForm(pairs.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect())
    }

    /// Revisions store profiles as JSON: the facts sit among the profile's own fields, as they did
    /// before they were one type, so every stored revision still reads.
    #[test]
    fn a_stored_profile_keeps_its_facts_at_the_top() {
        let profile = form(&[("en.name", "Alov"), ("kind", "cert"), ("country", "AZ"), ("city", "Gəncə")])
            .parse(Vec::new(), 2026)
            .unwrap();
        let stored = serde_json::to_value(&profile).unwrap();
        assert_eq!(stored["city"], "Gəncə");
        assert!(stored.get("facts").is_none(), "{stored}");
        let mut older = stored.clone();
        older.as_object_mut().unwrap().remove("incident_contact");
        assert_eq!(serde_json::from_value::<OrganizationProfile>(older).unwrap(), profile, "saved before it existed");
    }

    #[test]
    fn a_filled_form_becomes_a_profile_and_back() {
        let submitted = form(&[
            ("az.name", "Qalxan Labs"),
            ("az.short_description", "Şəbəkə müdafiəsi"),
            ("en.name", "Qalxan Labs"),
            ("en.description", "We **defend** networks."),
            ("kind", "startup"),
            ("country", "AZ"),
            ("website", "https://qalxan.example"),
            ("email", "Info@Qalxan.example"),
            ("founded_year", "2021"),
            ("employee_range", "11-50"),
            ("certifications", "ISO 27001\n\n  SOC 2 "),
            ("social_links", "https://www.linkedin.com/company/qalxan"),
            ("category", "7"),
            ("category", "3"),
            ("sector", "2"),
            ("stage", "mvp"),
            ("need", "investment"),
            ("need", "partners"),
            ("en.pitch", "Networks that defend themselves."),
            ("funding_amount", "250 000"),
            ("funding_currency", "usd"),
            ("readiness", "6"),
        ]);
        let profile = submitted.parse(vec![9], 2026).unwrap();
        assert_eq!(profile.texts.get(Lang::Az).unwrap().name, "Qalxan Labs");
        assert!(profile.texts.get(Lang::Ru).is_none());
        assert_eq!(profile.facts.email.as_deref(), Some("info@qalxan.example"));
        assert_eq!(profile.facts.certifications, ["ISO 27001", "SOC 2"]);
        assert_eq!(profile.facts.social_links[0].network, SocialNetwork::LinkedIn);
        assert_eq!(profile.category_ids, [3, 7]);
        assert_eq!(profile.tag_ids, [9]);
        let facts = profile.startup.as_ref().unwrap();
        assert_eq!(
            facts.funding_raised.as_ref().map(|money| (money.amount, money.currency.as_str())),
            Some((250_000, "USD"))
        );
        assert_eq!(facts.looking_for, [StartupNeed::Investment, StartupNeed::Partners]);
        assert_eq!(ProfileForm::of(&profile).parse(vec![9], 2026), Ok(profile));
    }

    #[test]
    fn every_bad_field_is_named() {
        let submitted = form(&[
            ("en.description", "A description without a name"),
            ("kind", "spaceship"),
            ("country", "AZ"),
            ("website", "qalxan"),
            ("email", "nobody"),
            ("founded_year", "2099"),
            ("social_links", "https://example.org/me"),
            ("category", "x"),
        ]);
        let errors = submitted.parse(Vec::new(), 2026).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
        for field in ["en.name", "kind", "website", "email", "founded_year", "social_links", "category"] {
            assert!(fields.contains(&field), "{field} missing from {fields:?}");
        }
        let nameless = form(&[("kind", "company"), ("country", "AZ")]).parse(Vec::new(), 2026).unwrap_err();
        assert_eq!(nameless, [FieldError::new("az.name", Problem::Required)]);
    }

    #[test]
    fn completeness_counts_what_visitors_look_for() {
        let bare =
            form(&[("az.name", "Qalxan"), ("kind", "company"), ("country", "AZ")]).parse(Vec::new(), 2026).unwrap();
        let score = Completeness::of(&bare, false);
        assert_eq!(score.percent, 0);
        assert_eq!(score.missing.first(), Some(&F::Logo));
        assert_eq!(Completeness::of(&bare, true).percent, 10);
    }

    #[test]
    fn a_social_network_is_known_by_its_domain_not_by_its_name_in_a_host() {
        for (url, network) in [
            ("https://github.com/qalxan", SocialNetwork::GitHub),
            ("https://GitHub.COM/qalxan", SocialNetwork::GitHub),
            ("https://gist.github.com/qalxan", SocialNetwork::GitHub),
            ("https://github.com./qalxan", SocialNetwork::GitHub),
            ("https://www.linkedin.com:443/company/qalxan", SocialNetwork::LinkedIn),
            ("https://m.youtube.com/@qalxan", SocialNetwork::YouTube),
            ("https://t.me/qalxan", SocialNetwork::Telegram),
            ("https://linkedin.example/company/qalxan", SocialNetwork::LinkedIn),
        ] {
            assert_eq!(social_network(url), Some(network), "{url}");
        }
        for hostile in [
            "https://github.com.attacker.example/qalxan",
            "https://attacker-github.com/qalxan",
            "https://github.attacker.example/qalxan",
            "https://notgithub.com/qalxan",
            "https://github.com@attacker.example/",
            "https://attacker.example\\.github.com/",
            "https://attacker.example/github.com",
            "https://attacker.example?github.com",
            "javascript://github.com/%0Aalert(1)",
            "github.com/qalxan",
        ] {
            assert_eq!(social_network(hostile), None, "{hostile}");
        }
    }

    #[test]
    fn a_profile_refuses_a_social_link_on_a_look_alike_host() {
        let submitted = form(&[
            ("en.name", "Qalxan Labs"),
            ("kind", "company"),
            ("country", "AZ"),
            ("social_links", "https://github.com.attacker.example/qalxan"),
        ]);
        let errors = submitted.parse(Vec::new(), 2026).unwrap_err();
        assert!(errors.contains(&FieldError::new("social_links", Problem::InvalidUrl)), "{errors:?}");
    }

    #[test]
    fn incidents_are_reported_to_a_mail_or_web_address() {
        let with = |contact: &str| {
            form(&[("en.name", "Alov CERT"), ("kind", "cert"), ("country", "AZ"), ("incident_contact", contact)])
                .parse(Vec::new(), 2026)
        };
        let profile = with(" Report@Alov-CERT.example ").unwrap();
        assert_eq!(profile.facts.incident_contact.as_deref(), Some("report@alov-cert.example"));
        let profile = with("https://alov-cert.example/report").unwrap();
        assert_eq!(profile.facts.incident_contact.as_deref(), Some("https://alov-cert.example/report"));
        assert_eq!(with("").unwrap().facts.incident_contact, None);
        for nonsense in ["call us", "report@nowhere", "javascript://alert(1)"] {
            let errors = with(nonsense).unwrap_err();
            assert!(errors.iter().all(|error| error.field == "incident_contact"), "{nonsense}: {errors:?}");
            assert_eq!(errors.len(), 1, "{nonsense}");
        }
        let long = form(&[("en.name", "A"), ("kind", "cert"), ("country", "AZ"), ("constituency", &"x".repeat(301))]);
        assert_eq!(long.parse(Vec::new(), 2026).unwrap_err()[0].field, "constituency");
    }
}

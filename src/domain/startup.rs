//! What startups add to their organization profile for the showcase.
use serde::{Deserialize, Serialize};

use super::{
    lang::Translations,
    validation::{FieldError, Problem},
};

text_enum! {
    /// How far a startup has come, from an idea to a growing business.
    pub enum StartupStage {
        Idea = "idea",
        Prototype = "prototype",
        Mvp = "mvp",
        EarlyTraction = "early_traction",
        Growth = "growth",
    }
}

text_enum! {
    /// What a startup is looking for at the forum.
    pub enum StartupNeed {
        Investment = "investment",
        PilotCustomers = "pilot_customers",
        Partners = "partners",
        Hiring = "hiring",
    }
}

/// An ISO 4217 currency code such as `AZN` or `USD`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency(String);

impl Currency {
    pub fn parse(code: &str) -> Result<Currency, FieldError> {
        let code = code.trim().to_ascii_uppercase();
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Currency(code))
        } else {
            Err(FieldError::new("funding_currency", Problem::InvalidChoice))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Currency {
    type Error = FieldError;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        Currency::parse(&code)
    }
}

impl From<Currency> for String {
    fn from(currency: Currency) -> String {
        currency.0
    }
}

/// An amount of money in whole units of its currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub amount: i64,
    pub currency: Currency,
}

/// NASA's technology readiness level, 1 (basic principles) to 9 (proven in operation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct ReadinessLevel(u8);

impl ReadinessLevel {
    pub fn new(level: i64) -> Result<ReadinessLevel, FieldError> {
        match u8::try_from(level) {
            Ok(level @ 1..=9) => Ok(ReadinessLevel(level)),
            _ => Err(FieldError::new("technology_readiness", Problem::OutOfRange { min: 1, max: 9 })),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for ReadinessLevel {
    type Error = FieldError;

    fn try_from(level: i64) -> Result<Self, Self::Error> {
        ReadinessLevel::new(level)
    }
}

impl From<ReadinessLevel> for i64 {
    fn from(level: ReadinessLevel) -> i64 {
        level.0.into()
    }
}

/// The facts a startup shows on top of its organization profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StartupFacts {
    pub stage: StartupStage,
    pub funding_raised: Option<Money>,
    pub looking_for: Vec<StartupNeed>,
    /// One line per language.
    pub pitch: Translations<String>,
    pub demo_video_url: Option<String>,
    pub technology_readiness: Option<ReadinessLevel>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_codes_are_three_letters() {
        assert_eq!(Currency::parse(" azn ").unwrap().as_str(), "AZN");
        assert!(Currency::parse("AZ").is_err() && Currency::parse("A1N").is_err());
    }

    #[test]
    fn readiness_level_is_one_to_nine() {
        assert_eq!(ReadinessLevel::new(9).map(ReadinessLevel::get), Ok(9));
        for bad in [0, 10, -1, 300] {
            assert!(ReadinessLevel::new(bad).is_err(), "{bad}");
        }
    }
}

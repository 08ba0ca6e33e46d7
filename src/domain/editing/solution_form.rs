//! The solution form: one of a listing's solutions as its editors type it (or an import's row reads it).
use serde::{Deserialize, Serialize};

use super::{
    DESCRIPTION_MAX, NAME_MAX,
    field::{FieldName, FormField as F},
};
use crate::domain::{
    lang::{Lang, Translations},
    solution::{Deployment, SolutionDetails, SolutionKind, SolutionText},
    validation::{
        FieldError, Problem, every_value, first_value, optional_text, optional_url, parse_certifications, parse_choice,
        parse_ids,
    },
};

/// A solution form as submitted (or as a row of an import reads): `{lang}.name`, `{lang}.description`,
/// `kind`, `deployment`, `certifications` (one a line), `url`, and repeated `category` and `sector` ids.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolutionForm(pub Vec<(String, String)>);

impl SolutionForm {
    pub fn value(&self, name: impl Into<FieldName>) -> &str {
        first_value(&self.0, &name.into().to_string())
    }

    pub fn values(&self, name: impl Into<FieldName>) -> Vec<&str> {
        every_value(&self.0, &name.into().to_string())
    }

    /// What the post asks: `remove` the solution, `withdraw` its waiting change, or (anything else) save.
    pub fn intent(&self) -> &str {
        first_value(&self.0, "intent")
    }

    /// The form filled in from a solution.
    pub fn of(details: &SolutionDetails) -> SolutionForm {
        let mut pairs: Vec<(FieldName, String)> = Vec::new();
        for (lang, text) in details.texts.iter() {
            pairs.push((F::Name.of(lang), text.name.clone()));
            pairs.push((F::Description.of(lang), text.description.clone().unwrap_or_default()));
        }
        pairs.push((F::Kind.into(), details.kind.as_str().to_owned()));
        pairs.push((F::Deployment.into(), details.deployment.map(Deployment::as_str).unwrap_or_default().to_owned()));
        pairs.push((F::Url.into(), details.url.clone().unwrap_or_default()));
        pairs.push((F::Certifications.into(), details.certifications.join("\n")));
        pairs.extend(details.category_ids.iter().map(|id| (F::Category.into(), id.to_string())));
        pairs.extend(details.sector_ids.iter().map(|id| (F::Sector.into(), id.to_string())));
        SolutionForm(pairs.into_iter().map(|(name, value)| (name.to_string(), value)).collect())
    }

    /// Checks every field and builds the solution, or names every field that needs attention.
    pub fn parse(&self) -> Result<SolutionDetails, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut texts = Translations::new();
        for lang in Lang::ALL {
            let name = optional_text(&F::Name.of(*lang).to_string(), self.value(F::Name.of(*lang)), NAME_MAX);
            let description = optional_text(
                &F::Description.of(*lang).to_string(),
                self.value(F::Description.of(*lang)),
                DESCRIPTION_MAX,
            );
            match (name, description) {
                (Ok(Some(name)), Ok(description)) => texts.insert(*lang, SolutionText { name, description }),
                (Ok(None), Ok(Some(_))) => {
                    errors.push(FieldError::new(F::Name.of(*lang), Problem::NameForTranslation { lang: *lang }))
                }
                (name, description) => errors.extend([name.err(), description.err()].into_iter().flatten()),
            }
        }
        if texts.is_empty() && !errors.iter().any(|error| error.field.ends_with(".name")) {
            errors.push(FieldError::new(F::Name.of(Lang::Az), Problem::Required));
        }
        let kind = parse_choice::<SolutionKind>(F::Kind.as_str(), self.value(F::Kind), &mut errors);
        let deployment = match self.value(F::Deployment).trim() {
            "" => None,
            value => parse_choice::<Deployment>(F::Deployment.as_str(), value, &mut errors),
        };
        let url = optional_url(F::Url.as_str(), self.value(F::Url)).map_err(|error| errors.push(error)).ok().flatten();
        let certifications = parse_certifications(self.value(F::Certifications), &mut errors);
        let category_ids = parse_ids(F::Category.as_str(), &self.values(F::Category), &mut errors);
        let sector_ids = parse_ids(F::Sector.as_str(), &self.values(F::Sector), &mut errors);
        match kind {
            Some(kind) if errors.is_empty() => {
                Ok(SolutionDetails { kind, texts, deployment, certifications, url, category_ids, sector_ids })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_solution_form_names_every_bad_field() {
        let pairs = |pairs: &[(&str, &str)]| {
            SolutionForm(pairs.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect())
        };
        let good = pairs(&[
            ("en.name", "Qalxan SOC"),
            ("kind", "service"),
            ("deployment", "cloud"),
            ("certifications", "ISO 27001\nSOC 2"),
            ("category", "4"),
            ("category", "2"),
        ])
        .parse()
        .unwrap();
        assert_eq!(
            (good.kind, good.deployment, good.category_ids.clone()),
            (SolutionKind::Service, Some(Deployment::Cloud), vec![2, 4])
        );
        assert_eq!(good.certifications, ["ISO 27001", "SOC 2"]);
        assert_eq!(SolutionForm::of(&good).parse(), Ok(good.clone()), "a saved solution fills its form back in");
        let errors =
            pairs(&[("ru.description", "Без названия"), ("kind", "gadget"), ("url", "nowhere")]).parse().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
        assert_eq!(fields, ["ru.name", "kind", "url"]);
    }
}

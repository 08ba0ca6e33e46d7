//! The solution form: one of a listing's solutions as its editors type it (or an import's row reads it).
use serde::{Deserialize, Serialize};

use super::{DESCRIPTION_MAX, NAME_MAX};
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
    pub fn value(&self, name: &str) -> &str {
        first_value(&self.0, name)
    }

    pub fn values(&self, name: &str) -> Vec<&str> {
        every_value(&self.0, name)
    }

    /// The form filled in from a solution.
    pub fn of(details: &SolutionDetails) -> SolutionForm {
        let mut pairs = Vec::new();
        for (lang, text) in details.texts.iter() {
            pairs.push((format!("{lang}.name"), text.name.clone()));
            pairs.push((format!("{lang}.description"), text.description.clone().unwrap_or_default()));
        }
        pairs.push(("kind".to_owned(), details.kind.as_str().to_owned()));
        pairs
            .push(("deployment".to_owned(), details.deployment.map(Deployment::as_str).unwrap_or_default().to_owned()));
        pairs.push(("url".to_owned(), details.url.clone().unwrap_or_default()));
        pairs.push(("certifications".to_owned(), details.certifications.join("\n")));
        pairs.extend(details.category_ids.iter().map(|id| ("category".to_owned(), id.to_string())));
        pairs.extend(details.sector_ids.iter().map(|id| ("sector".to_owned(), id.to_string())));
        SolutionForm(pairs)
    }

    /// Checks every field and builds the solution, or names every field that needs attention.
    pub fn parse(&self) -> Result<SolutionDetails, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut texts = Translations::new();
        for lang in Lang::ALL {
            let field = |name: &str| format!("{lang}.{name}");
            let name = optional_text(&field("name"), self.value(&field("name")), NAME_MAX);
            let description = optional_text(&field("description"), self.value(&field("description")), DESCRIPTION_MAX);
            match (name, description) {
                (Ok(Some(name)), Ok(description)) => texts.insert(*lang, SolutionText { name, description }),
                (Ok(None), Ok(Some(_))) => {
                    errors.push(FieldError::new(field("name"), Problem::NameForTranslation { lang: *lang }))
                }
                (name, description) => errors.extend([name.err(), description.err()].into_iter().flatten()),
            }
        }
        if texts.is_empty() && !errors.iter().any(|error| error.field.ends_with(".name")) {
            errors.push(FieldError::new("az.name", Problem::Required));
        }
        let kind = parse_choice::<SolutionKind>("kind", self.value("kind"), &mut errors);
        let deployment = match self.value("deployment").trim() {
            "" => None,
            value => parse_choice::<Deployment>("deployment", value, &mut errors),
        };
        let url = optional_url("url", self.value("url")).map_err(|error| errors.push(error)).ok().flatten();
        let certifications = parse_certifications(self.value("certifications"), &mut errors);
        let category_ids = parse_ids("category", &self.values("category"), &mut errors);
        let sector_ids = parse_ids("sector", &self.values("sector"), &mut errors);
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

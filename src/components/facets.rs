//! Facet filters as checkbox groups of a GET form: each option shows the count choosing it would give.
use leptos::prelude::*;

use crate::domain::directory::{FacetCount, NamedFacet};

/// One option of a facet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetOption {
    pub value: String,
    pub label: String,
    pub count: u64,
    pub selected: bool,
}

impl FacetOption {
    /// The options of an enum facet worth showing: those with results, and those chosen.
    pub fn of_values<T: Copy + std::fmt::Display>(
        counts: Vec<FacetCount<T>>,
        label: impl Fn(T) -> String,
    ) -> Vec<FacetOption> {
        counts
            .into_iter()
            .filter(|facet| facet.count > 0 || facet.selected)
            .map(|facet| FacetOption {
                value: facet.value.to_string(),
                label: label(facet.value),
                count: facet.count,
                selected: facet.selected,
            })
            .collect()
    }

    /// The options of a taxonomy facet (one level) worth showing.
    pub fn of_named(facets: Vec<NamedFacet>) -> Vec<FacetOption> {
        facets
            .into_iter()
            .filter(|facet| facet.count > 0 || facet.selected)
            .map(|facet| FacetOption {
                value: facet.slug.to_string(),
                label: facet.name,
                count: facet.count,
                selected: facet.selected,
            })
            .collect()
    }
}

/// A group of checkboxes named `name`, one per option.
#[component]
pub fn FacetGroup(legend: String, name: &'static str, options: Vec<FacetOption>) -> impl IntoView {
    if options.is_empty() {
        return None;
    }
    Some(view! {
        <fieldset class="facet">
            <legend class="facet__legend">{legend}</legend>
            <ul class="facet__options">
                {options.into_iter().map(|option| view! { <li><FacetCheckbox name option /></li> }).collect_view()}
            </ul>
        </fieldset>
    })
}

#[component]
fn FacetCheckbox(name: &'static str, option: FacetOption) -> impl IntoView {
    view! {
        <label class="facet-option" class:facet-option--empty=option.count == 0 && !option.selected>
            <input type="checkbox" name=name value=option.value checked=option.selected />
            <span class="facet-option__label">{option.label}</span>
            <span class="facet-option__count">{option.count}</span>
        </label>
    }
}

/// A two-level facet (categories): top-level options, each with its children folded beneath it.
#[component]
pub fn FacetTree(legend: String, name: &'static str, subcategories: String, facets: Vec<NamedFacet>) -> impl IntoView {
    let option = |facet: &NamedFacet| FacetOption {
        value: facet.slug.to_string(),
        label: facet.name.clone(),
        count: facet.count,
        selected: facet.selected,
    };
    let items = facets
        .into_iter()
        .filter(|parent| parent.count > 0 || parent.selected || parent.children.iter().any(|child| child.selected))
        .map(|parent| {
            // Subcategories appear once their category, or one of them, is chosen.
            let expanded = parent.selected || parent.children.iter().any(|child| child.selected);
            let children = expanded.then(|| {
                let children = parent
                    .children
                    .iter()
                    .filter(|child| child.count > 0 || child.selected)
                    .map(|child| view! { <li><FacetCheckbox name option=option(child) /></li> })
                    .collect_view();
                view! { <ul class="facet__options facet__children" aria-label=subcategories.clone()>{children}</ul> }
            });
            view! {
                <li>
                    <FacetCheckbox name option=option(&parent) />
                    {children}
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset class="facet">
            <legend class="facet__legend">{legend}</legend>
            <ul class="facet__options">{items}</ul>
        </fieldset>
    }
}

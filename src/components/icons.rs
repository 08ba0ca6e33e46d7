//! Line icons drawn for Qala, inlined as SVG so they need no requests and follow `currentColor`.
use leptos::prelude::*;

use crate::domain::organization::OrganizationKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IconName {
    Landmark,
    Scales,
    ShieldCheck,
    People,
    Briefcase,
    Rocket,
    GraduationCap,
    Book,
    Flask,
    Coins,
    Globe,
    Search,
    ArrowRight,
    Info,
    Star,
    User,
}

impl IconName {
    fn path(self) -> &'static str {
        match self {
            IconName::User => "M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zM3.5 21a8.5 8.5 0 0 1 17 0",
            IconName::Landmark => "M3 21h18M5 21v-10M19 21v-10M9.5 21v-10M14.5 21v-10M2.5 10 12 4l9.5 6z",
            IconName::Scales => "M12 3v18M6 21h12M4 7h16M6.5 7 3.5 14a3 3 0 0 0 6 0zM17.5 7l-3 7a3 3 0 0 0 6 0z",
            IconName::ShieldCheck => "M12 3 20 6v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zM8.5 12l2.5 2.5 4.5-5",
            IconName::People => {
                "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21a7 7 0 0 1 14 0M16 3.5a4 4 0 0 1 0 7.5M18 14a6 6 0 0 1 4 7"
            }
            IconName::Briefcase => "M3 8h18v12H3zM8 8V5a1 1 0 0 1 1-1h6a1 1 0 0 1 1 1v3M3 13h18",
            IconName::Rocket => {
                "M12 2c3 2 5 6 5 10l-2 4H9l-2-4c0-4 2-8 5-10zM12 10.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zM9 16l-3 3M15 16l3 3M12 17v4"
            }
            IconName::GraduationCap => "M2 9 12 4l10 5-10 5zM6 11v5c2 2 10 2 12 0v-5M22 9v6",
            IconName::Book => "M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2zM4 21V5M8 7h7",
            IconName::Flask => "M9 3h6M10 3v6L4.2 19a1.5 1.5 0 0 0 1.3 2h13a1.5 1.5 0 0 0 1.3-2L14 9V3M7 15h10",
            IconName::Coins => {
                "M4 6c0 1.7 3.6 3 8 3s8-1.3 8-3-3.6-3-8-3-8 1.3-8 3zM4 6v6c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12v6c0 1.7 3.6 3 8 3s8-1.3 8-3v-6"
            }
            IconName::Globe => {
                "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM3 12h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9s1-6.5 3.5-9z"
            }
            IconName::Star => "M12 3l2.8 5.7 6.2.9-4.5 4.4 1.1 6.2L12 17.3l-5.6 2.9 1.1-6.2L3 9.6l6.2-.9z",
            IconName::Search => "M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20.5 20.5 16 16",
            IconName::ArrowRight => "M5 12h14M13 6l6 6-6 6",
            IconName::Info => "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 11v5M12 8h.01",
        }
    }

    pub fn for_kind(kind: OrganizationKind) -> IconName {
        match kind {
            OrganizationKind::GovernmentAgency => IconName::Landmark,
            OrganizationKind::Regulator => IconName::Scales,
            OrganizationKind::Cert => IconName::ShieldCheck,
            OrganizationKind::Association => IconName::People,
            OrganizationKind::Company => IconName::Briefcase,
            OrganizationKind::Startup => IconName::Rocket,
            OrganizationKind::University => IconName::GraduationCap,
            OrganizationKind::TrainingProvider => IconName::Book,
            OrganizationKind::ResearchLab => IconName::Flask,
            OrganizationKind::Investor => IconName::Coins,
            OrganizationKind::InternationalOrganization => IconName::Globe,
        }
    }
}

/// A decorative icon: hidden from assistive technology, so its meaning must be in nearby text.
#[component]
pub fn Icon(name: IconName, #[prop(optional)] class: &'static str) -> impl IntoView {
    view! {
        <svg
            class=format!("icon {class}")
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            stroke-width="1.75"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden="true"
            focusable="false"
        >
            <path d=name.path() />
        </svg>
    }
}

/// Qala's mark: a crenellated tower with a gate ("qala" is a fortress).
#[component]
pub fn Logo() -> impl IntoView {
    view! {
        <svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <path
                fill="currentColor"
                fill-rule="evenodd"
                d="M5 4h4v3h2V4h4v3h2V4h4v3h2V4h4v9l-2 2v13H7V15l-2-2zM13.5 28v-5.5a2.5 2.5 0 0 1 5 0V28zM10.5 17h2v3h-2zM19.5 17h2v3h-2z"
            />
        </svg>
    }
}

//! Every address of the site, built in one place. The Leptos route table (`app.rs`) names its segments
//! with [`segment`]; the axum routes that take forms posted without JavaScript get their patterns by
//! calling the same builders with placeholders (`editing::logo("{lang}", "{slug}")`); pages, mails, the
//! sitemap and the API link with the builders. An address changes here or nowhere.
//!
//! Builders return the path below the site's origin; an absolute address (a mail, the feed) is the
//! public URL followed by it. Query strings and fragments are the caller's (`?saved=pending`).
use std::fmt::Display;

/// The segments of the page addresses, shared by the route table and the builders.
pub mod segment {
    pub const ORGANIZATIONS: &str = "organizations";
    pub const STARTUPS: &str = "startups";
    pub const SOLUTIONS: &str = "solutions";
    pub const COMPARE: &str = "compare";
    pub const LANDSCAPE: &str = "landscape";
    pub const FORUM: &str = "forum";
    pub const ACCOUNT: &str = "account";
    pub const SIGN_UP: &str = "sign-up";
    pub const SIGN_IN: &str = "sign-in";
    pub const FORGOT_PASSWORD: &str = "forgot-password";
    pub const RESET: &str = "reset";
    pub const VERIFY: &str = "verify";
    pub const OUTBOX: &str = "outbox";
    pub const NEW: &str = "new";
    pub const PROFILE: &str = "profile";
    pub const LOGO: &str = "logo";
    pub const STAFF: &str = "staff";
    pub const REVISIONS: &str = "revisions";
    pub const CLAIMS: &str = "claims";
    pub const LISTINGS: &str = "listings";
    pub const PEOPLE: &str = "people";
    pub const TAXONOMY: &str = "taxonomy";
    pub const QUALITY: &str = "quality";
    pub const AUDIT: &str = "audit";
    pub const PAGES: &str = "pages";
    pub const IMPORT: &str = "import";
}

use segment::*;

use crate::domain::site_page::SitePageKind;

/// The public pages every language has besides profiles and solutions, by their segment below
/// `/{lang}` (the home page's is empty): the sitemap lists them, and each has an address without a
/// language that leads to the visitor's.
pub const SECTIONS: [&str; 10] = [
    "",
    ORGANIZATIONS,
    STARTUPS,
    SOLUTIONS,
    LANDSCAPE,
    FORUM,
    SitePageKind::About.as_str(),
    SitePageKind::Contact.as_str(),
    SitePageKind::Privacy.as_str(),
    SitePageKind::Terms.as_str(),
];

/// What follows `/{lang}` in the address of a section: empty for the home page, else `/` and the segment.
pub fn below_lang(section: &str) -> String {
    if section.is_empty() { String::new() } else { format!("/{section}") }
}

/// A language's home page.
pub fn home(lang: impl Display) -> String {
    format!("/{lang}")
}

/// The organization directory (its search page).
pub fn directory(lang: impl Display) -> String {
    format!("/{lang}/{ORGANIZATIONS}")
}

/// An organization's public profile.
pub fn profile(lang: impl Display, slug: impl Display) -> String {
    format!("/{lang}/{ORGANIZATIONS}/{slug}")
}

/// A profile's address without a language, which leads to it in the visitor's: the feed's entry ids.
pub fn profile_in_any_language(slug: impl Display) -> String {
    format!("/{ORGANIZATIONS}/{slug}")
}

/// The startup showcase.
pub fn startups(lang: impl Display) -> String {
    format!("/{lang}/{STARTUPS}")
}

/// The solutions catalogue.
pub fn solutions(lang: impl Display) -> String {
    format!("/{lang}/{SOLUTIONS}")
}

/// One solution's page.
pub fn solution(lang: impl Display, slug: impl Display) -> String {
    format!("/{lang}/{SOLUTIONS}/{slug}")
}

/// Solutions side by side.
pub fn compare(lang: impl Display) -> String {
    format!("/{lang}/{SOLUTIONS}/{COMPARE}")
}

/// The ecosystem landscape.
pub fn landscape(lang: impl Display) -> String {
    format!("/{lang}/{LANDSCAPE}")
}

/// The forum's editions and panels.
pub fn forum(lang: impl Display) -> String {
    format!("/{lang}/{FORUM}")
}

/// One of the [`SECTIONS`] in a language (a site page's kind is its section: `/en/about`).
pub fn section(lang: impl Display, section: &str) -> String {
    format!("/{lang}{}", below_lang(section))
}

/// The Atom feed of new listings, in a language.
pub fn feed(lang: impl Display) -> String {
    format!("{FEED}?lang={lang}")
}

/// The feed's address without a language (its id, and its route).
pub const FEED: &str = "/feed.atom";
/// The sitemap index.
pub const SITEMAP: &str = "/sitemap.xml";

/// A logo at one of the served sizes.
pub fn logo_at(slug: impl Display, size: impl Display) -> String {
    format!("/logos/{slug}/{size}")
}

/// A logo with its version, which changes with the image, so the address may be cached for long.
pub fn logo(slug: impl Display, size: impl Display, version: impl Display) -> String {
    format!("{}?v={version}", logo_at(slug, size))
}

/// A person's account: sign-up, sign-in, passwords, second factor.
pub mod account {
    use super::*;

    /// The account page (sessions, second factor, one's listings).
    pub fn home(lang: impl Display) -> String {
        format!("/{lang}/{ACCOUNT}")
    }

    pub fn sign_up(lang: impl Display) -> String {
        format!("/{lang}/{ACCOUNT}/{SIGN_UP}")
    }

    pub fn sign_in(lang: impl Display) -> String {
        format!("/{lang}/{ACCOUNT}/{SIGN_IN}")
    }

    pub fn forgot_password(lang: impl Display) -> String {
        format!("/{lang}/{ACCOUNT}/{FORGOT_PASSWORD}")
    }

    /// Where a password-reset mail's link leads (its token is the query).
    pub fn reset_password(lang: impl Display) -> String {
        format!("/{lang}/{ACCOUNT}/{RESET}")
    }

    /// Where an address-confirmation mail's link leads (its token is the query).
    pub fn verify_email(lang: impl Display) -> String {
        format!("/{lang}/{ACCOUNT}/{VERIFY}")
    }

    /// The mails this instance would have sent (development and demo instances).
    pub fn outbox(lang: impl Display) -> String {
        format!("/{lang}/{ACCOUNT}/{OUTBOX}")
    }
}

/// An organization's own listing, edited by its people.
pub mod editing {
    use super::*;

    /// The listing's editor: profile, logo, solutions, people.
    pub fn listing(lang: impl Display, slug: impl Display) -> String {
        format!("/{lang}/{ACCOUNT}/{ORGANIZATIONS}/{slug}")
    }

    /// Where the profile form posts without JavaScript.
    pub fn profile(lang: impl Display, slug: impl Display) -> String {
        format!("{}/{PROFILE}", listing(lang, slug))
    }

    /// Where the logo form posts.
    pub fn logo(lang: impl Display, slug: impl Display) -> String {
        format!("{}/{LOGO}", listing(lang, slug))
    }

    /// A logo waiting for review, shown only to the listing's people (no language: it is an image).
    pub fn pending_logo(slug: impl Display) -> String {
        format!("/{ACCOUNT}/{ORGANIZATIONS}/{slug}/pending-logo")
    }

    /// One solution's editor; the key `new` starts a new solution.
    pub fn solution(lang: impl Display, slug: impl Display, key: impl Display) -> String {
        format!("{}/{SOLUTIONS}/{key}", listing(lang, slug))
    }

    /// Proposing a new listing.
    pub fn new_listing(lang: impl Display) -> String {
        format!("/{lang}/{ACCOUNT}/{ORGANIZATIONS}/{NEW}")
    }
}

/// Forum staff's pages and the forms they post.
pub mod curation {
    use super::*;

    /// The staff dashboard: the review queue, claims, listings.
    pub fn dashboard(lang: impl Display) -> String {
        format!("/{lang}/{STAFF}")
    }

    /// One proposed change, decided field by field.
    pub fn revision(lang: impl Display, id: impl Display) -> String {
        format!("/{lang}/{STAFF}/{REVISIONS}/{id}")
    }

    /// The logo a change proposes (no language: it is an image).
    pub fn proposed_logo(id: impl Display) -> String {
        format!("/{STAFF}/{REVISIONS}/{id}/{LOGO}")
    }

    /// Where a decision on a claim posts.
    pub fn claim(lang: impl Display, id: impl Display) -> String {
        format!("/{lang}/{STAFF}/{CLAIMS}/{id}")
    }

    /// One listing as staff see it: verification, featuring, hiding, merging.
    pub fn listing(lang: impl Display, slug: impl Display) -> String {
        format!("/{lang}/{STAFF}/{LISTINGS}/{slug}")
    }

    /// People and their roles.
    pub fn people(lang: impl Display) -> String {
        format!("/{lang}/{STAFF}/{PEOPLE}")
    }

    /// Where a change to one person's role posts.
    pub fn person(lang: impl Display, id: impl Display) -> String {
        format!("{}/{id}", people(lang))
    }

    /// The taxonomy editor.
    pub fn taxonomy(lang: impl Display) -> String {
        format!("/{lang}/{STAFF}/{TAXONOMY}")
    }

    /// Where a change to one kind of term (categories, sectors, …) posts.
    pub fn taxonomy_terms(lang: impl Display, kind: impl Display) -> String {
        format!("{}/{kind}", taxonomy(lang))
    }

    /// The data-quality report.
    pub fn quality(lang: impl Display) -> String {
        format!("/{lang}/{STAFF}/{QUALITY}")
    }

    /// The forum's editions and panels, as staff edit them.
    pub fn forum(lang: impl Display) -> String {
        format!("/{lang}/{STAFF}/{FORUM}")
    }

    /// The audit log.
    pub fn audit(lang: impl Display) -> String {
        format!("/{lang}/{STAFF}/{AUDIT}")
    }

    /// The audit log as a spreadsheet (its filters are the query).
    pub fn audit_csv() -> String {
        format!("/{STAFF}/{AUDIT}.csv")
    }

    /// The site's own pages (about, contact, privacy, terms), as staff edit them.
    pub fn site_pages(lang: impl Display) -> String {
        format!("/{lang}/{STAFF}/{PAGES}")
    }

    /// Bulk import.
    pub fn import(lang: impl Display) -> String {
        format!("/{lang}/{STAFF}/{IMPORT}")
    }
}

/// The open-data API (no language in the path: it is a query parameter).
pub mod api {
    use std::fmt::Display;

    /// The API's root; every address below it that it does not know answers 404 in JSON.
    pub const ROOT: &str = "/api/v1";
    pub const ORGANIZATIONS: &str = "/api/v1/organizations";
    pub const ORGANIZATIONS_CSV: &str = "/api/v1/organizations.csv";
    pub const SOLUTIONS: &str = "/api/v1/solutions";
    pub const CATEGORIES: &str = "/api/v1/categories";
    pub const SECTORS: &str = "/api/v1/sectors";
    pub const OPENAPI: &str = "/api/v1/openapi.json";
    pub const EXPORT_JSON: &str = "/api/v1/export.json";
    pub const EXPORT_ORGANIZATIONS_CSV: &str = "/api/v1/export/organizations.csv";
    pub const EXPORT_SOLUTIONS_CSV: &str = "/api/v1/export/solutions.csv";

    /// One organization's record.
    pub fn organization(slug: impl Display) -> String {
        format!("{ORGANIZATIONS}/{slug}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_with_placeholders_are_the_axum_patterns() {
        assert_eq!(editing::logo("{lang}", "{slug}"), "/{lang}/account/organizations/{slug}/logo");
        assert_eq!(editing::solution("en", "milli-cert", "new"), "/en/account/organizations/milli-cert/solutions/new");
        assert_eq!(curation::person("{lang}", "{id}"), "/{lang}/staff/people/{id}");
        assert_eq!(profile("az", "milli-cert"), "/az/organizations/milli-cert");
        assert_eq!(api::organization("milli-cert"), "/api/v1/organizations/milli-cert");
    }
}

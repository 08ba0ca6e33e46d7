//! Types and rules shared by the server and the browser.
//!
//! Nothing in here touches a database, the network or the DOM: the same validation runs in both places,
//! and the server has the last word.

/// Declares a closed set of values that is stored, sent and put in URLs as fixed lowercase words.
///
/// The word is the contract with the database (CHECK constraints list the same words) and with
/// shared URLs, so a variant may be added but its word never changed.
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
        )]
        $vis enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::UnknownValue;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::domain::UnknownValue {
                        kind: stringify!($name),
                        value: text.to_owned(),
                    }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str(self.as_str())
            }
        }
    };
}

pub mod account;
pub mod audit;
pub mod bulk;
pub mod city;
pub mod country;
pub mod curation;
pub mod directory;
pub mod editing;
pub mod forum;
pub mod lang;
pub mod limits;
pub mod organization;
pub mod profile;
pub mod showcase;
pub mod site_page;
pub mod slug;
pub mod solution;
pub mod startup;
pub mod stats;
pub mod taxonomy;
pub mod user;
pub mod validation;

/// A word that names none of an enum's values (from a URL, a form or a database row).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} value {value:?}")]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
}

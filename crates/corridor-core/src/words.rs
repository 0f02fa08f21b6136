//! Closed sets of words stored as text (`decision`, `framework_agreement`…): one macro gives each its stored
//! name, its label for people, parsing with a message that lists the choices, and its JSON schema.

/// Declares a word enum: `Name { Variant = "stored" / "Label", … }`.
macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal / $label:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            /// Every value, in the order forms list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stored name.
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $text),+ } }
            /// The name a reader sees.
            pub fn label(self) -> &'static str { match self { $($name::$variant => $label),+ } }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s.trim()).ok_or_else(|| {
                    format!("must be one of {}", Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "))
                })
            }
        }
    };
}

pub(crate) use word_enum;

//! The rules that classify a change as breaking or not for a Rust caller.

/// Whether a change breaks a Rust caller of the bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    /// Code that compiled and worked against the old bindings may not compile, or
    /// may fail where it succeeded.
    Breaking,
    /// Such code still compiles and behaves as before.
    Compatible,
}

/// Why a change is breaking or not. Every change names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// Something callers can name is gone.
    Removed,
    /// Something new that no existing code names.
    Added,
    /// A rename: code that names the old name no longer compiles.
    Renamed,
    /// The Rust type of a value changed.
    TypeChanged,
    /// A new required parameter or body is a new argument of the method.
    NewArgument,
    /// A new optional parameter or body is a new setter of the request builder.
    NewSetter,
    /// A parameter or body moved between the method's arguments and the builder's
    /// setters.
    Moved,
    /// A sent struct gained a field: struct literals must name every field.
    StructLiteral,
    /// A received struct gained a field: callers read received types, the bindings
    /// build them.
    ReceivedField,
    /// A new variant of a generated enum, which is `#[non_exhaustive]`: matches
    /// already have a `_` arm. What arrived as `Unknown` or `Unexpected` now has
    /// its own variant.
    NonExhaustive,
    /// A rule on a sent value got stricter: a value the old rule accepted may be
    /// refused when it is built.
    Tightened,
    /// A rule on a sent value got looser: every value that was accepted still is.
    Loosened,
    /// A rule on a received value changed: it binds what the server sends, not
    /// what callers write.
    ReceivedRule,
    /// A received field is now required with the same Rust type: a reply without
    /// it, which decoded, now fails.
    StricterDecoding,
    /// The same Rust type, read and written differently on the wire only.
    WireOnly,
    /// Credentials that an operation accepted are refused before sending.
    AuthNarrowed,
    /// The operation accepts every credential it accepted, and maybe more.
    AuthWidened,
    /// The operation no longer compiles with a cargo feature that compiled it (its
    /// tags changed).
    FeatureNarrowed,
    /// The operation compiles with every feature that compiled it, and more.
    FeatureWidened,
}

impl Rule {
    /// Every rule, for the documentation and the JSON legend.
    pub const ALL: [Rule; 19] = [
        Rule::Removed,
        Rule::Added,
        Rule::Renamed,
        Rule::TypeChanged,
        Rule::NewArgument,
        Rule::NewSetter,
        Rule::Moved,
        Rule::StructLiteral,
        Rule::ReceivedField,
        Rule::NonExhaustive,
        Rule::Tightened,
        Rule::Loosened,
        Rule::ReceivedRule,
        Rule::StricterDecoding,
        Rule::WireOnly,
        Rule::AuthNarrowed,
        Rule::AuthWidened,
        Rule::FeatureNarrowed,
        Rule::FeatureWidened,
    ];

    /// How the rule classifies.
    pub fn class(self) -> Class {
        match self {
            Rule::Removed
            | Rule::Renamed
            | Rule::TypeChanged
            | Rule::NewArgument
            | Rule::Moved
            | Rule::StructLiteral
            | Rule::Tightened
            | Rule::StricterDecoding
            | Rule::AuthNarrowed
            | Rule::FeatureNarrowed => Class::Breaking,
            Rule::Added
            | Rule::NewSetter
            | Rule::ReceivedField
            | Rule::NonExhaustive
            | Rule::Loosened
            | Rule::ReceivedRule
            | Rule::WireOnly
            | Rule::AuthWidened
            | Rule::FeatureWidened => Class::Compatible,
        }
    }

    /// The rule's short name (`struct-literal`).
    pub fn id(self) -> &'static str {
        match self {
            Rule::Removed => "removed",
            Rule::Added => "added",
            Rule::Renamed => "renamed",
            Rule::TypeChanged => "type-changed",
            Rule::NewArgument => "new-argument",
            Rule::NewSetter => "new-setter",
            Rule::Moved => "moved",
            Rule::StructLiteral => "struct-literal",
            Rule::ReceivedField => "received-field",
            Rule::NonExhaustive => "non-exhaustive",
            Rule::Tightened => "tightened",
            Rule::Loosened => "loosened",
            Rule::ReceivedRule => "received-rule",
            Rule::StricterDecoding => "stricter-decoding",
            Rule::WireOnly => "wire-only",
            Rule::AuthNarrowed => "auth-narrowed",
            Rule::AuthWidened => "auth-widened",
            Rule::FeatureNarrowed => "feature-narrowed",
            Rule::FeatureWidened => "feature-widened",
        }
    }

    /// Why the rule classifies as it does, in one sentence.
    pub fn reason(self) -> &'static str {
        match self {
            Rule::Removed => "code that names it no longer compiles",
            Rule::Added => "no existing code names it",
            Rule::Renamed => "code that names the old name no longer compiles",
            Rule::TypeChanged => "code that builds or reads the value with the old type no longer compiles",
            Rule::NewArgument => "a required input is an argument of the method: existing calls lack it",
            Rule::NewSetter => "an optional input is a setter of the request builder: existing calls compile",
            Rule::Moved => "the input moves between the method's arguments and the builder's setters",
            Rule::StructLiteral => "values of a sent struct are struct literals, which must name every field",
            Rule::ReceivedField => "received structs are built by the bindings and read by callers",
            Rule::NonExhaustive => "generated enums are #[non_exhaustive], so every match already has a `_` arm",
            Rule::Tightened => "a sent value that the old rule accepted may now be refused when built",
            Rule::Loosened => "every value accepted before still is",
            Rule::ReceivedRule => "a rule on a received value binds what the server sends, not what callers write",
            Rule::StricterDecoding => "a reply without the field decoded before and fails now",
            Rule::WireOnly => "the Rust type is the same; only the wire form differs",
            Rule::AuthNarrowed => "credentials that were accepted are now refused before sending",
            Rule::AuthWidened => "every credential accepted before still is",
            Rule::FeatureNarrowed => "a crate that enables only the features it had no longer compiles the operation",
            Rule::FeatureWidened => "every feature that compiled the operation still does",
        }
    }
}

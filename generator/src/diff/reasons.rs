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
pub enum Reason {
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

impl Reason {
    /// Every rule, for the documentation and the JSON legend.
    pub const ALL: [Reason; 19] = [
        Reason::Removed,
        Reason::Added,
        Reason::Renamed,
        Reason::TypeChanged,
        Reason::NewArgument,
        Reason::NewSetter,
        Reason::Moved,
        Reason::StructLiteral,
        Reason::ReceivedField,
        Reason::NonExhaustive,
        Reason::Tightened,
        Reason::Loosened,
        Reason::ReceivedRule,
        Reason::StricterDecoding,
        Reason::WireOnly,
        Reason::AuthNarrowed,
        Reason::AuthWidened,
        Reason::FeatureNarrowed,
        Reason::FeatureWidened,
    ];

    /// How the rule classifies.
    pub fn class(self) -> Class {
        match self {
            Reason::Removed
            | Reason::Renamed
            | Reason::TypeChanged
            | Reason::NewArgument
            | Reason::Moved
            | Reason::StructLiteral
            | Reason::Tightened
            | Reason::StricterDecoding
            | Reason::AuthNarrowed
            | Reason::FeatureNarrowed => Class::Breaking,
            Reason::Added
            | Reason::NewSetter
            | Reason::ReceivedField
            | Reason::NonExhaustive
            | Reason::Loosened
            | Reason::ReceivedRule
            | Reason::WireOnly
            | Reason::AuthWidened
            | Reason::FeatureWidened => Class::Compatible,
        }
    }

    /// The rule's short name (`struct-literal`).
    pub fn id(self) -> &'static str {
        match self {
            Reason::Removed => "removed",
            Reason::Added => "added",
            Reason::Renamed => "renamed",
            Reason::TypeChanged => "type-changed",
            Reason::NewArgument => "new-argument",
            Reason::NewSetter => "new-setter",
            Reason::Moved => "moved",
            Reason::StructLiteral => "struct-literal",
            Reason::ReceivedField => "received-field",
            Reason::NonExhaustive => "non-exhaustive",
            Reason::Tightened => "tightened",
            Reason::Loosened => "loosened",
            Reason::ReceivedRule => "received-rule",
            Reason::StricterDecoding => "stricter-decoding",
            Reason::WireOnly => "wire-only",
            Reason::AuthNarrowed => "auth-narrowed",
            Reason::AuthWidened => "auth-widened",
            Reason::FeatureNarrowed => "feature-narrowed",
            Reason::FeatureWidened => "feature-widened",
        }
    }

    /// Why the rule classifies as it does, in one sentence.
    pub fn reason(self) -> &'static str {
        match self {
            Reason::Removed => "code that names it no longer compiles",
            Reason::Added => "no existing code names it",
            Reason::Renamed => "code that names the old name no longer compiles",
            Reason::TypeChanged => "code that builds or reads the value with the old type no longer compiles",
            Reason::NewArgument => "a required input is an argument of the method: existing calls lack it",
            Reason::NewSetter => "an optional input is a setter of the request builder: existing calls compile",
            Reason::Moved => "the input moves between the method's arguments and the builder's setters",
            Reason::StructLiteral => "values of a sent struct are struct literals, which must name every field",
            Reason::ReceivedField => "received structs are built by the bindings and read by callers",
            Reason::NonExhaustive => "generated enums are #[non_exhaustive], so every match already has a `_` arm",
            Reason::Tightened => "a sent value that the old rule accepted may now be refused when built",
            Reason::Loosened => "every value accepted before still is",
            Reason::ReceivedRule => "a rule on a received value binds what the server sends, not what callers write",
            Reason::StricterDecoding => "a reply without the field decoded before and fails now",
            Reason::WireOnly => "the Rust type is the same; only the wire form differs",
            Reason::AuthNarrowed => "credentials that were accepted are now refused before sending",
            Reason::AuthWidened => "every credential accepted before still is",
            Reason::FeatureNarrowed => "a crate that enables only the features it had no longer compiles the operation",
            Reason::FeatureWidened => "every feature that compiled the operation still does",
        }
    }
}

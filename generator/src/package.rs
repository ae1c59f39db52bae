//! A standalone crate for any spec: the generated files under `src/`, beside a
//! `Cargo.toml` that depends on exactly what the generated code uses.

use std::collections::BTreeMap;

pub use crate::ir::{FULL, SERIALIZE};
use crate::{CargoFeature, Generated};

/// The dependencies every generated crate needs, as `Cargo.toml` lines. The root
/// crate of this repository declares the same ones (a test keeps them in step).
pub const MODEL_DEPENDENCIES: &[&str] = &[
    r#"chrono = { version = "0.4", default-features = false, features = ["serde", "std"] }"#,
    r#"fancy-regex = "0.14""#,
    r#"regex = "1""#,
    r#"serde = { version = "1", features = ["derive"] }"#,
    r#"serde_json = { version = "1", features = ["raw_value"] }"#,
    r#"serde_path_to_error = "0.1""#,
    r#"url = { version = "2", features = ["serde"] }"#,
];

/// The further dependencies of a crate with a client.
pub const CLIENT_DEPENDENCIES: &[&str] = &[
    r#"base64 = "0.22""#,
    r#"bytes = "1""#,
    r#"fastrand = "2""#,
    r#"futures-core = "0.3""#,
    r#"futures-util = { version = "0.3", default-features = false }"#,
    r#"http = "1""#,
    r#"httpdate = "1""#,
    r#"parse_link_header = "0.4""#,
    r#"percent-encoding = "2""#,
    r#"reqwest = { version = "0.13", default-features = false, features = ["rustls", "http2", "system-proxy", "multipart", "stream"] }"#,
    r#"tokio = { version = "1", default-features = false, features = ["time"] }"#,
    r#"tracing = { version = "0.1", optional = true, default-features = false, features = ["std"] }"#,
    r#"wiremock = { version = "0.6", optional = true }"#,
];

/// The further dependencies of a crate with webhooks: the RustCrypto HMAC and
/// SHA-2, ed25519-dalek, and axum for the extractor behind the `axum` feature.
pub const WEBHOOK_DEPENDENCIES: &[&str] = &[
    r#"axum = { version = "0.8", optional = true, default-features = false, features = ["tokio"] }"#,
    r#"base64 = "0.22""#,
    r#"bytes = "1""#,
    r#"ed25519-dalek = { version = "2", features = ["pkcs8", "pem"] }"#,
    r#"hex = "0.4""#,
    r#"hmac = "0.12""#,
    r#"http = "1""#,
    r#"http-body-util = { version = "0.1", optional = true }"#,
    r#"sha2 = "0.10""#,
];

/// A support module of the runtime that only some crates have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    /// `client.rs`: the specs have operations.
    Client,
    /// `webhooks.rs`: the specs have webhooks.
    Webhooks,
}

impl Support {
    /// The support modules among generated files.
    pub fn of(generated: &Generated) -> Vec<Support> {
        [("client.rs", Support::Client), ("webhooks.rs", Support::Webhooks)]
            .into_iter()
            .filter(|(file, _)| generated.files.contains_key(*file))
            .map(|(_, support)| support)
            .collect()
    }

    fn dependencies(self) -> &'static [&'static str] {
        match self {
            Support::Client => CLIENT_DEPENDENCIES,
            Support::Webhooks => WEBHOOK_DEPENDENCIES,
        }
    }
}

/// What names the crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// The package name (`[package] name`).
    pub name: String,
    /// The package version.
    pub version: String,
}

/// A crate with at most this many operations and webhooks enables every feature by
/// default; a larger one enables none, and its user picks the tags they call.
pub const DEFAULT_ALL_UP_TO: usize = 200;

/// The features a crate enables by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Defaults {
    /// `full` and `serialize`: every operation and webhook, every type `Serialize`.
    All,
    /// None: a large API, whose user enables the tags they call.
    None,
    /// None, for a large API that no tag divides: all of it compiles, and its user
    /// adds `serialize` only to write received values back out.
    Undivided,
}

impl Defaults {
    /// The defaults of a crate with this generated code (see [`DEFAULT_ALL_UP_TO`]).
    pub fn of(generated: &Generated) -> Defaults {
        let items: usize = generated.modules.iter().map(|m| m.operations + m.webhooks).sum();
        // `full` and `serialize` are every crate's; any other generated feature gates.
        let divided = generated.features.iter().any(|f| f.name != FULL);
        match (items <= DEFAULT_ALL_UP_TO, divided) {
            (true, _) => Defaults::All,
            (false, true) => Defaults::None,
            (false, false) => Defaults::Undivided,
        }
    }
}

/// The `Cargo.toml` lines of the generated features (`full` first, see
/// [`Generated::features`]) and of [`SERIALIZE`], each with a comment.
pub fn tag_features(features: &[CargoFeature]) -> String {
    let mut lines = Vec::new();
    // `full` is always there: the defaults and the runtime's features name it.
    let full = CargoFeature::full();
    let missing = (!features.iter().any(|f| f.name == FULL)).then_some(&full);
    for feature in missing.into_iter().chain(features) {
        let enables: Vec<String> = feature.enables.iter().map(|name| format!("{name:?}")).collect();
        lines.push(format!("# {}", feature.doc));
        lines.push(format!("{} = [{}]", feature.name, enables.join(", ")));
        if feature.name == FULL {
            lines
                .push("# `Serialize` for the types the client never sends (responses, webhook deliveries):".to_owned());
            lines.push(
                "# reading them needs only `Deserialize`, and the derives cost a large API's check time.".to_owned(),
            );
            lines.push(format!("{SERIALIZE} = []"));
        }
    }
    lines.join("\n") + "\n"
}

/// The line that opens the generated features in a hand-written `Cargo.toml`.
pub const FEATURES_BEGIN: &str = "# @generated features: openapi-bindgen rewrites the lines up to the end mark.";
/// The line that closes them.
pub const FEATURES_END: &str = "# end of the generated features";

/// `manifest` (a hand-written `Cargo.toml`) with the lines between
/// [`FEATURES_BEGIN`] and [`FEATURES_END`] holding `features` (see
/// [`tag_features`]); an error when the marks are missing.
pub fn with_features(manifest: &str, features: &[CargoFeature]) -> Result<String, String> {
    let begin = manifest.find(FEATURES_BEGIN).ok_or_else(|| format!("no line `{FEATURES_BEGIN}`"))?;
    let body = begin + FEATURES_BEGIN.len() + 1;
    let end = manifest.get(body..).and_then(|rest| rest.find(FEATURES_END)).map(|at| body + at);
    let end = end.ok_or_else(|| format!("no line `{FEATURES_END}` after `{FEATURES_BEGIN}`"))?;
    Ok(format!("{}{}{}", &manifest[..body], tag_features(features), &manifest[end..]))
}

/// The generation as a standalone crate: `Cargo.toml`, and every generated file
/// under `src/`.
pub fn into_crate(generated: Generated, package: &Package) -> Generated {
    let manifest = manifest(package, &Support::of(&generated), &generated.features, Defaults::of(&generated));
    let mut files: BTreeMap<String, String> =
        generated.files.into_iter().map(|(path, text)| (format!("src/{path}"), text)).collect();
    files.insert("Cargo.toml".to_owned(), manifest);
    Generated { files, ..generated }
}

/// The `Cargo.toml` of a generated crate with these support modules and features.
pub fn manifest(package: &Package, support: &[Support], features: &[CargoFeature], defaults: Defaults) -> String {
    let mut dependencies: Vec<&str> = MODEL_DEPENDENCIES.to_vec();
    support.iter().for_each(|s| dependencies.extend(s.dependencies()));
    dependencies.sort_unstable();
    dependencies.dedup();
    let default = match defaults {
        Defaults::All => format!(
            "# The API has at most {DEFAULT_ALL_UP_TO} operations and webhooks: all of them by default.\n\
             default = [\"{FULL}\", \"{SERIALIZE}\"]\n"
        ),
        Defaults::None => format!(
            "# The API has more than {DEFAULT_ALL_UP_TO} operations and webhooks: enable the tags you call.\n\
             default = []\n"
        ),
        Defaults::Undivided => format!(
            "# The API has more than {DEFAULT_ALL_UP_TO} operations and webhooks, and no tag divides it: all of it\n\
             # compiles. Enable `{SERIALIZE}` to write received values back out.\n\
             default = []\n"
        ),
    };
    let axum = if support.contains(&Support::Webhooks) {
        "# An axum extractor of authenticated webhook deliveries (`webhooks::Verified`).\naxum = [\"dep:axum\", \"dep:http-body-util\"]\n\
         # `webhooks::testing`: deliveries signed as the vendor signs them, for tests of handlers.\ntesting = []\n"
    } else {
        ""
    };
    let tracing = if support.contains(&Support::Client) {
        "# A `tracing` span per client call (operation, method, path template, status, attempt, duration).\ntracing = [\"dep:tracing\"]\n\
         # `client::mock::MockServer`: a typed mock server (wiremock) for tests of code that calls the client.\n\
         mock = [\"serialize\", \"dep:wiremock\"]\n"
    } else {
        ""
    };
    let features = format!("\n[features]\n{default}{}{axum}{tracing}", tag_features(features));
    format!(
        "# @generated by openapi-bindgen: regenerating the crate rewrites this file.\n\
         [package]\n\
         name = {name:?}\n\
         version = {version:?}\n\
         edition = \"2021\"\n\
         rust-version = \"1.88\"\n\
         publish = false\n\
         {features}\
         \n\
         [dependencies]\n\
         {dependencies}\n",
        name = package.name,
        version = package.version,
        dependencies = dependencies.join("\n"),
    )
}

/// A valid package name made of `raw`: ASCII alphanumerics, `-` and `_`, starting with
/// a letter.
pub fn package_name(raw: &str) -> String {
    let mut name: String =
        raw.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '-' }).collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "api-");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_are_valid() {
        assert_eq!(package_name("github-rest"), "github-rest");
        assert_eq!(package_name("3d printer.api"), "api-3d-printer-api");
        assert_eq!(package_name("stripe"), "stripe");
    }

    #[test]
    fn dependencies_follow_the_support_modules() {
        let package = Package { name: "x".into(), version: "0.1.0".into() };
        let models = manifest(&package, &[], &[], Defaults::All);
        assert!(!models.contains("reqwest") && !models.contains("hmac") && !models.contains("axum"));
        let all = manifest(&package, &[Support::Client, Support::Webhooks], &[], Defaults::All);
        assert!(all.contains("reqwest") && all.contains("hmac") && all.contains("name = \"x\""));
        assert!(all.contains("axum = [\"dep:axum\", \"dep:http-body-util\"]"));
        let deps: Vec<&str> = all.lines().skip_while(|l| *l != "[dependencies]").skip(1).collect();
        assert!(all.contains("default = [\"full\", \"serialize\"]"));
        let mut sorted = deps.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(deps, sorted, "sorted, each once");
        let mut expected: Vec<&str> = [MODEL_DEPENDENCIES, CLIENT_DEPENDENCIES, WEBHOOK_DEPENDENCIES].concat();
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(deps, expected);
    }

    #[test]
    fn small_apis_enable_everything_by_default_and_large_ones_nothing() {
        let tags =
            vec![CargoFeature::full(), CargoFeature { name: "calls".into(), doc: String::new(), enables: Vec::new() }];
        let with = |operations: usize, webhooks: usize| Generated {
            files: BTreeMap::new(),
            warnings: Vec::new(),
            modules: vec![crate::ModuleSummary {
                name: "m".into(),
                source: "m.yaml".into(),
                operations,
                types: 0,
                webhooks,
            }],
            features: tags.clone(),
        };
        assert_eq!(Defaults::of(&with(150, 50)), Defaults::All);
        assert_eq!(Defaults::of(&with(150, 51)), Defaults::None);
        assert_eq!(Defaults::of(&with(0, 0)), Defaults::All);
        let undivided = Generated { features: vec![CargoFeature::full()], ..with(150, 51) };
        assert_eq!(Defaults::of(&undivided), Defaults::Undivided, "no tag to enable: all of it compiles");
    }

    #[test]
    fn hand_written_manifests_get_the_features_between_their_marks() {
        let features = [CargoFeature { name: "quo".into(), doc: "Quo Public API".into(), enables: Vec::new() }];
        let manifest = format!("[features]\naxum = []\n{FEATURES_BEGIN}\nold = []\n{FEATURES_END}\n\n[dependencies]\n");
        let updated = with_features(&manifest, &features).expect("marks");
        assert_eq!(
            updated,
            format!(
                "[features]\naxum = []\n{FEATURES_BEGIN}\n{}{FEATURES_END}\n\n[dependencies]\n",
                tag_features(&features)
            )
        );
        assert!(updated.contains("quo = []") && !updated.contains("old = []"));
        assert_eq!(with_features(&updated, &features).as_deref(), Ok(updated.as_str()));
        assert!(with_features("[features]\n", &features).is_err());
        assert!(with_features(FEATURES_BEGIN, &features).is_err());
    }

    #[test]
    fn every_tag_has_a_feature_and_full_has_them_all() {
        let package = Package { name: "x".into(), version: "0.1.0".into() };
        let tag = |name: &str, doc: &str| CargoFeature { name: name.into(), doc: doc.into(), enables: Vec::new() };
        let full = CargoFeature {
            name: FULL.into(),
            doc: "Everything".into(),
            enables: vec!["calls".into(), "untagged".into()],
        };
        let features =
            [full, tag("calls", "Calls: what calls do"), tag("untagged", "the operations and webhooks without a tag")];
        let text = manifest(&package, &[Support::Client], &features, Defaults::None);
        let table: Vec<&str> = text.lines().skip_while(|l| *l != "[features]").take_while(|l| !l.is_empty()).collect();
        assert!(table.contains(&"default = []"), "{text}");
        assert!(table.contains(&"full = [\"calls\", \"untagged\"]"), "{text}");
        assert!(table.contains(&"# Calls: what calls do") && table.contains(&"calls = []"), "{text}");
        assert!(table.contains(&"untagged = []"), "{text}");
    }
}

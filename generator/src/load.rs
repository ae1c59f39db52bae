//! Stage 1, load: a file on disk becomes a raw document (`serde_json::Value`).
//!
//! YAML and JSON are both accepted; the extension picks the parser (`.json` is parsed
//! as JSON, anything else as YAML, of which JSON is a subset). YAML is read through
//! `serde_yaml::Value` first so that non-string mapping keys (`200:` as a response
//! code) become strings instead of failing.

use std::path::{Path, PathBuf};

use serde_json::{Map, Number, Value};

use crate::diagnostic::Diagnostic;

/// A loaded document: where it came from, its text and its value.
#[derive(Debug)]
pub struct Document {
    /// The path it was read from, as given.
    pub path: PathBuf,
    /// The source text, kept to find line numbers for diagnostics.
    pub source: String,
    /// The parsed value.
    pub value: Value,
}

/// Reads and parses one document.
pub fn load(path: &Path) -> Result<Document, Diagnostic> {
    let source = std::fs::read_to_string(path).map_err(|e| {
        Diagnostic::error(format!("cannot read {}: {e}", path.display()))
            .help("check that the file exists and is UTF-8 text")
    })?;
    let value = parse(path, &source)?;
    Ok(Document { path: path.to_path_buf(), source, value })
}

/// Parses `source` as JSON or YAML according to the extension of `path`.
pub fn parse(path: &Path, source: &str) -> Result<Value, Diagnostic> {
    let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        serde_json::from_str(source).map_err(|e| {
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
            Diagnostic::error(format!("invalid JSON: {message}")).at_line(path, e.line(), e.column())
        })
    } else {
        let yaml: serde_yaml::Value = serde_yaml::from_str(source).map_err(|e| {
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
            let diagnostic = Diagnostic::error(format!("invalid YAML: {message}"));
            match e.location() {
                Some(loc) => diagnostic.at_line(path, loc.line(), loc.column()),
                None => diagnostic.at(path, ""),
            }
        })?;
        yaml_to_json(yaml).map_err(|m| Diagnostic::error(format!("unsupported YAML: {m}")).at(path, ""))
    }
}

fn yaml_to_json(yaml: serde_yaml::Value) -> Result<Value, String> {
    Ok(match yaml {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => Value::Bool(b),
        serde_yaml::Value::Number(n) => yaml_number(&n)?,
        serde_yaml::Value::String(s) => Value::String(s),
        serde_yaml::Value::Sequence(items) => {
            Value::Array(items.into_iter().map(yaml_to_json).collect::<Result<_, _>>()?)
        }
        serde_yaml::Value::Mapping(mapping) => {
            let mut map = Map::with_capacity(mapping.len());
            for (key, value) in mapping {
                map.insert(yaml_key(key)?, yaml_to_json(value)?);
            }
            Value::Object(map)
        }
        serde_yaml::Value::Tagged(tagged) => yaml_to_json(tagged.value)?,
    })
}

fn yaml_number(n: &serde_yaml::Number) -> Result<Value, String> {
    if let Some(u) = n.as_u64() {
        Ok(Value::Number(u.into()))
    } else if let Some(i) = n.as_i64() {
        Ok(Value::Number(i.into()))
    } else {
        let f = n.as_f64().unwrap_or(f64::NAN);
        Number::from_f64(f).map(Value::Number).ok_or_else(|| format!("number {n} has no JSON form"))
    }
}

fn yaml_key(key: serde_yaml::Value) -> Result<String, String> {
    match key {
        serde_yaml::Value::String(s) => Ok(s),
        serde_yaml::Value::Number(n) => Ok(n.to_string()),
        serde_yaml::Value::Bool(b) => Ok(b.to_string()),
        serde_yaml::Value::Null => Ok("null".to_owned()),
        serde_yaml::Value::Tagged(tagged) => yaml_key(tagged.value),
        other => Err(format!("mapping key {other:?} is not a scalar")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_integer_keys_become_strings() {
        let v = parse(Path::new("a.yaml"), "responses:\n  200: ok\n  true: yes\n").expect("parses");
        assert_eq!(v["responses"]["200"], "ok");
        assert_eq!(v["responses"]["true"], "yes");
    }

    #[test]
    fn yaml_error_has_line() {
        let e = parse(Path::new("a.yaml"), "a: 1\nb: [\n").expect_err("fails");
        let loc = e.location.expect("located");
        assert!(loc.line_col.is_some_and(|(line, _)| line >= 2), "{loc:?}");
    }

    #[test]
    fn json_error_has_line() {
        let e = parse(Path::new("a.json"), "{\n  \"a\": ,\n}").expect_err("fails");
        assert_eq!(e.location.expect("located").line_col, Some((2, 8)));
    }
}

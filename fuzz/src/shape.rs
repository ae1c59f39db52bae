//! An arbitrary OpenAPI document: every construct the generator reads, in shapes and
//! names both ordinary and hostile (keywords, empty names, collisions, broken
//! `$ref`s, cycles, misspelled media types, any JSON where a schema goes).

use arbitrary::Arbitrary;
use serde_json::{json, Map, Value};

/// Names that stress naming: keywords, reserved words, collisions after case
/// conversion, digits, punctuation, non-ASCII.
const NAMES: &[&str] = &[
    "Pet", "pet", "PET", "type", "Self", "self", "crate", "r#type", "", "_", "__", "123", "1a", "a-b", "a b", "Option",
    "Result", "String", "Vec", "Box", "client", "runtime", "Unknown", "Variant0", "über", "名前", "id", "new", "send",
    "timeout", "body", "Error", "Client", "Auth", "default", "$ref", "a/b", "~1", "%20",
    // Hostile inputs of the hardening issue: names that shadow traits or modules,
    // dot segments, bidirectional controls, and prose rustdoc would misread.
    "clone", "Clone", "fmt", "lib", "main", "..", ".", "\u{202e}evil", "a\u{2066}b", "<div>", "[Foo]",
    "https://x.io/a_b", "~~~\nlet x = 1;\n~~~", "> ```\n> code\n> ```", "    indented code",
];

/// A document.
#[derive(Arbitrary, Debug)]
pub struct Document {
    v31: bool,
    schemas: Vec<(Name, Schema)>,
    paths: Vec<(Vec<Segment>, Vec<Operation>)>,
    webhooks: Vec<(Name, Schema)>,
    schemes: Vec<(Name, SecurityScheme)>,
    security: Option<Vec<u8>>,
}

/// A name: one of [`NAMES`] or any string.
#[derive(Arbitrary, Debug)]
pub enum Name {
    Common(u8),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
pub enum Segment {
    Fixed(Name),
    Param(Name),
}

#[derive(Arbitrary, Debug)]
pub enum Schema {
    Ref(u8),
    Scalar(ScalarType, Option<Name>, Vec<Constraint>),
    Object(Vec<(Name, Schema, bool)>, Option<Box<Schema>>, bool),
    Array(Box<Schema>, Option<u8>, Option<u8>, bool),
    AllOf(Vec<Schema>),
    AnyOf(Vec<Schema>),
    OneOf(Vec<Schema>, Option<(Name, Vec<(Name, u8)>)>),
    Enum(Vec<Literal>),
    Const(Literal),
    Nullable(Box<Schema>),
    Types(Vec<ScalarType>),
    Boolean(bool),
    Any(Json),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum ScalarType {
    String,
    Integer,
    Number,
    Boolean,
    Null,
    Object,
    Array,
    Bogus,
}

#[derive(Arbitrary, Debug)]
pub enum Constraint {
    MinLength(u8),
    MaxLength(u8),
    Pattern(Pattern),
    Minimum(Literal),
    Maximum(Literal),
    ExclusiveMinimum(Literal),
    ExclusiveMaximum(Literal),
    MultipleOf(Literal),
    MinItems(u8),
    MinProperties(u8),
    DependentRequired(u8, u8),
    PatternProperties(u8),
    Default(Literal),
    Example(Json),
}

#[derive(Arbitrary, Debug)]
pub enum Pattern {
    Common(u8),
    Raw(String),
}

const PATTERNS: &[&str] = &[
    "^[a-z]+$",
    "^(?=.*x)",
    "(?<!a)b",
    "\\p{L}",
    "[",
    "^\\d{3}-\\d{4}$",
    "(a|b)*c",
    "",
    "^(a+)+$",
    "(x+x+)+y",
    "\\Aabc\\z",
    "(?i)abc",
    "a++",
    "(a)\\1",
    "[[:alpha:]]",
];

#[derive(Arbitrary, Debug)]
pub enum Literal {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Name),
}

/// Any JSON value, nested.
#[derive(Arbitrary, Debug)]
pub enum Json {
    Literal(Literal),
    Array(Vec<Json>),
    Object(Vec<(Name, Json)>),
}

#[derive(Arbitrary, Debug)]
pub struct Operation {
    method: u8,
    id: Option<Name>,
    params: Vec<Parameter>,
    body: Option<(Media, Schema, bool)>,
    responses: Vec<(Status, Option<(Media, Schema)>)>,
    callbacks: Vec<(Name, Schema)>,
    security: Option<Vec<u8>>,
}

#[derive(Arbitrary, Debug)]
pub struct Parameter {
    name: Name,
    location: u8,
    style: Option<u8>,
    explode: Option<bool>,
    required: bool,
    schema: Schema,
}

#[derive(Arbitrary, Debug)]
pub enum Media {
    Common(u8),
    Raw(String),
}

const MEDIA: &[&str] = &[
    "application/json",
    "application/problem+json",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "text/plain",
    "plain/text",
    "application/octet-stream",
    "*/*",
    "application/xml",
    "image/png",
];

#[derive(Arbitrary, Debug)]
pub enum Status {
    Code(u16),
    Range(u8),
    Default,
    Raw(String),
}

#[derive(Arbitrary, Debug)]
pub enum SecurityScheme {
    Bearer,
    Basic,
    ApiKey(u8, Name),
    OAuth2,
    Other(String),
}

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[usize::from(i) % list.len()]
}

impl Name {
    fn text(&self) -> String {
        match self {
            Name::Common(i) => pick(NAMES, *i).to_owned(),
            Name::Raw(s) => s.clone(),
        }
    }
}

impl Literal {
    fn json(&self) -> Value {
        match self {
            Literal::Null => Value::Null,
            Literal::Bool(b) => json!(b),
            Literal::Int(i) => json!(i),
            Literal::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Literal::Str(name) => json!(name.text()),
        }
    }
}

impl Json {
    fn json(&self) -> Value {
        match self {
            Json::Literal(l) => l.json(),
            Json::Array(items) => Value::Array(items.iter().map(Json::json).collect()),
            Json::Object(fields) => Value::Object(fields.iter().map(|(k, v)| (k.text(), v.json())).collect()),
        }
    }
}

impl ScalarType {
    fn name(self) -> &'static str {
        match self {
            ScalarType::String => "string",
            ScalarType::Integer => "integer",
            ScalarType::Number => "number",
            ScalarType::Boolean => "boolean",
            ScalarType::Null => "null",
            ScalarType::Object => "object",
            ScalarType::Array => "array",
            ScalarType::Bogus => "strnig",
        }
    }
}

impl Document {
    /// The document as JSON.
    pub fn to_json(&self) -> Value {
        let names: Vec<String> = self.schemas.iter().map(|(n, _)| n.text()).collect();
        let cx = Cx { names: &names, v31: self.v31 };
        let schemas: Map<String, Value> = self.schemas.iter().map(|(n, s)| (n.text(), cx.schema(s))).collect();
        let schemes: Map<String, Value> = self.schemes.iter().map(|(n, s)| (n.text(), s.json())).collect();
        let scheme_names: Vec<String> = schemes.keys().cloned().collect();
        let mut paths = Map::new();
        for (segments, ops) in &self.paths {
            let path: String = segments
                .iter()
                .map(|s| match s {
                    Segment::Fixed(n) => format!("/{}", n.text()),
                    Segment::Param(n) => format!("/{{{}}}", n.text()),
                })
                .collect();
            let item: Map<String, Value> = ops.iter().map(|op| cx.operation(op, &scheme_names)).collect();
            paths.insert(if path.is_empty() { "/".into() } else { path }, Value::Object(item));
        }
        let mut doc = json!({
            "openapi": if self.v31 { "3.1.0" } else { "3.0.3" },
            "info": { "title": "Fuzz", "version": "1" },
            "paths": paths,
            "components": { "schemas": schemas, "securitySchemes": schemes },
        });
        if let Some(security) = &self.security {
            doc["security"] = requirements(security, &scheme_names);
        }
        if !self.webhooks.is_empty() {
            let hooks: Map<String, Value> = self
                .webhooks
                .iter()
                .map(|(n, s)| (n.text(), json!({ "post": { "requestBody": cx.body("application/json", s) } })))
                .collect();
            doc["webhooks"] = Value::Object(hooks);
        }
        doc
    }
}

fn requirements(picks: &[u8], schemes: &[String]) -> Value {
    if schemes.is_empty() {
        return json!([{}]);
    }
    Value::Array(picks.iter().map(|i| json!({ (schemes[usize::from(*i) % schemes.len()].clone()): [] })).collect())
}

impl SecurityScheme {
    fn json(&self) -> Value {
        match self {
            SecurityScheme::Bearer => json!({ "type": "http", "scheme": "bearer" }),
            SecurityScheme::Basic => json!({ "type": "http", "scheme": "basic" }),
            SecurityScheme::ApiKey(at, name) => {
                json!({ "type": "apiKey", "in": pick(&["header", "query", "cookie", "body"], *at), "name": name.text() })
            }
            SecurityScheme::OAuth2 => json!({ "type": "oauth2", "flows": {} }),
            SecurityScheme::Other(kind) => json!({ "type": kind }),
        }
    }
}

struct Cx<'a> {
    names: &'a [String],
    v31: bool,
}

impl Cx<'_> {
    fn reference(&self, i: u8) -> Value {
        match self.names.get(usize::from(i)) {
            Some(name) => {
                json!({ "$ref": format!("#/components/schemas/{}", name.replace('~', "~0").replace('/', "~1")) })
            }
            None if i % 2 == 0 => json!({ "$ref": format!("#/components/schemas/Missing{i}") }),
            None => json!({ "$ref": "other.yaml#/X" }),
        }
    }

    fn schema(&self, schema: &Schema) -> Value {
        match schema {
            Schema::Ref(i) => self.reference(*i),
            Schema::Scalar(t, format, constraints) => {
                let mut out = json!({ "type": t.name() });
                if let Some(format) = format {
                    out["format"] = json!(pick(
                        &["date-time", "int64", "uri", "binary", "byte", "uuid", "date"],
                        match format {
                            Name::Common(i) => *i,
                            Name::Raw(s) => s.len() as u8,
                        }
                    ));
                }
                for c in constraints {
                    let (key, value) = constraint(c);
                    out[key] = value;
                }
                out
            }
            Schema::Object(properties, additional, closed) => {
                let props: Map<String, Value> = properties.iter().map(|(n, s, _)| (n.text(), self.schema(s))).collect();
                let required: Vec<String> = properties.iter().filter(|p| p.2).map(|(n, _, _)| n.text()).collect();
                let mut out = json!({ "type": "object", "properties": props, "required": required });
                // Prose from the names, hostile ones included (fences, HTML, bidi).
                let prose: Vec<String> = properties.iter().map(|(n, _, _)| n.text()).collect();
                out["description"] = json!(prose.join("\n"));
                match (additional, closed) {
                    (Some(s), _) => out["additionalProperties"] = self.schema(s),
                    (None, true) => out["additionalProperties"] = json!(false),
                    (None, false) => {}
                }
                out
            }
            Schema::Array(items, min, max, unique) => {
                let mut out = json!({ "type": "array", "items": self.schema(items), "uniqueItems": unique });
                if let Some(min) = min {
                    out["minItems"] = json!(min);
                }
                if let Some(max) = max {
                    out["maxItems"] = json!(max);
                }
                out
            }
            Schema::AllOf(members) => json!({ "allOf": self.list(members) }),
            Schema::AnyOf(members) => json!({ "anyOf": self.list(members) }),
            Schema::OneOf(members, discriminator) => {
                let mut out = json!({ "oneOf": self.list(members) });
                if let Some((property, mapping)) = discriminator {
                    let mapping: Map<String, Value> =
                        mapping.iter().map(|(k, i)| (k.text(), self.reference(*i)["$ref"].clone())).collect();
                    out["discriminator"] = json!({ "propertyName": property.text(), "mapping": mapping });
                }
                out
            }
            Schema::Enum(values) => json!({ "enum": values.iter().map(Literal::json).collect::<Vec<_>>() }),
            Schema::Const(value) => json!({ "const": value.json() }),
            Schema::Nullable(inner) => {
                let mut out = self.schema(inner);
                if let Value::Object(map) = &mut out {
                    if self.v31 {
                        map.insert("type".into(), json!([map.get("type").cloned().unwrap_or(json!("string")), "null"]));
                    } else {
                        map.insert("nullable".into(), json!(true));
                    }
                }
                out
            }
            Schema::Types(types) => json!({ "type": types.iter().map(|t| t.name()).collect::<Vec<_>>() }),
            Schema::Boolean(b) => json!(b),
            Schema::Any(value) => value.json(),
        }
    }

    fn list(&self, members: &[Schema]) -> Vec<Value> {
        members.iter().map(|s| self.schema(s)).collect()
    }

    fn body(&self, media: &str, schema: &Schema) -> Value {
        json!({ "content": { media: { "schema": self.schema(schema) } } })
    }

    fn operation(&self, op: &Operation, schemes: &[String]) -> (String, Value) {
        let method = pick(&["get", "put", "post", "delete", "options", "head", "patch", "trace"], op.method);
        let params: Vec<Value> = op
            .params
            .iter()
            .map(|p| {
                let mut out = json!({
                    "name": p.name.text(),
                    "in": pick(&["path", "query", "header", "cookie", "body"], p.location),
                    "required": p.required,
                    "schema": self.schema(&p.schema),
                });
                if let Some(style) = p.style {
                    out["style"] = json!(pick(
                        &["form", "simple", "label", "matrix", "spaceDelimited", "pipeDelimited", "deepObject", "x"],
                        style
                    ));
                }
                if let Some(explode) = p.explode {
                    out["explode"] = json!(explode);
                }
                out
            })
            .collect();
        let mut responses = Map::new();
        for (status, body) in &op.responses {
            let status = match status {
                Status::Code(c) => c.to_string(),
                Status::Range(r) => format!("{}XX", r % 7),
                Status::Default => "default".into(),
                Status::Raw(s) => s.clone(),
            };
            let mut response = json!({ "description": "r" });
            if let Some((media, schema)) = body {
                response["content"] = self.body(&media.text(), schema)["content"].clone();
            }
            responses.insert(status, response);
        }
        let mut out = json!({ "parameters": params, "responses": responses });
        if let Some(id) = &op.id {
            out["operationId"] = json!(id.text());
        }
        if let Some((media, schema, required)) = &op.body {
            out["requestBody"] = self.body(&media.text(), schema);
            out["requestBody"]["required"] = json!(required);
        }
        if !op.callbacks.is_empty() {
            let callbacks: Map<String, Value> = op
                .callbacks
                .iter()
                .map(|(n, s)| {
                    let item = json!({ "{$request.body#/url}": { "post": {
                        "requestBody": self.body("application/json", s), "responses": { "200": { "description": "ok" } }
                    } } });
                    (n.text(), item)
                })
                .collect();
            out["callbacks"] = Value::Object(callbacks);
        }
        if let Some(security) = &op.security {
            out["security"] = requirements(security, schemes);
        }
        (method.to_owned(), out)
    }
}

impl Media {
    fn text(&self) -> String {
        match self {
            Media::Common(i) => pick(MEDIA, *i).to_owned(),
            Media::Raw(s) => s.clone(),
        }
    }
}

fn constraint(c: &Constraint) -> (&'static str, Value) {
    match c {
        Constraint::MinLength(n) => ("minLength", json!(n)),
        Constraint::MaxLength(n) => ("maxLength", json!(n)),
        Constraint::Pattern(Pattern::Common(i)) => ("pattern", json!(pick(PATTERNS, *i))),
        Constraint::Pattern(Pattern::Raw(s)) => ("pattern", json!(s)),
        Constraint::Minimum(l) => ("minimum", l.json()),
        Constraint::Maximum(l) => ("maximum", l.json()),
        Constraint::ExclusiveMinimum(l) => ("exclusiveMinimum", l.json()),
        Constraint::ExclusiveMaximum(l) => ("exclusiveMaximum", l.json()),
        Constraint::MultipleOf(l) => ("multipleOf", l.json()),
        Constraint::MinItems(n) => ("minItems", json!(n)),
        Constraint::MinProperties(n) => ("minProperties", json!(n)),
        Constraint::DependentRequired(a, b) => ("dependentRequired", json!({ format!("p{a}"): [format!("p{b}")] })),
        Constraint::PatternProperties(i) => ("patternProperties", json!({ pick(PATTERNS, *i): {"type": "string"} })),
        Constraint::Default(l) => ("default", l.json()),
        Constraint::Example(j) => ("example", j.json()),
    }
}

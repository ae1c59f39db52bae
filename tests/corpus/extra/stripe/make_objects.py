"""Around make_objects.mjs: converts the corpus's Stripe spec (YAML, OpenAPI
3.0.0) to JSON for the faker, then marks each generated object `valid` or not with
an independent validator, Python openapi-schema-validator 0.9.0 (its OAS 3.0
validator: `nullable`, formats not asserted), against the resource's schema.

  python3 make_objects.py json SPEC_YAML SPEC_JSON
  python3 make_objects.py validate SPEC_JSON OBJECTS
"""
import json, sys

import referencing, referencing.jsonschema, yaml
from openapi_schema_validator import OAS30Validator

command = sys.argv[1]
if command == "json":
    json.dump(yaml.safe_load(open(sys.argv[2])), open(sys.argv[3], "w"))
else:
    spec = json.load(open(sys.argv[2]))
    resource = referencing.Resource.from_contents(spec, default_specification=referencing.jsonschema.DRAFT4)
    registry = referencing.Registry().with_resource("urn:spec", resource)
    path = sys.argv[3]
    data = json.load(open(path))
    for o in data["objects"]:
        validator = OAS30Validator({"$ref": f"urn:spec#/components/schemas/{o['schema']}"}, registry=registry)
        o["valid"] = validator.is_valid(o["object"])
    data["provenance"] = (
        "json-schema-faker@0.5.9 (npm), seeded, every optional property, from stripe.yaml of "
        "PyPI openapi-spec-validator==0.9.0 (tests/bench/specs); `valid` is Python "
        "openapi-schema-validator 0.9.0 (OAS30Validator) on the resource's schema"
    )
    json.dump(data, open(path, "w"), separators=(",", ":"))
    open(path, "a").write("\n")
    print(sum(o["valid"] for o in data["objects"]), "of", len(data["objects"]), "valid")

"""Second half of make_deliveries.mjs: writes the X-GitHub-Event of each webhook
(from the overlay) for the faker, then marks each generated delivery `valid` or not
with an independent validator, Python jsonschema 4.26.0 (Draft 2020-12, formats not
asserted), against the webhook's own body schema.

  python3 make_deliveries.py events SPEC OVERLAY EVENTS_OUT
  python3 make_deliveries.py validate SPEC DELIVERIES
"""
import json, re, sys

import jsonschema, referencing, referencing.jsonschema, yaml

command, spec = sys.argv[1], json.load(open(sys.argv[2]))
if command == "events":
    overlay = yaml.safe_load(open(sys.argv[3]))
    events = {}
    for action in overlay["actions"]:
        m = re.search(r"match\(@.post.operationId, '([^']*)\(/\.\*\)\?'\)", action["target"])
        if m:
            for key, item in spec["webhooks"].items():
                if re.fullmatch(m.group(1) + "(/.*)?", item["post"]["operationId"]):
                    events[key] = action["update"]["const"]
    json.dump(events, open(sys.argv[4], "w"))
else:
    resource = referencing.Resource.from_contents(spec, default_specification=referencing.jsonschema.DRAFT202012)
    registry = referencing.Registry().with_resource("urn:spec", resource)
    path = sys.argv[3]
    data = json.load(open(path))
    for d in data["deliveries"]:
        ref = spec["webhooks"][d["key"]]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        validator = jsonschema.Draft202012Validator({"$ref": "urn:spec" + ref}, registry=registry)
        d["valid"] = validator.is_valid(d["body"])
    json.dump(data, open(path, "w"), separators=(",", ":"))
    open(path, "a").write("\n")
    print(sum(d["valid"] for d in data["deliveries"]), "of", len(data["deliveries"]), "valid")

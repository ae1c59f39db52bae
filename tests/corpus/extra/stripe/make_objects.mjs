// Writes objects.json: one object for every resource of Stripe's spec (each
// component schema with `x-resourceId`), generated from the resource's own schema
// by an independent implementation, npm json-schema-faker@0.5.9, with every
// optional property filled in (seeded), so that each object nests as deep as its
// schema lets it. Run from a scratch directory with `npm i json-schema-faker@0.5.9`,
// on the spec as JSON (`make_objects.py` converts the corpus YAML and marks each
// object `valid` with Python jsonschema):
//   node make_objects.mjs stripe.json objects.json
import { readFileSync, writeFileSync } from "node:fs";
import { JSONSchemaFaker } from "json-schema-faker";

const [spec, out] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(spec, "utf8"));

// A small deterministic generator (mulberry32), so that the file is reproducible.
let seed = 20261202;
const random = () => {
  seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
JSONSchemaFaker.option({
  random, requiredOnly: false, alwaysFakeOptionals: true, useExamplesValue: false,
  failOnInvalidTypes: false, failOnInvalidFormat: false, refDepthMax: 3, maxItems: 1,
});

// json-schema-faker follows `$ref`s into expanded objects until its depth bound;
// where it fails on the way down (a TypeError inside it for some schemas), the
// resource is generated again with a smaller bound, and then with its required
// properties only; what was used is recorded beside each object.
const objects = [];
const attempts = [3, 2, 1, 0].map((refDepthMax) => ({ refDepthMax, requiredOnly: false }))
  .concat([3, 2, 1, 0].map((refDepthMax) => ({ refDepthMax, requiredOnly: true })));
for (const [name, schema] of Object.entries(doc.components.schemas)) {
  if (!schema["x-resourceId"]) continue;
  for (const options of attempts) {
    JSONSchemaFaker.option({ ...options, alwaysFakeOptionals: !options.requiredOnly });
    try {
      const object = JSONSchemaFaker.generate({ $ref: `#/components/schemas/${name}`, components: doc.components });
      objects.push({ schema: name, ...options, object });
      break;
    } catch (e) {
      if (options === attempts[attempts.length - 1]) console.error(`${name}: ${e.message.slice(0, 200)}`);
    }
  }
}
writeFileSync(out, JSON.stringify({ objects }) + "\n");

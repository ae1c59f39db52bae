// Writes deliveries.json: one delivery per webhook of GitHub's webhooks spec,
// generated from the webhook's own body schema by an independent implementation,
// npm json-schema-faker@0.5.9 (required properties only, seeded), with the
// X-GitHub-Event header the overlay gives that webhook. Run from a scratch
// directory with `npm i json-schema-faker@0.5.9`:
//   cp make_deliveries.mjs . && node make_deliveries.mjs SPEC OVERLAY_EVENTS OUT
// where OVERLAY_EVENTS is a JSON map webhook key → event (see make_deliveries.py).
import { readFileSync, writeFileSync } from "node:fs";
import { JSONSchemaFaker } from "json-schema-faker";

const [spec, events, out] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(spec, "utf8"));
const eventOf = JSON.parse(readFileSync(events, "utf8"));

// A small deterministic generator (mulberry32), so that the file is reproducible.
let seed = 20261201;
const random = () => {
  seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
JSONSchemaFaker.option({
  random, requiredOnly: true, alwaysFakeOptionals: false, useExamplesValue: false,
  failOnInvalidTypes: false, failOnInvalidFormat: false, refDepthMax: 6, maxItems: 1,
});

const deliveries = [];
for (const [key, item] of Object.entries(doc.webhooks)) {
  const schema = item.post.requestBody.content["application/json"].schema;
  const body = JSONSchemaFaker.generate({ ...schema, components: doc.components });
  deliveries.push({ key, event: eventOf[key], body });
}
writeFileSync(out, JSON.stringify({
  provenance: "json-schema-faker@0.5.9 (npm), seeded, required properties only, from github-webhooks.json of @octokit/openapi-webhooks@12.1.0; `valid` is Python jsonschema 4.26.0 (Draft 2020-12) on the body schema",
  deliveries,
}) + "\n");

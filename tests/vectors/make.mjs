// Signs the deliveries of tests/vectors/deliveries.json with independent
// implementations, writing tests/vectors/signatures.json. Run from a scratch
// directory that has `npm i standardwebhooks@1.1.1 @octokit/webhooks-methods@6.0.0`:
//   cp /path/to/tests/vectors/make.mjs . && node make.mjs /path/to/tests/vectors
// The Quo legacy and Partoo (Ed25519) vectors come from make.py (Python hmac, PyNaCl).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";
import { sign, verify } from "@octokit/webhooks-methods";

const dir = process.argv[2];
const deliveries = JSON.parse(readFileSync(`${dir}/deliveries.json`, "utf8"));
const out = { provenance: "npm standardwebhooks@1.1.1 (Webhook.sign), npm @octokit/webhooks-methods@6.0.0 (sign, checked with verify)" };

// Standard Webhooks: the secret of the standard's own examples.
const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
const timestamp = 1700000000;
const body = deliveries.quo;
out.standard_webhooks = {
  secret, id, timestamp, body,
  signature: new Webhook(secret).sign(id, new Date(timestamp * 1000), body),
  other_secret_signature: new Webhook("whsec_" + Buffer.from("another secret key").toString("base64")).sign(id, new Date(timestamp * 1000), body),
};

// GitHub: X-Hub-Signature-256 of the raw body.
const gh = "It's a Secret to Everybody";
const ghBody = deliveries.hooks;
const signature = await sign(gh, ghBody);
if (!(await verify(gh, ghBody, signature))) throw new Error("octokit does not verify its own signature");
out.github = { secret: gh, body: ghBody, signature };

// What the bindings' `webhooks::testing::sign` must give for the same inputs: it
// names a delivery `msg_<first 8 bytes of the body's SHA-256, hex>_<timestamp>`,
// and standardwebhooks signs that id.
const testingId = `msg_${createHash("sha256").update(body).digest("hex").slice(0, 16)}_${timestamp}`;
const testingSignature = new Webhook(secret).sign(testingId, new Date(timestamp * 1000), body);
out.standard_webhooks_testing = { secret, id: testingId, timestamp, body, signature: testingSignature };
writeFileSync(`${dir}/signatures-npm.json`, JSON.stringify(out, null, 2) + "\n");

"""Signs deliveries of tests/vectors/deliveries.json with independent Python
implementations, writing tests/vectors/signatures-python.json:
- Quo's legacy `openphone-signature` with the standard library's hmac;
- Partoo's Ed25519 signature with PyNaCl 1.5.0 (`pip install pynacl==1.5.0`), and the
  public key as PEM with `cryptography`.
Run: python3 tests/vectors/make.py tests/vectors
"""
import base64, hashlib, hmac, json, sys

import nacl.signing
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

d = sys.argv[1]
deliveries = json.load(open(f"{d}/deliveries.json"))
out = {"provenance": "Python 3 hmac + hashlib (Quo legacy); PyNaCl 1.5.0 SigningKey.sign and cryptography (Partoo)"}

key = base64.b64encode(b"quo legacy signing key, 32 bytes").decode()
timestamp = "1700000000000"  # milliseconds, as Quo's examples send
body = deliveries["quo"]
digest = hmac.new(base64.b64decode(key), f"{timestamp}.{body}".encode(), hashlib.sha256).digest()
out["openphone"] = {"key": key, "timestamp": timestamp, "body": body,
                    "header": f"hmac;1;{timestamp};{base64.b64encode(digest).decode()}"}

seed = hashlib.sha256(b"partoo test seed").digest()
signing = nacl.signing.SigningKey(seed)
body = deliveries["partoo"]
signature = signing.sign(body.encode()).signature
public = bytes(signing.verify_key)
pem = Ed25519PublicKey.from_public_bytes(public).public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
other = nacl.signing.SigningKey(hashlib.sha256(b"another seed").digest())
out["partoo"] = {"public_key_base64": base64.b64encode(public).decode(), "public_key_pem": pem, "body": body,
                 "signature": base64.b64encode(signature).decode(),
                 "other_key_signature": base64.b64encode(other.sign(body.encode()).signature).decode()}
json.dump(out, open(f"{d}/signatures-python.json", "w"), indent=2)
open(f"{d}/signatures-python.json", "a").write("\n")

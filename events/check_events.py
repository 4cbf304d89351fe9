#!/usr/bin/env python3
"""Checks that the sample events in this folder are internally consistent.

Run from anywhere:  python3 events/check_events.py
Exit code 0 and one "ok" line per check when everything holds; non-zero otherwise.
Standard library only (PyYAML, when present, adds the template cross-check).

What it checks:
  * every *.json file here parses;
  * the signed webhook's x-signature is the lowercase hex HMAC-SHA256 of the exact body
    bytes (UTF-8) under the local test secret, and the bad one's is not;
  * content-length headers match the body;
  * each SQS record's md5OfBody, md5OfMessageAttributes and body_sha256 attribute are right,
    and the first record carries byte-for-byte the body of the signed webhook;
  * env.local.json sets, for each function, every variable template.yaml declares for it
    (and only those). core's TemplateMatchesCodeTest checks the same in Java, plus that the
    SSM parameters it names are created by localstack/init/ready.d.
"""
import hashlib
import hmac
import json
import pathlib
import struct
import sys

HERE = pathlib.Path(__file__).resolve().parent
SECRET = b"local-dev-webhook-secret"  # fake, local-only; see events/README.md
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def load(name):
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def sig(body, key=SECRET):
    return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()


def md5_of_message_attributes(attrs):
    # SQS algorithm: sorted by name; 4-byte big-endian length + bytes for name and data
    # type, one transport byte (1 = String/Number, 2 = Binary), then length + value.
    m = hashlib.md5()

    def lp(b):
        m.update(struct.pack(">I", len(b)))
        m.update(b)

    for name in sorted(attrs):
        a = attrs[name]
        lp(name.encode("utf-8"))
        lp(a["dataType"].encode("utf-8"))
        m.update(b"\x01")
        lp(a["stringValue"].encode("utf-8"))
    return m.hexdigest()


for path in sorted(HERE.glob("*.json")):
    try:
        json.loads(path.read_text(encoding="utf-8"))
        check(True, f"{path.name} parses")
    except ValueError as e:
        check(False, f"{path.name} parses ({e})")
if failures:
    sys.exit(1)

good = load("webhook-task-status-updated.apigw-v2.json")
bad = load("webhook-bad-signature.apigw-v2.json")
for name, ev in (("good", good), ("bad", bad)):
    check(ev["version"] == "2.0" and ev["routeKey"] == "POST /webhooks/clickup"
          and ev["isBase64Encoded"] is False, f"{name} webhook is a POST payload-2.0 event")
    check(ev["headers"]["content-length"] == str(len(ev["body"].encode("utf-8"))),
          f"{name} webhook content-length matches the body")
check(hmac.compare_digest(good["headers"]["x-signature"], sig(good["body"])),
      "signed webhook: x-signature verifies with the local test secret")
check(good["body"] == bad["body"], "bad-signature webhook carries the same body")
check(not hmac.compare_digest(bad["headers"]["x-signature"], sig(bad["body"])),
      "bad-signature webhook: x-signature does NOT verify")
check(json.loads(good["body"])["event"] == "taskStatusUpdated", "signed webhook is taskStatusUpdated")

health = load("health.apigw-v2.json")
check(health["routeKey"] == "GET /health" and "body" not in health, "health event is GET /health without a body")

read = load("read-task.apigw-v2.json")
check(read["routeKey"] == "GET /api/v2/{proxy+}" and read["requestContext"]["routeKey"] == read["routeKey"]
      and "body" not in read, "read event is the read function's route, without a body")
check(read["rawPath"] == read["requestContext"]["http"]["path"] == "/api/v2/" + read["pathParameters"]["proxy"],
      "read event: rawPath, http.path and the proxy path parameter agree")
check(read["headers"]["authorization"] == "local-dev-read-token",
      "read event carries the local-only read token (LocalStack's /clickup-sync/dev/read-api-tokens)")

console = load("console-status.apigw-v2.json")
check(console["routeKey"] == console["requestContext"]["routeKey"] == "GET /admin/status"
      and "authorizer" not in console["requestContext"] and "body" not in console,
      "console event is GET /admin/status on the console API: no IAM authorizer, no body")
check(console["headers"]["authorization"] == "Bearer local-dev-console-token",
      "console event carries the local-only console token (LocalStack's /clickup-sync/dev/console-token)")

sqs = load("sqs-batch.json")["Records"]
check(len(sqs) == 2, "sqs-batch has two records")
check(sqs[0]["body"] == good["body"], "first SQS record body == signed webhook body")
for r in sqs:
    b = r["body"].encode("utf-8")
    a = r["messageAttributes"]
    mid = r["messageId"]
    check(r["md5OfBody"] == hashlib.md5(b).hexdigest(), f"{mid}: md5OfBody")
    check(a["body_sha256"]["stringValue"] == hashlib.sha256(b).hexdigest(), f"{mid}: body_sha256 attribute")
    check(r["md5OfMessageAttributes"] == md5_of_message_attributes(a), f"{mid}: md5OfMessageAttributes")
    body = json.loads(r["body"])
    check(a["event"]["stringValue"] == body["event"]
          and a["webhook_id"]["stringValue"] == body["webhook_id"]
          and a["entity_id"]["stringValue"] == body["task_id"]
          and a["entity_type"]["stringValue"] == "task", f"{mid}: attributes agree with the body")

env = load("env.local.json")
try:
    import yaml  # optional

    class _Loader(yaml.SafeLoader):
        pass

    # Accept CloudFormation short-form tags (!Ref, !Sub, ...) without interpreting them.
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    tpl = yaml.load((HERE.parent / "template.yaml").read_text(encoding="utf-8"), Loader=_Loader)
    glob = set(tpl["Globals"]["Function"]["Environment"]["Variables"])
    functions = [name for name, r in tpl["Resources"].items() if r.get("Type") == "AWS::Serverless::Function"]
    check(set(env) == set(functions), f"env.local.json has an entry for each function {sorted(set(env) ^ set(functions)) or ''}".rstrip())
    for fn in functions:
        own = set(((tpl["Resources"][fn]["Properties"].get("Environment") or {}).get("Variables") or {}))
        missing = (glob | own) - set(env.get(fn, {}))
        extra = set(env.get(fn, {})) - (glob | own)
        check(not missing, f"env.local.json {fn} sets every template variable {sorted(missing) or ''}".rstrip())
        check(not extra, f"env.local.json {fn} sets only template variables {sorted(extra) or ''}".rstrip())
except ImportError:
    print("skip template cross-check (PyYAML not installed)")

print(f"{len(failures)} failed" if failures else "all event checks passed")
sys.exit(1 if failures else 0)

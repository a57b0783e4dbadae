#!/usr/bin/python3
"""A wire-protocol peer for rayray's MongoDB tests, built on Debian's python3-mockupdb.

It speaks OP_MSG on a loopback port, prints every command it receives as one JSON line on
stdout (canonical extended JSON, so the tests can check exactly what rayray sent), and answers
from a small in-memory database: enough of find/getMore/killCursors, aggregate ($match,
$project, $unwind, $group, $count, $sort, $skip, $limit), count, insert, update (replacement,
$set, $inc, $pull, $addToSet, upsert), delete, findAndModify, createIndexes/listIndexes with
unique keys, and SCRAM-SHA-1/SHA-256 on the server side. It is not MongoDB: $text and geo
queries are refused, and embedded documents compare without regard to field order.

Faults are injected with --fault KIND:COMMAND:N (the Nth such command, counted from 1):
  hangup          close the connection without answering (nothing applied)
  hangup-after    apply the command, then close the connection without answering
  notwritable     answer NotWritablePrimary (code 10107)
  duplicate       answer the first statement of an update with a duplicate-key write error
  stall           wait 5 seconds before answering (for timeouts and cancellation)
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import re
import sys
import threading
import time

import bson
from bson import json_util
from bson.binary import Binary
from bson.int64 import Int64
from bson.regex import Regex
import mockupdb

try:
    from pymongo.saslprep import saslprep
except ImportError:  # pragma: no cover
    def saslprep(value):
        return value

LOCK = threading.RLock()
DATABASES = {}
INDEXES = {}
CURSORS = {}
NEXT_CURSOR = [1000]
COUNTS = {}
CONVERSATIONS = {}


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--mechanisms", default="SCRAM-SHA-1,SCRAM-SHA-256")
    parser.add_argument("--iterations", type=int, default=4096)
    parser.add_argument("--no-skip-empty-exchange", action="store_true",
                        help="behave like a server before 4.4: always one more empty SASL round")
    parser.add_argument("--max-wire", type=int, default=13)
    parser.add_argument("--batch-size", type=int, default=101)
    parser.add_argument("--set-name")
    parser.add_argument("--secondary", action="store_true")
    parser.add_argument("--primary")
    parser.add_argument("--hosts", default="")
    parser.add_argument("--max-write-batch", type=int)
    parser.add_argument("--fault", action="append", default=[])
    return parser.parse_args()


ARGS = parse_args()
FAULTS = []
for spec in ARGS.fault:
    kind, command, nth = spec.split(":")
    FAULTS.append({"kind": kind, "command": command.lower(), "nth": int(nth), "done": False})


def emit(record):
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


# ---------------------------------------------------------------- documents and paths

def values_at(document, path):
    """Every value a dotted path reaches, descending into arrays as MongoDB does."""
    results = []

    def walk(value, parts):
        if not parts:
            results.append(value)
            return
        head, rest = parts[0], parts[1:]
        if isinstance(value, dict):
            if head in value:
                walk(value[head], rest)
        elif isinstance(value, list):
            if head.isdigit() and int(head) < len(value):
                walk(value[int(head)], rest)
            for item in value:
                if isinstance(item, dict) and head in item:
                    walk(item[head], rest)

    walk(document, path.split("."))
    return results


def equal(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    return a == b


def compare(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return (a > b) - (a < b)
    if isinstance(a, str) and isinstance(b, str):
        return (a > b) - (a < b)
    return None


def regex_of(value):
    if isinstance(value, Regex):
        flags = 0
        if "i" in value.flags if isinstance(value.flags, str) else value.flags & re.I:
            flags |= re.I
        flags |= re.S
        pattern = value.pattern.replace("\\z", "\\Z")
        return re.compile(pattern, flags)
    if isinstance(value, re.Pattern):
        return value
    return None


def matches_value(candidates, condition):
    if isinstance(condition, dict) and condition and all(k.startswith("$") for k in condition):
        return all(operator_matches(candidates, op, arg) for op, arg in condition.items())
    pattern = regex_of(condition)
    if pattern is not None:
        return any(isinstance(s, str) and pattern.search(s) for s in flatten(candidates))
    for candidate in candidates:
        if equal(candidate, condition):
            return True
        if isinstance(candidate, list) and any(equal(item, condition) for item in candidate):
            return True
    return condition is None and not candidates


def flatten(candidates):
    for candidate in candidates:
        if isinstance(candidate, list):
            for item in candidate:
                yield item
        else:
            yield candidate


def operator_matches(candidates, op, arg):
    if op == "$exists":
        return bool(candidates) == bool(arg)
    if op == "$eq":
        return matches_value(candidates, arg)
    if op == "$ne":
        return not matches_value(candidates, arg)
    if op == "$in":
        return any(matches_value(candidates, value) for value in arg)
    if op == "$nin":
        return not any(matches_value(candidates, value) for value in arg)
    if op in ("$gt", "$gte", "$lt", "$lte"):
        for value in flatten(candidates):
            order = compare(value, arg)
            if order is None:
                continue
            if (op == "$gt" and order > 0) or (op == "$gte" and order >= 0) or \
               (op == "$lt" and order < 0) or (op == "$lte" and order <= 0):
                return True
        return False
    if op == "$size":
        return any(isinstance(c, list) and len(c) == arg for c in candidates)
    if op == "$regex":
        return matches_value(candidates, Regex(arg, ""))
    if op == "$not":
        return not matches_value(candidates, arg)
    raise NotImplementedError("the fake server does not support " + op)


def matches(document, query):
    for key, condition in query.items():
        if key == "$and":
            if not all(matches(document, q) for q in condition):
                return False
        elif key == "$or":
            if not any(matches(document, q) for q in condition):
                return False
        elif key == "$nor":
            if any(matches(document, q) for q in condition):
                return False
        elif key.startswith("$"):
            raise NotImplementedError("the fake server does not support " + key)
        elif not matches_value(values_at(document, key), condition):
            return False
    return True


def set_path(document, path, value):
    parts = path.split(".")
    target = document
    for part in parts[:-1]:
        if isinstance(target, list):
            target = target[int(part)]
        else:
            target = target.setdefault(part, {})
    if isinstance(target, list):
        target[int(parts[-1])] = value
    else:
        target[parts[-1]] = value


def get_path(document, path):
    found = values_at(document, path)
    return found[0] if found else None


def project(document, projection):
    if not projection:
        return document
    include = {k: v for k, v in projection.items() if k != "_id"}
    if include and all(not v for v in include.values()):
        result = dict(document)
        for key in include:
            result.pop(key, None)
        if projection.get("_id", 1) == 0:
            result.pop("_id", None)
        return result
    result = {}
    if projection.get("_id", 1) and "_id" in document:
        result["_id"] = document["_id"]
    for path in include:
        copy_path(document, result, path.split("."))
    return result


def copy_path(source, target, parts):
    head, rest = parts[0], parts[1:]
    if head not in source:
        return
    value = source[head]
    if not rest:
        target[head] = value
    elif isinstance(value, dict):
        copy_path(value, target.setdefault(head, {}), rest)
    elif isinstance(value, list):
        items = target.setdefault(head, [{} for _ in value])
        for source_item, target_item in zip(value, items):
            if isinstance(source_item, dict):
                copy_path(source_item, target_item, rest)


def sort_documents(documents, spec):
    def key_for(path):
        def key(document):
            value = get_path(document, path)
            if value is None:
                return (0, "")
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return (1, value)
            return (2, str(value))
        return key

    for path, direction in reversed(list(spec.items())):
        documents.sort(key=key_for(path), reverse=direction < 0)
    return documents


# ---------------------------------------------------------------- collections

def collection(db, name):
    return DATABASES.setdefault(db, {}).setdefault(name, [])


def unique_keys(db, name):
    keys = [["_id"]]
    for index in INDEXES.get((db, name), []):
        if index.get("unique"):
            keys.append(list(index["key"].keys()))
    return keys


def duplicate_of(db, name, document, ignore=None):
    for key in unique_keys(db, name):
        value = tuple(json_util.dumps(get_path(document, k)) for k in key)
        for other in collection(db, name):
            if other is ignore:
                continue
            if tuple(json_util.dumps(get_path(other, k)) for k in key) == value:
                return key, {k: get_path(document, k) for k in key}
    return None


def duplicate_error(index, key, value):
    return {"index": index, "code": 11000, "keyPattern": {k: 1 for k in key}, "keyValue": value,
            "errmsg": "E11000 duplicate key error dup key: " + json_util.dumps(value)}


def apply_operators(document, update, inserting):
    for op, fields in update.items():
        for path, value in fields.items():
            if op == "$set":
                set_path(document, path, value)
            elif op == "$setOnInsert":
                if inserting:
                    set_path(document, path, value)
            elif op == "$inc":
                set_path(document, path, (get_path(document, path) or 0) + value)
            elif op == "$pull":
                current = get_path(document, path)
                if isinstance(current, list):
                    if isinstance(value, dict) and not any(k.startswith("$") for k in value):
                        kept = [item for item in current if not (isinstance(item, dict) and matches(item, value))]
                    else:
                        kept = [item for item in current if not matches_value([item], value)]
                    set_path(document, path, kept)
            elif op == "$addToSet":
                current = get_path(document, path)
                if not isinstance(current, list):
                    current = []
                items = value["$each"] if isinstance(value, dict) and "$each" in value else [value]
                for item in items:
                    if not any(equal(item, existing) for existing in current):
                        current.append(item)
                set_path(document, path, current)
            else:
                raise NotImplementedError("the fake server does not support " + op)


def seed_from_query(query):
    document = {}
    for key, value in query.items():
        if key.startswith("$") or (isinstance(value, dict) and any(k.startswith("$") for k in value)):
            continue
        set_path(document, key, value)
    return document


def do_update(db, name, statements, fault_duplicate):
    n = modified = 0
    upserted, errors = [], []
    documents = collection(db, name)
    for index, statement in enumerate(statements):
        query, update = statement["q"], statement["u"]
        is_replacement = not any(k.startswith("$") for k in update)
        if fault_duplicate and index == 0:
            errors.append(duplicate_error(index, ["file.hash"], {"file.hash": get_path(update, "file.hash")}))
            continue
        targets = [d for d in documents if matches(d, query)]
        if not statement.get("multi"):
            targets = targets[:1]
        if targets:
            for target in targets:
                before = json_util.dumps(target)
                if is_replacement:
                    replacement = {"_id": target["_id"]}
                    replacement.update({k: v for k, v in update.items() if k != "_id"})
                    clash = duplicate_of(db, name, replacement, ignore=target)
                    if clash:
                        errors.append(duplicate_error(index, *clash))
                        break
                    target.clear()
                    target.update(replacement)
                else:
                    apply_operators(target, update, inserting=False)
                n += 1
                modified += before != json_util.dumps(target)
        elif statement.get("upsert"):
            document = seed_from_query(query)
            if is_replacement:
                document.update(update)
            else:
                apply_operators(document, update, inserting=True)
            if "_id" not in document:
                document["_id"] = bson.ObjectId()
            clash = duplicate_of(db, name, document)
            if clash:
                errors.append(duplicate_error(index, *clash))
                continue
            documents.append(document)
            n += 1
            upserted.append({"index": index, "_id": document["_id"]})
    reply = {"n": n, "nModified": modified, "ok": 1}
    if upserted:
        reply["upserted"] = upserted
    if errors:
        reply["writeErrors"] = errors
    return reply


def do_insert(db, name, documents):
    errors, n = [], 0
    for index, document in enumerate(documents):
        clash = duplicate_of(db, name, document)
        if clash:
            errors.append(duplicate_error(index, *clash))
            if True:
                break
            continue
        collection(db, name).append(document)
        n += 1
    reply = {"n": n, "ok": 1}
    if errors:
        reply["writeErrors"] = errors
    return reply


def do_delete(db, name, statements):
    n = 0
    documents = collection(db, name)
    for statement in statements:
        targets = [d for d in documents if matches(d, statement["q"])]
        if statement.get("limit", 0) == 1:
            targets = targets[:1]
        for target in targets:
            documents.remove(target)
            n += 1
    return {"n": n, "ok": 1}


def cursor_reply(db, name, documents, batch_size, first=True):
    batch_size = batch_size or ARGS.batch_size
    batch, rest = documents[:batch_size], documents[batch_size:]
    cursor_id = 0
    if rest:
        cursor_id = NEXT_CURSOR[0]
        NEXT_CURSOR[0] += 1
        CURSORS[cursor_id] = (db, name, rest, batch_size)
    return {"cursor": {"id": Int64(cursor_id), "ns": db + "." + name,
                       "firstBatch" if first else "nextBatch": batch}, "ok": 1}


def do_find(db, command):
    name = command["find"]
    found = [d for d in collection(db, name) if matches(d, command.get("filter", {}))]
    if "sort" in command:
        found = sort_documents(list(found), command["sort"])
    if command.get("skip"):
        found = found[command["skip"]:]
    if command.get("limit"):
        found = found[:abs(command["limit"])]
    found = [project(bson.decode(bson.encode(d)), command.get("projection")) for d in found]
    return cursor_reply(db, name, found, command.get("batchSize"))


def group(documents, spec):
    groups = {}
    order = []
    for document in documents:
        key_spec = spec["_id"]
        if isinstance(key_spec, str) and key_spec.startswith("$"):
            key = get_path(document, key_spec[1:])
        elif isinstance(key_spec, dict):
            key = {k: get_path(document, v[1:]) for k, v in key_spec.items()}
        else:
            key = key_spec
        marker = json_util.dumps(key)
        if marker not in groups:
            groups[marker] = {"_id": key}
            order.append(marker)
        result = groups[marker]
        for field, accumulator in spec.items():
            if field == "_id":
                continue
            argument = accumulator["$sum"]
            value = argument if isinstance(argument, (int, float)) else (get_path(document, argument[1:]) or 0)
            result[field] = result.get(field, 0) + (value if isinstance(value, (int, float)) else 0)
    return [groups[m] for m in order]


def do_aggregate(db, command):
    name = command["aggregate"]
    documents = [bson.decode(bson.encode(d)) for d in collection(db, name)]
    for stage in command["pipeline"]:
        (operator, argument), = stage.items()
        if operator == "$match":
            documents = [d for d in documents if matches(d, argument)]
        elif operator == "$project":
            documents = [project(d, argument) for d in documents]
        elif operator == "$unwind":
            path = argument[1:]
            unwound = []
            for document in documents:
                for item in get_path(document, path) or []:
                    copy = dict(document)
                    set_path(copy, path, item)
                    unwound.append(copy)
            documents = unwound
        elif operator == "$group":
            documents = group(documents, argument)
        elif operator == "$count":
            documents = [{argument: len(documents)}] if documents else []
        elif operator == "$sort":
            documents = sort_documents(documents, argument)
        elif operator == "$skip":
            documents = documents[argument:]
        elif operator == "$limit":
            documents = documents[:argument]
        else:
            raise NotImplementedError("the fake server does not support the stage " + operator)
    return cursor_reply(db, name, documents, command.get("cursor", {}).get("batchSize"))


def do_find_and_modify(db, command):
    name = command["findAndModify"]
    documents = collection(db, name)
    target = next((d for d in documents if matches(d, command.get("query", {}))), None)
    if target is None and command.get("upsert"):
        target = seed_from_query(command.get("query", {}))
        apply_operators(target, command["update"], inserting=True)
        documents.append(target)
    elif target is not None:
        apply_operators(target, command["update"], inserting=False)
    return {"value": target, "ok": 1}


# ---------------------------------------------------------------- SCRAM

def scram_start(command):
    mechanism = command["mechanism"]
    digest = hashlib.sha256 if mechanism == "SCRAM-SHA-256" else hashlib.sha1
    client_first = bytes(command["payload"]).decode()
    bare = client_first[3:]
    fields = dict(part.split("=", 1) for part in bare.split(","))
    user = fields["n"].replace("=2C", ",").replace("=3D", "=")
    salt = os.urandom(16)
    nonce = fields["r"] + base64.b64encode(os.urandom(18)).decode()
    server_first = "r=%s,s=%s,i=%d" % (nonce, base64.b64encode(salt).decode(), ARGS.iterations)
    conversation = len(CONVERSATIONS) + 1
    CONVERSATIONS[conversation] = {"digest": digest, "mechanism": mechanism, "user": user, "salt": salt,
                                   "bare": bare, "server_first": server_first, "nonce": nonce,
                                   "skip": bool(command.get("options", {}).get("skipEmptyExchange")), "step": 1}
    return {"conversationId": conversation, "done": False, "payload": Binary(server_first.encode()), "ok": 1}


def auth_failed():
    return {"ok": 0, "code": 18, "codeName": "AuthenticationFailed", "errmsg": "Authentication failed."}


def scram_continue(command):
    state = CONVERSATIONS.get(command["conversationId"])
    if state is None:
        return {"ok": 0, "code": 17, "errmsg": "No SASL session state found"}
    if state["step"] == 2:
        state["step"] = 3
        return {"conversationId": command["conversationId"], "done": True, "payload": Binary(b""), "ok": 1}
    final = bytes(command["payload"]).decode()
    without_proof, proof = final.rsplit(",p=", 1)
    fields = dict(part.split("=", 1) for part in without_proof.split(","))
    if state["user"] != ARGS.user or fields.get("r") != state["nonce"]:
        return auth_failed()
    digest = state["digest"]
    if state["mechanism"] == "SCRAM-SHA-1":
        password = hashlib.md5((ARGS.user + ":mongo:" + ARGS.password).encode()).hexdigest().encode()
    else:
        password = saslprep(ARGS.password).encode()
    salted = hashlib.pbkdf2_hmac(digest().name, password, state["salt"], ARGS.iterations)
    client_key = hmac.new(salted, b"Client Key", digest).digest()
    stored_key = digest(client_key).digest()
    auth_message = ",".join([state["bare"], state["server_first"], without_proof]).encode()
    signature = hmac.new(stored_key, auth_message, digest).digest()
    recovered = bytes(a ^ b for a, b in zip(base64.b64decode(proof), signature))
    if digest(recovered).digest() != stored_key:
        return auth_failed()
    server_key = hmac.new(salted, b"Server Key", digest).digest()
    server_signature = base64.b64encode(hmac.new(server_key, auth_message, digest).digest())
    done = state["skip"] and not ARGS.no_skip_empty_exchange
    state["step"] = 3 if done else 2
    return {"conversationId": command["conversationId"], "done": done, "payload": Binary(b"v=" + server_signature), "ok": 1}


# ---------------------------------------------------------------- dispatch

def hello(command):
    reply = {"ismaster": not ARGS.secondary, "minWireVersion": 0, "maxWireVersion": ARGS.max_wire, "ok": 1}
    if ARGS.max_wire >= 8:
        reply["isWritablePrimary"] = not ARGS.secondary
    if ARGS.set_name:
        reply["setName"] = ARGS.set_name
        reply["secondary"] = ARGS.secondary
        reply["hosts"] = [h for h in ARGS.hosts.split(",") if h]
        if ARGS.primary:
            reply["primary"] = ARGS.primary
    if ARGS.max_write_batch:
        reply["maxWriteBatchSize"] = ARGS.max_write_batch
    if "saslSupportedMechs" in command and ARGS.user:
        reply["saslSupportedMechs"] = ARGS.mechanisms.split(",")
    return reply


def fault_for(name):
    counted = COUNTS.get(name, 0) + 1
    COUNTS[name] = counted
    for fault in FAULTS:
        if not fault["done"] and fault["command"] == name and fault["nth"] == counted:
            fault["done"] = True
            return fault["kind"]
    return None


def execute(db, name, command, fault):
    if name in ("ismaster", "hello"):
        return hello(command)
    if name == "saslstart":
        return scram_start(command)
    if name == "saslcontinue":
        return scram_continue(command)
    if name in ("ping", "endsessions", "buildinfo"):
        return {"ok": 1}
    if name == "createindexes":
        existing = INDEXES.setdefault((db, command["createIndexes"]), [])
        before = len(existing) + 1
        for index in command["indexes"]:
            same = next((i for i in existing if i["name"] == index["name"]), None)
            if same is not None and json_util.dumps(same) != json_util.dumps(index):
                return {"ok": 0, "code": 85, "codeName": "IndexOptionsConflict",
                        "errmsg": "Index with name: %s already exists with different options" % index["name"]}
            if same is None:
                existing.append(index)
        collection(db, command["createIndexes"])
        return {"numIndexesBefore": before, "numIndexesAfter": len(existing) + 1, "ok": 1}
    if name == "listindexes":
        indexes = [{"v": 2, "key": {"_id": 1}, "name": "_id_"}] + [dict(i, v=2) for i in INDEXES.get((db, command["listIndexes"]), [])]
        return cursor_reply(db, command["listIndexes"], indexes, None)
    if name == "find":
        return do_find(db, command)
    if name == "getmore":
        cursor_id = int(command["getMore"])
        if cursor_id not in CURSORS:
            return {"ok": 0, "code": 43, "codeName": "CursorNotFound", "errmsg": "cursor id %d not found" % cursor_id}
        cursor_db, cursor_name, rest, batch_size = CURSORS.pop(cursor_id)
        reply = cursor_reply(cursor_db, cursor_name, rest, command.get("batchSize") or batch_size, first=False)
        if reply["cursor"]["id"] != 0:
            CURSORS[int(reply["cursor"]["id"])] = CURSORS.pop(int(reply["cursor"]["id"]))
        return reply
    if name == "killcursors":
        killed = [c for c in command["cursors"] if CURSORS.pop(int(c), None) is not None]
        return {"cursorsKilled": killed, "ok": 1}
    if name == "aggregate":
        return do_aggregate(db, command)
    if name == "count":
        query = command.get("query", {})
        return {"n": sum(1 for d in collection(db, command["count"]) if matches(d, query)), "ok": 1}
    if name == "insert":
        return do_insert(db, command["insert"], command.get("documents", []))
    if name == "update":
        return do_update(db, command["update"], command.get("updates", []), fault == "duplicate")
    if name == "delete":
        return do_delete(db, command["delete"], command.get("deletes", []))
    if name == "findandmodify":
        return do_find_and_modify(db, command)
    if name == "drop":
        DATABASES.get(db, {}).pop(command["drop"], None)
        INDEXES.pop((db, command["drop"]), None)
        return {"ok": 1}
    if name == "dropdatabase":
        DATABASES.pop(db, None)
        for key in [k for k in INDEXES if k[0] == db]:
            INDEXES.pop(key)
        return {"ok": 1}
    return {"ok": 0, "code": 59, "codeName": "CommandNotFound", "errmsg": "no such command: '%s'" % name}


def handle(request):
    command = request.doc
    name = next(iter(command)).lower()
    db = command.get("$db", "admin")
    with LOCK:
        emit({"db": db, "name": name, "command": json.loads(json_util.dumps(command, json_options=json_util.CANONICAL_JSON_OPTIONS))})
        fault = fault_for(name)
        if fault == "hangup":
            request.hangup()
            return True
        if fault == "notwritable":
            request.replies({"ok": 0, "code": 10107, "codeName": "NotWritablePrimary", "errmsg": "not master"})
            return True
        try:
            reply = execute(db, name, command, fault)
        except NotImplementedError as error:
            reply = {"ok": 0, "code": 2, "codeName": "BadValue", "errmsg": str(error)}
        if fault == "hangup-after":
            request.hangup()
            return True
    if fault == "stall":
        time.sleep(5)
    request.replies(reply)
    return True


def main():
    server = mockupdb.MockupDB(port=0, ssl=ARGS.tls, auto_ismaster=False, request_timeout=3600)
    server.autoresponds(handle)
    port = server.run()
    emit({"port": port})
    try:
        for _ in sys.stdin:
            pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()

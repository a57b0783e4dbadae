#!/usr/bin/python3
"""A wire-protocol peer for rayray's MongoDB tests: it answers the official MongoDB .NET driver
(MongoDB.Driver 3.x) like a small mongod, mongos or replica-set member would.

No MongoDB server can be installed where these tests run, so this script stands in for one. It is
a test tool, not MongoDB: one process, one in-memory database, answers computed in Python.

What it is built on
  Debian's python3-mockupdb (listening socket, accept loop, its self-signed TLS certificate) and
  python3-pymongo's bson package. The wire protocol (OP_MSG, and the legacy OP_QUERY that drivers
  still use for the first isMaster of every connection) is framed here, so that each connection
  has its own state (connectionId, authenticated user, SCRAM conversation), commands on different
  connections run concurrently, and the OP_MSG document sequences can be reported.

What it prints on stdout (one JSON object per line, flushed at once)
  {"port": P}                         first line, once it listens on 127.0.0.1:P
  {"db", "name", "command", ...}      every command received, before it is answered:
                                        name       the command name, lower-cased ("update")
                                        command    the command document, canonical extended JSON,
                                                   with OP_MSG document sequences merged into it
                                        sequences  {"updates": 250}: which fields arrived as OP_MSG
                                                   document sequences, and how many documents each
                                        connection the connectionId this peer gave the connection
                                        op         "OP_MSG" or "OP_QUERY"
  {"event": ...}                      things a test may want to see: "fault" (a fault was applied),
                                      "replayed" (a retried write was answered from memory),
                                      "tls-failed", "closed", "configured"

What it answers
  hello / isMaster (legacy OP_QUERY too) with what a driver expects of a server: connectionId,
  helloOk, maxBsonObjectSize, maxMessageSizeBytes, maxWriteBatchSize, localTime,
  logicalSessionTimeoutMinutes, minWireVersion/maxWireVersion (the 3.x .NET driver accepts 9..30),
  saslSupportedMechs and speculativeAuthenticate; as a replica-set member also setName, hosts, me,
  primary, secondary, setVersion and electionId; as a mongos msg: "isdbgrid".
  getLastError, ping, buildInfo, endSessions, connectionStatus.
  SCRAM-SHA-1 and SCRAM-SHA-256 (saslStart/saslContinue, skipEmptyExchange, speculative); when
  --user is given, other commands need an authenticated connection (code 13, as a server).
  insert, update (replacement, $set, $unset, $setOnInsert, $inc, $mul, $min, $max, $push,
  $addToSet, $pull, $pullAll, $rename, $currentDate; upsert; multi), delete, findAndModify,
  find/getMore/killCursors, aggregate ($match, $project, $addFields/$set, $unset, $unwind, $group,
  $count, $sort, $skip, $limit, $replaceRoot/$replaceWith, with the common expression operators),
  count, distinct, createIndexes/listIndexes/dropIndexes, create, drop, dropDatabase,
  listCollections, listDatabases.
  Write errors like a server: duplicate keys on unique indexes (11000, with keyPattern/keyValue),
  invalid points under a 2dsphere index (16755), an unsupported language override under a text
  index (17262); ordered writes stop at the first error, unordered ones go on.
  Retryable writes: a write carrying the lsid and txnNumber of one already applied is not applied
  again; the first answer is sent again (as a server does), and a "replayed" event is printed.
  A secondary refuses writes (10107 NotWritablePrimary) and reads without secondaryOk (13435).
  Not supported, refused with code 2 and a message naming the operator: $text, geo queries,
  $where, $lookup and the other stages and operators not listed above.
  Differences from MongoDB worth knowing: replica-set peers do not replicate (each has its own
  data); hello carries no topologyVersion, so drivers poll it (heartbeatFrequencyMS) instead of
  streaming; sorting by an array field uses its first element; collations, arrayFilters and
  update pipelines are refused. hello and the other data-free commands never wait for a running
  write, so a slow peer operation cannot make the driver's heartbeat time out.

Faults: --fault KIND:COMMAND:N applies KIND to the Nth COMMAND (counted from 1, retries included)
  hangup          close the connection without answering (nothing applied)
  hangup-after    apply the command, then close the connection without answering
  notwritable     answer NotWritablePrimary (10107; with the RetryableWriteError label when the
                  command is a retryable write), nothing applied
  duplicate       answer the first statement of an update with a duplicate-key write error
  stall           apply the command, answer after --stall-seconds (5); when the command carries
                  maxTimeMS and that is shorter, answer MaxTimeMSExpired (50) after maxTimeMS

Control on stdin: one JSON object per line, e.g. {"secondary": true, "primary": "127.0.0.1:P"},
  {"hosts": ["127.0.0.1:P", "127.0.0.1:S"]} or {"fault": "hangup:update:1"} (counted from the
  moment it arrives); each is acknowledged with {"event": "configured", ...}. End of stdin stops
  the peer.
"""

import argparse
import base64
import contextlib
import datetime
import functools
import hashlib
import hmac
import itertools
import json
import os
import re
import socket
import ssl
import struct
import sys
import threading
import time
import traceback
from collections import OrderedDict

import bson
from bson import json_util
from bson.binary import Binary, UuidRepresentation
from bson.codec_options import CodecOptions
from bson.int64 import Int64
from bson.max_key import MaxKey
from bson.min_key import MinKey
from bson.objectid import ObjectId
from bson.regex import Regex
from bson.timestamp import Timestamp
import mockupdb

try:
    from pymongo.saslprep import saslprep
except ImportError:  # pragma: no cover
    def saslprep(value):
        return value


def parse_args():
    parser = argparse.ArgumentParser(description="A MongoDB wire-protocol peer for tests (see the header).")
    parser.add_argument("--port", type=int, default=0, help="listen on this port (default: any free port)")
    parser.add_argument("--tls", action="store_true", help="require TLS (mockupdb's self-signed cert, CN=server)")
    parser.add_argument("--user", help="require SCRAM authentication as this user (any database)")
    parser.add_argument("--password")
    parser.add_argument("--mechanisms", default="SCRAM-SHA-1,SCRAM-SHA-256")
    parser.add_argument("--iterations", type=int, default=4096)
    parser.add_argument("--no-skip-empty-exchange", action="store_true",
                        help="behave like a server before 4.4: always one more empty SASL round")
    parser.add_argument("--no-speculative-auth", action="store_true",
                        help="ignore speculativeAuthenticate in hello (as a server before 4.4)")
    parser.add_argument("--max-wire", type=int, default=21, help="maxWireVersion (21 = MongoDB 7.0)")
    parser.add_argument("--batch-size", type=int, default=101, help="documents per cursor batch when the client asks none")
    parser.add_argument("--set-name", help="answer as a member of this replica set")
    parser.add_argument("--secondary", action="store_true", help="as a replica-set member: be a secondary")
    parser.add_argument("--primary", help="as a replica-set member: the primary to name (HOST:PORT)")
    parser.add_argument("--hosts", default="", help="as a replica-set member: the other members (HOST:PORT,...); itself is always listed")
    parser.add_argument("--mongos", action="store_true", help='answer as a mongos (msg: "isdbgrid")')
    parser.add_argument("--max-write-batch", type=int, default=100000, help="maxWriteBatchSize in hello")
    parser.add_argument("--no-sessions", action="store_true", help="no logicalSessionTimeoutMinutes in hello (no sessions, no retryable writes)")
    parser.add_argument("--no-connection-id", action="store_true", help="no connectionId in hello (drivers then ask getLastError)")
    parser.add_argument("--stall-seconds", type=float, default=5.0)
    parser.add_argument("--fault", action="append", default=[], help="KIND:COMMAND:N (see the header)")
    return parser.parse_args()


ARGS = parse_args()

# Decode UUIDs as Binary subtype 4 and keep them so: nothing is reinterpreted on the way through.
CODEC = CodecOptions(document_class=OrderedDict, uuid_representation=UuidRepresentation.UNSPECIFIED)
JSON_OPTIONS = json_util.JSONOptions(json_mode=json_util.JSONMode.CANONICAL, uuid_representation=UuidRepresentation.UNSPECIFIED)

LOCK = threading.RLock()        # guards the data below (databases, indexes, cursors, retries)
FAULT_LOCK = threading.Lock()   # guards COUNTS and FAULTS
EMIT_LOCK = threading.Lock()    # keeps stdout lines whole
DATABASES = OrderedDict()       # db -> collection -> [documents]
INDEXES = {}                    # (db, collection) -> [index specs as listIndexes shows them]
KEYS = {}                       # (db, collection) -> unique index name -> {canonical key: document}
CURSORS = {}                    # cursor id -> (db, collection, remaining documents, batch size)
NEXT_CURSOR = itertools.count(7000000001)
NEXT_CONNECTION = itertools.count(1)
COUNTS = {}                     # command name -> how many received
RETRIES = {}                    # (lsid id, txnNumber) -> the reply of a retryable write already applied
FAULTS = []


class Config:
    """What hello says about this peer's place in a deployment; stdin control may change it."""
    port = 0
    secondary = ARGS.secondary
    primary = ARGS.primary
    hosts = [h for h in ARGS.hosts.split(",") if h]
    election_id = None

    @classmethod
    def me(cls):
        return "127.0.0.1:%d" % cls.port

    @classmethod
    def members(cls):
        return cls.hosts if cls.me() in cls.hosts else cls.hosts + [cls.me()]

    @classmethod
    def became_primary(cls):
        # Real servers send ObjectId("7fffffff" + term); a time-based term keeps it growing across peers.
        cls.election_id = ObjectId("7fffffff%016x" % int(time.time() * 1000))


def add_fault(spec):
    kind, command, nth = spec.split(":")
    if kind not in ("hangup", "hangup-after", "notwritable", "duplicate", "stall"):
        raise SystemExit("unknown fault kind: " + kind)
    FAULTS.append({"kind": kind, "command": command.lower(), "nth": int(nth),
                   "base": COUNTS.get(command.lower(), 0), "done": False})


for _spec in ARGS.fault:
    add_fault(_spec)


def emit(record):
    with EMIT_LOCK:
        sys.stdout.write(json.dumps(record) + "\n")
        sys.stdout.flush()


def extended_json(document):
    return json.loads(json_util.dumps(document, json_options=JSON_OPTIONS))


class CommandError(Exception):
    """Answer the command with ok: 0 and this code (and no changes)."""

    def __init__(self, code, code_name, message, **extra):
        super().__init__(message)
        self.reply = OrderedDict([("ok", 0), ("errmsg", message), ("code", code), ("codeName", code_name)])
        self.reply.update(extra)


def unsupported(what):
    return CommandError(2, "BadValue", "the MongoDB test peer does not support %s" % what)


# ---------------------------------------------------------------- BSON values: order, equality, paths

MISSING = object()   # a field that is not there (aggregation tells it apart from null)


def type_rank(value):
    """BSON comparison order: MinKey, null, numbers, strings, objects, arrays, binary, ObjectId, bool, date, timestamp, regex, MaxKey."""
    if value is MISSING:
        return -1
    if isinstance(value, MinKey):
        return 0
    if value is None:
        return 1
    if isinstance(value, bool):
        return 9
    if isinstance(value, (int, float)) or type(value).__name__ == "Decimal128":
        return 2
    if isinstance(value, str):
        return 3
    if isinstance(value, dict):
        return 4
    if isinstance(value, list):
        return 5
    if isinstance(value, (bytes, Binary)):
        return 6
    if isinstance(value, ObjectId):
        return 7
    if isinstance(value, datetime.datetime):
        return 10
    if isinstance(value, Timestamp):
        return 11
    if isinstance(value, (Regex, re.Pattern)):
        return 12
    if isinstance(value, MaxKey):
        return 13
    return 14


def number(value):
    return float(value.to_decimal()) if type(value).__name__ == "Decimal128" else value


def compare(a, b):
    """-1, 0 or 1 as MongoDB orders the two values; embedded documents compare field by field, in order."""
    ra, rb = type_rank(a), type_rank(b)
    if ra != rb:
        return (ra > rb) - (ra < rb)
    if ra == 2:
        a, b = number(a), number(b)
    elif ra == 4:
        for (ka, va), (kb, vb) in zip(a.items(), b.items()):
            order = compare(va, vb) or ((ka > kb) - (ka < kb))
            if order:
                return order
        return (len(a) > len(b)) - (len(a) < len(b))
    elif ra == 5:
        for va, vb in zip(a, b):
            order = compare(va, vb)
            if order:
                return order
        return (len(a) > len(b)) - (len(a) < len(b))
    elif ra == 6:
        a, b = (len(a), getattr(a, "subtype", 0), bytes(a)), (len(b), getattr(b, "subtype", 0), bytes(b))
    elif ra == 12:
        a, b = (a.pattern, str(a.flags)), (b.pattern, str(b.flags))
    elif ra in (0, 1, 13):
        return 0
    try:
        return (a > b) - (a < b)
    except TypeError:
        return 0


def equal(a, b):
    return compare(a, b) == 0


def copy_document(document):
    return bson.decode(bson.encode(document, codec_options=CODEC), codec_options=CODEC)


def values_at(document, path):
    """Every value a dotted path reaches, descending into arrays as a query does."""
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


def get_path(document, path, default=None):
    found = values_at(document, path)
    return found[0] if found else default


def set_path(document, path, value):
    parts = path.split(".")
    target = document
    for part in parts[:-1]:
        if isinstance(target, list):
            target = target[int(part)]
        else:
            if not isinstance(target.get(part), (dict, list)):
                target[part] = OrderedDict()
            target = target[part]
    if isinstance(target, list):
        index = int(parts[-1])
        while len(target) <= index:
            target.append(None)
        target[index] = value
    else:
        target[parts[-1]] = value


def unset_path(document, path):
    parts = path.split(".")
    target = document
    for part in parts[:-1]:
        target = target.get(part) if isinstance(target, dict) else None
        if target is None:
            return
    if isinstance(target, dict):
        target.pop(parts[-1], None)


def id_first(document):
    """Real servers store _id as the first field."""
    if "_id" in document and next(iter(document)) != "_id":
        document.move_to_end("_id", last=False) if isinstance(document, OrderedDict) else None
    return document


def short(value):
    return json_util.dumps(value)


# ---------------------------------------------------------------- queries

def regex_of(value):
    if isinstance(value, Regex):
        flags = value.flags
        if isinstance(flags, str):  # bson.Regex keeps string flags as given, or converts them to re flags
            flags = (re.I if "i" in flags else 0) | (re.M if "m" in flags else 0) | (re.S if "s" in flags else 0) | \
                (re.X if "x" in flags else 0)
        return re.compile(value.pattern.replace("\\z", "\\Z"), flags & (re.I | re.M | re.S | re.X))
    if isinstance(value, re.Pattern):
        return value
    return None


def flatten(candidates):
    for candidate in candidates:
        if isinstance(candidate, list):
            yield from candidate
        else:
            yield candidate


def is_operator_document(value):
    return isinstance(value, dict) and len(value) > 0 and all(k.startswith("$") for k in value)


def matches_value(candidates, condition):
    """Does a field (all the values its path reaches) satisfy the condition?"""
    if is_operator_document(condition):
        options = condition.get("$options", "")
        return all(operator_matches(candidates, op, arg, options) for op, arg in condition.items() if op != "$options")
    pattern = regex_of(condition)
    if pattern is not None:
        return any(isinstance(s, str) and pattern.search(s) for s in flatten(candidates))
    for candidate in candidates:
        if equal(candidate, condition):
            return True
        if isinstance(candidate, list) and any(equal(item, condition) for item in candidate):
            return True
    return condition is None and (not candidates or any(c is None for c in flatten(candidates)))


TYPE_NAMES = {"double": (float,), "string": (str,), "object": (dict,), "array": (list,), "binData": (bytes, Binary),
              "objectId": (ObjectId,), "bool": (bool,), "date": (datetime.datetime,), "null": (type(None),),
              "int": (int,), "long": (Int64,), "number": (int, float)}
TYPE_NUMBERS = {1: "double", 2: "string", 3: "object", 4: "array", 5: "binData", 7: "objectId", 8: "bool",
                9: "date", 10: "null", 16: "int", 18: "long"}


def has_type(value, name):
    name = TYPE_NUMBERS.get(name, name)
    if name in ("int", "long", "number", "double") and isinstance(value, bool):
        return False
    if name == "int":
        return isinstance(value, int) and not isinstance(value, Int64)
    if name not in TYPE_NAMES:
        raise unsupported("$type " + str(name))
    return isinstance(value, TYPE_NAMES[name])


def operator_matches(candidates, op, arg, options=""):
    if op == "$exists":
        return bool(candidates) == bool(arg)
    if op == "$eq":
        return matches_value(candidates, arg) if not is_operator_document(arg) else any(equal(c, arg) for c in candidates)
    if op == "$ne":
        return not operator_matches(candidates, "$eq", arg)
    if op == "$in":
        return any(matches_value(candidates, value) for value in arg)
    if op == "$nin":
        return not any(matches_value(candidates, value) for value in arg)
    if op in ("$gt", "$gte", "$lt", "$lte"):
        for value in itertools.chain(flatten(candidates), [c for c in candidates if isinstance(c, list)]):
            if type_rank(value) != type_rank(arg):
                continue
            order = compare(value, arg)
            if (op == "$gt" and order > 0) or (op == "$gte" and order >= 0) or \
               (op == "$lt" and order < 0) or (op == "$lte" and order <= 0):
                return True
        return False
    if op == "$size":
        return any(isinstance(c, list) and len(c) == arg for c in candidates)
    if op == "$regex":
        pattern = arg if isinstance(arg, Regex) else Regex(arg, options)
        return matches_value(candidates, pattern)
    if op == "$not":
        return not matches_value(candidates, arg)
    if op == "$all":
        return all(matches_value(candidates, value) for value in arg)
    if op == "$type":
        kinds = arg if isinstance(arg, list) else [arg]
        return any(has_type(v, k) for v in itertools.chain(candidates, flatten(candidates)) for k in kinds)
    if op == "$elemMatch":
        for candidate in candidates:
            if isinstance(candidate, list):
                for item in candidate:
                    if is_operator_document(arg):
                        if matches_value([item], arg):
                            return True
                    elif isinstance(item, dict) and matches(item, arg):
                        return True
        return False
    if op == "$mod":
        divisor, remainder = arg
        return any(isinstance(v, (int, float)) and not isinstance(v, bool) and int(v) % divisor == remainder
                   for v in flatten(candidates))
    raise unsupported(op)


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
        elif key == "$expr":
            if not truthy(evaluate(document, condition)):
                return False
        elif key == "$comment":
            continue
        elif key.startswith("$"):
            raise unsupported(key)
        elif not matches_value(values_at(document, key), condition):
            return False
    return True


def sort_documents(documents, spec):
    def key_value(document, path):
        if isinstance(spec[path], dict):
            raise unsupported("sorting by " + short(spec[path]))
        found = values_at(document, path)
        value = found[0] if found else None
        if isinstance(value, list):
            value = value[0] if value else None
        return value

    def order(a, b):
        for path, direction in spec.items():
            result = compare(key_value(a, path), key_value(b, path))
            if result:
                return result if direction > 0 else -result
        return 0

    return sorted(documents, key=functools.cmp_to_key(order))


def project(document, projection):
    """find's projection: inclusion or exclusion of (dotted) paths; _id unless excluded."""
    if not projection:
        return document
    for value in projection.values():
        if isinstance(value, dict) or (isinstance(value, str) and value.startswith("$")):
            return project_stage(document, projection)
    fields = {k: v for k, v in projection.items() if k != "_id"}
    if all(not v for v in fields.values()) and (fields or not projection.get("_id", 1)):
        result = copy_document(document)
        for path in fields:
            unset_path(result, path)
        if "_id" in projection and not projection["_id"]:
            result.pop("_id", None)
        return result
    result = OrderedDict()
    if projection.get("_id", 1) and "_id" in document:
        result["_id"] = document["_id"]
    for path in fields:
        copy_path(document, result, path.split("."))
    return result


def copy_path(source, target, parts):
    head, rest = parts[0], parts[1:]
    if not isinstance(source, dict) or head not in source:
        return
    value = source[head]
    if not rest:
        target[head] = value
    elif isinstance(value, dict):
        copy_path(value, target.setdefault(head, OrderedDict()), rest)
    elif isinstance(value, list):
        items = target.setdefault(head, [OrderedDict() for _ in value])
        for source_item, target_item in zip(value, items):
            if isinstance(source_item, dict):
                copy_path(source_item, target_item, rest)
        target[head] = [item for item, source_item in zip(items, value) if isinstance(source_item, dict)]


# ---------------------------------------------------------------- aggregation expressions

def truthy(value):
    if value is MISSING or value is None or value is False:
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value != 0
    return True


def field_path(value, parts):
    """An aggregation field path: through arrays of documents it yields arrays of values."""
    if not parts:
        return value
    head, rest = parts[0], parts[1:]
    if isinstance(value, dict):
        return field_path(value[head], rest) if head in value else MISSING
    if isinstance(value, list):
        found = [field_path(item, parts) for item in value if isinstance(item, (dict, list))]
        return [f for f in found if f is not MISSING]
    return MISSING


def nullish(value):
    return value is None or value is MISSING


def type_name(value):
    if value is MISSING:
        return "missing"
    for name in ("null", "bool", "int", "long", "double", "string", "object", "array", "binData", "objectId", "date"):
        if has_type(value, name):
            return name
    return type(value).__name__


def expression_error(code, message):
    return CommandError(code, "Location%d" % code, message)


def arithmetic(op, values):
    if any(nullish(v) for v in values):
        return None
    for v in values:
        if not isinstance(v, (int, float, datetime.datetime)) or isinstance(v, bool):
            raise expression_error(16554, "%s only supports numeric or date types, not %s" % (op, type_name(v)))
    if op == "$add":
        dates = [v for v in values if isinstance(v, datetime.datetime)]
        total = sum(v for v in values if not isinstance(v, datetime.datetime))
        return dates[0] + datetime.timedelta(milliseconds=total) if dates else total
    if op == "$subtract":
        a, b = values
        if isinstance(a, datetime.datetime) and isinstance(b, datetime.datetime):
            return Int64((a - b) / datetime.timedelta(milliseconds=1))
        if isinstance(a, datetime.datetime):
            return a - datetime.timedelta(milliseconds=b)
        return a - b
    if op == "$multiply":
        result = 1
        for v in values:
            result *= v
        return result
    if op == "$divide":
        a, b = values
        if b == 0:
            raise expression_error(16608, "can't $divide by zero")
        return a / b
    if op == "$mod":
        a, b = values
        return a % b
    raise unsupported(op)


def to_string(value, op):
    if nullish(value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (value.microsecond // 1000)
    raise expression_error(16007, "can't convert from BSON type %s to String (%s)" % (type_name(value), op))


def evaluate(document, expression, variables=None):
    """Evaluate an aggregation expression against a document (MISSING for an absent field)."""
    variables = variables or {"ROOT": document, "CURRENT": document}
    if isinstance(expression, str) and expression.startswith("$$"):
        name, _, rest = expression[2:].partition(".")
        if name == "REMOVE":
            return MISSING
        if name not in variables:
            raise expression_error(17276, "Use of undefined variable: " + name)
        return field_path(variables[name], rest.split(".")) if rest else variables[name]
    if isinstance(expression, str) and expression.startswith("$"):
        return field_path(document, expression[1:].split("."))
    if isinstance(expression, list):
        return [v if v is not MISSING else None for v in (evaluate(document, e, variables) for e in expression)]
    if isinstance(expression, dict):
        if len(expression) == 1 and next(iter(expression)).startswith("$"):
            (op, arg), = expression.items()
            return operator(document, op, arg, variables)
        result = OrderedDict()
        for key, value in expression.items():
            evaluated = evaluate(document, value, variables)
            if evaluated is not MISSING:
                result[key] = evaluated
        return result
    return expression


def operator(document, op, arg, variables):
    if op == "$literal":
        return arg
    args = arg if isinstance(arg, list) else [arg]

    def ev(e):
        return evaluate(document, e, variables)

    if op == "$cond":
        if isinstance(arg, dict):
            condition, then, otherwise = arg["if"], arg["then"], arg["else"]
        else:
            condition, then, otherwise = arg
        return ev(then) if truthy(ev(condition)) else ev(otherwise)
    if op == "$ifNull":
        for candidate in args[:-1]:
            value = ev(candidate)
            if not nullish(value):
                return value
        return ev(args[-1])
    if op == "$and":
        return all(truthy(ev(a)) for a in args)
    if op == "$or":
        return any(truthy(ev(a)) for a in args)
    if op == "$not":
        return not truthy(ev(args[0]))
    values = [ev(a) for a in args]
    if op in ("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$cmp"):
        order = compare(values[0], values[1])
        return {"$eq": order == 0, "$ne": order != 0, "$gt": order > 0, "$gte": order >= 0,
                "$lt": order < 0, "$lte": order <= 0, "$cmp": order}[op]
    if op in ("$add", "$subtract", "$multiply", "$divide", "$mod"):
        return arithmetic(op, values)
    if op == "$size":
        if not isinstance(values[0], list):
            raise expression_error(17124, "The argument to $size must be an array. Type of argument is %s" % type_name(values[0]))
        return len(values[0])
    if op == "$isArray":
        return isinstance(values[0], list)
    if op == "$in":
        if not isinstance(values[1], list):
            raise expression_error(40081, "$in requires an array as a second argument, found: %s" % type_name(values[1]))
        return any(equal(values[0], v) for v in values[1])
    if op == "$arrayElemAt":
        array, index = values
        if nullish(array):
            return None
        return array[index] if -len(array) <= index < len(array) else MISSING
    if op == "$concatArrays":
        return None if any(nullish(v) for v in values) else [i for v in values for i in v]
    if op == "$concat":
        if any(nullish(v) for v in values):
            return None
        return "".join(to_string(v, op) if not isinstance(v, str) else v for v in values)
    if op in ("$substrCP", "$substr", "$substrBytes"):
        text, start, count = to_string(values[0], op), int(values[1]), int(values[2])
        return text[start:] if count < 0 else text[start:start + count]
    if op == "$indexOfCP":
        if nullish(values[0]):
            return None
        return to_string(values[0], op).find(to_string(values[1], op))
    if op == "$strLenCP":
        if not isinstance(values[0], str):
            raise expression_error(34471, "$strLenCP requires a string argument, found: %s" % type_name(values[0]))
        return len(values[0])
    if op == "$toLower":
        return to_string(values[0], op).lower()
    if op == "$toUpper":
        return to_string(values[0], op).upper()
    if op == "$toString":
        return None if nullish(values[0]) else to_string(values[0], op)
    if op == "$type":
        return type_name(values[0])
    if op in ("$max", "$min"):
        pool = [v for v in (values[0] if len(values) == 1 and isinstance(values[0], list) else values) if not nullish(v)]
        if not pool:
            return None
        best = pool[0]
        for v in pool[1:]:
            if (compare(v, best) > 0) == (op == "$max") and compare(v, best) != 0:
                best = v
        return best
    if op in ("$sum", "$avg"):
        pool = [v for v in (values[0] if len(values) == 1 and isinstance(values[0], list) else values)
                if isinstance(v, (int, float)) and not isinstance(v, bool)]
        if op == "$avg":
            return sum(pool) / len(pool) if pool else None
        return sum(pool)
    if op in ("$floor", "$ceil", "$abs", "$round", "$trunc"):
        value = values[0]
        if nullish(value):
            return None
        import math
        return {"$floor": math.floor, "$ceil": math.ceil, "$abs": abs, "$round": round, "$trunc": math.trunc}[op](value)
    if op == "$filter":
        spec = arg
        name = spec.get("as", "this")
        source = ev(spec["input"])
        if nullish(source):
            return None
        return [item for item in source if truthy(evaluate(document, spec["cond"], dict(variables, **{name: item})))]
    if op == "$map":
        spec = arg
        name = spec.get("as", "this")
        source = ev(spec["input"])
        if nullish(source):
            return None
        return [evaluate(document, spec["in"], dict(variables, **{name: item})) for item in source]
    raise unsupported("the expression operator " + op)


# ---------------------------------------------------------------- aggregation stages

def is_flag(value):
    """In $project, true/false and numbers mean include/exclude; anything else is an expression."""
    return isinstance(value, (bool, int, float))


def project_stage(document, spec):
    """$project: inclusions and computed fields, or exclusions; _id is kept unless excluded."""
    flags = [v for k, v in spec.items() if is_flag(v)]
    if (flags and len(flags) == len(spec) and not any(flags)) or any(k != "_id" and is_flag(v) and not v for k, v in spec.items()):
        result = copy_document(document)
        for path, value in spec.items():
            if is_flag(value) and not value:
                unset_path(result, path)
        return result
    result = OrderedDict()
    id_spec = spec.get("_id", True)
    if is_flag(id_spec):
        if id_spec and "_id" in document:
            result["_id"] = document["_id"]
    else:
        computed = evaluate(document, id_spec)
        if computed is not MISSING:
            result["_id"] = computed
    for key, value in spec.items():
        if key == "_id":
            continue
        if is_flag(value):
            copy_path(document, result, key.split("."))
        elif isinstance(value, dict) and value and not next(iter(value)).startswith("$"):
            inner = get_path(document, key)
            set_path(result, key, project_stage(inner if isinstance(inner, dict) else OrderedDict(),
                                                OrderedDict([("_id", False)] + list(value.items()))))
        else:
            computed = evaluate(document, value)
            if computed is not MISSING:
                set_path(result, key, computed)
    return result


def add_fields(document, spec):
    result = copy_document(document)
    for key, value in spec.items():
        computed = evaluate(document, value)
        if computed is MISSING:
            unset_path(result, key)
        else:
            set_path(result, key, computed)
    return result


class Accumulator:
    def __init__(self, op, argument):
        self.op, self.argument, self.value, self.count, self.seen = op, argument, None, 0, False

    def add(self, document):
        op = self.op
        if op == "$count":
            self.value = (self.value or 0) + 1
            return
        value = evaluate(document, self.argument)
        if op == "$sum":
            items = value if isinstance(value, list) and not isinstance(self.argument, list) else [value]
            for item in items:
                if isinstance(item, (int, float)) and not isinstance(item, bool):
                    self.value = (self.value or 0) + item
            if self.value is None:
                self.value = 0
        elif op == "$avg":
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                self.value = (self.value or 0) + value
                self.count += 1
        elif op in ("$min", "$max"):
            if not nullish(value):
                if self.value is None or (compare(value, self.value) > 0) == (op == "$max") and compare(value, self.value) != 0:
                    self.value = value
        elif op == "$first":
            if not self.seen:
                self.value, self.seen = (None if value is MISSING else value), True
        elif op == "$last":
            self.value = None if value is MISSING else value
        elif op == "$push":
            self.value = (self.value or []) + ([value] if value is not MISSING else [])
        elif op == "$addToSet":
            self.value = self.value or []
            if value is not MISSING and not any(equal(value, v) for v in self.value):
                self.value.append(value)
        else:
            raise unsupported("the accumulator " + op)

    def result(self):
        if self.op == "$avg":
            return self.value / self.count if self.count else None
        if self.op in ("$push", "$addToSet"):
            return self.value or []
        if self.op == "$sum":
            return self.value or 0
        return self.value


def group(documents, spec):
    groups = OrderedDict()
    for document in documents:
        key = evaluate(document, spec["_id"])
        if key is MISSING:
            key = None
        marker = short(key)
        if marker not in groups:
            groups[marker] = (key, OrderedDict((field, Accumulator(*next(iter(acc.items()))))
                                               for field, acc in spec.items() if field != "_id"))
        for accumulator in groups[marker][1].values():
            accumulator.add(document)
    return [OrderedDict([("_id", key)] + [(f, a.result()) for f, a in accumulators.items()])
            for key, accumulators in groups.values()]


def unwind(documents, argument):
    if isinstance(argument, str):
        argument = {"path": argument}
    path = argument["path"][1:]
    keep_empty = argument.get("preserveNullAndEmptyArrays", False)
    index_field = argument.get("includeArrayIndex")
    unwound = []
    for document in documents:
        found = values_at(document, path)
        value = found[0] if found else MISSING
        items = value if isinstance(value, list) else ([] if nullish(value) else [value])
        if not items:
            if keep_empty:
                copy = copy_document(document)
                if isinstance(value, list):
                    unset_path(copy, path)  # an empty array disappears; null stays null
                if index_field:
                    copy[index_field] = None
                unwound.append(copy)
            continue
        for position, item in enumerate(items):
            copy = copy_document(document)
            set_path(copy, path, item)
            if index_field:
                copy[index_field] = Int64(position)
            unwound.append(copy)
    return unwound


def run_pipeline(documents, pipeline):
    for position, stage in enumerate(pipeline):
        (name, argument), = stage.items()
        if name == "$match":
            documents = [d for d in documents if matches(d, argument)]
        elif name == "$project":
            documents = [project_stage(d, argument) for d in documents]
        elif name in ("$addFields", "$set"):
            documents = [add_fields(d, argument) for d in documents]
        elif name == "$unset":
            paths = argument if isinstance(argument, list) else [argument]
            documents = [project(d, {p: 0 for p in paths}) for d in documents]
        elif name == "$unwind":
            documents = unwind(documents, argument)
        elif name == "$group":
            documents = group(documents, argument)
        elif name == "$count":
            documents = [OrderedDict([(argument, len(documents))])] if documents else []
        elif name == "$sort":
            documents = sort_documents(documents, argument)
        elif name == "$skip":
            documents = documents[int(argument):]
        elif name == "$limit":
            documents = documents[:int(argument)]
        elif name in ("$replaceRoot", "$replaceWith"):
            expression = argument["newRoot"] if name == "$replaceRoot" else argument
            replaced = []
            for d in documents:
                root = evaluate(d, expression)
                if not isinstance(root, dict):
                    raise expression_error(40228, "'newRoot' expression must evaluate to an object, but resulting value was: %s" % short(root if root is not MISSING else None))
                replaced.append(root)
            documents = replaced
        elif name == "$sortByCount":
            documents = sort_documents(group(documents, {"_id": argument, "count": {"$sum": 1}}), {"count": -1})
        else:
            raise unsupported("the stage " + name)
    return documents


# ---------------------------------------------------------------- collections and indexes

def collection(db, name, create=True):
    if not create and name not in DATABASES.get(db, {}):
        return []
    return DATABASES.setdefault(db, OrderedDict()).setdefault(name, [])


def exists(db, name):
    return name in DATABASES.get(db, {})


# Documents are stored in insertion order; the unique indexes (and _id) are kept as maps from a
# canonical key to the document, so unique checks and equality lookups on them do not scan.

ID_INDEX = {"name": "_id_", "key": {"_id": 1}, "unique": True}


def canonical(value):
    """A hashable form of a value: equal as MongoDB compares (1 == 1.0, field order matters) means equal here."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)) or type(value).__name__ == "Decimal128":
        return ("number", float(number(value)))
    if isinstance(value, dict):
        return ("object", tuple((k, canonical(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("array", tuple(canonical(v) for v in value))
    if isinstance(value, (bytes, Binary)):
        return ("binary", getattr(value, "subtype", 0), bytes(value))
    if value is None or value is MISSING:
        return ("null",)
    return (type(value).__name__, value if isinstance(value, (str, datetime.datetime)) else str(value))


def unique_indexes(db, name):
    return [ID_INDEX] + [i for i in INDEXES.get((db, name), []) if i.get("unique")]


def index_entries(index, document):
    """The (canonical key, values) a document puts into an index: one per array element (multikey); none if sparse and absent."""
    found = [values_at(document, field) for field in index["key"]]
    if index.get("sparse") and not any(found):
        return []
    choices = []
    for values in found:
        expanded = []
        for value in values or [None]:
            expanded.extend(value if isinstance(value, list) and value else [value])
        choices.append(expanded)
    return [(tuple(canonical(v) for v in combination), combination) for combination in itertools.product(*choices)]


def key_map(db, name, index):
    maps = KEYS.setdefault((db, name), {})
    if index["name"] not in maps:
        entries = {}
        for document in collection(db, name, create=False):
            for key, _ in index_entries(index, document):
                entries.setdefault(key, document)
        maps[index["name"]] = entries
    return maps[index["name"]]


def store(db, name, document):
    collection(db, name).append(document)
    for index in unique_indexes(db, name):
        entries = key_map(db, name, index)
        for key, _ in index_entries(index, document):
            entries.setdefault(key, document)


def unstore(db, name, document):
    """Take a document out of its collection (for good, or while it changes: then store_again)."""
    for index in unique_indexes(db, name):
        entries = key_map(db, name, index)
        for key, _ in index_entries(index, document):
            if entries.get(key) is document:
                del entries[key]
    documents = collection(db, name, create=False)
    for position, candidate in enumerate(documents):
        if candidate is document:
            del documents[position]
            return position
    return None


def replace_stored(db, name, target, changed):
    """Give a stored document new contents (same object, same place in the collection)."""
    position = unstore(db, name, target)
    target.clear()
    target.update(changed)
    collection(db, name).insert(position if position is not None else len(collection(db, name)), target)
    for index in unique_indexes(db, name):
        entries = key_map(db, name, index)
        for key, _ in index_entries(index, target):
            entries.setdefault(key, target)


def forget(db, name=None):
    """Drop a collection (or, without a name, a database) with its indexes."""
    names = [name] if name is not None else list(DATABASES.get(db, {}))
    for each in names:
        DATABASES.get(db, {}).pop(each, None)
        INDEXES.pop((db, each), None)
        KEYS.pop((db, each), None)
    if name is None:
        DATABASES.pop(db, None)


SCALARS = (str, int, float, ObjectId, datetime.datetime, Binary, bytes)


def candidates(db, name, query):
    """The documents a query may match: through a unique index when it asks one of its fields for a plain value."""
    documents = collection(db, name, create=False)
    for field, value in query.items():
        if field.startswith("$") or not isinstance(value, SCALARS) or isinstance(value, bool):
            continue
        for index in unique_indexes(db, name):
            if list(index["key"]) == [field]:
                found = key_map(db, name, index).get((canonical(value),))
                return [found] if found is not None else []
    return list(documents)


TEXT_LANGUAGES = {"none", "danish", "dutch", "english", "finnish", "french", "german", "hungarian", "italian",
                  "norwegian", "portuguese", "romanian", "russian", "spanish", "swedish", "turkish",
                  "da", "nl", "en", "fi", "fr", "de", "hu", "it", "nb", "pt", "ro", "ru", "es", "sv", "tr"}


def normalize_index(spec):
    """An index as listIndexes shows it: text keys become _fts/_ftsx with weights, versions are added."""
    key = spec["key"]
    result = OrderedDict([("v", 2)])
    text_fields = [k for k, v in key.items() if v == "text"]
    if text_fields:
        normalized_key, placed = OrderedDict(), False
        for k, v in key.items():
            if v == "text":
                if not placed:
                    normalized_key["_fts"] = "text"
                    normalized_key["_ftsx"] = 1
                    placed = True
            else:
                normalized_key[k] = v
        result["key"] = normalized_key
    else:
        result["key"] = OrderedDict(key)
    result["name"] = spec["name"]
    for option, value in spec.items():
        if option in ("key", "name", "v", "ns", "background"):
            continue
        result[option] = value
    if text_fields:
        weights = OrderedDict((f, 1) for f in text_fields)
        weights.update(spec.get("weights", {}))
        for field, weight in weights.items():
            if not isinstance(weight, (int, float)) or not 0 < weight < 100000:
                raise CommandError(67, "CannotCreateIndex", "text index weight must be in the exclusive interval (0,100000) but found: %s" % weight)
        result["weights"] = weights
        result["default_language"] = spec.get("default_language", "english")
        result["language_override"] = spec.get("language_override", "language")
        result["textIndexVersion"] = 3
        if result["default_language"] not in TEXT_LANGUAGES:
            raise CommandError(17184, "Location17184", "default_language not supported: %s" % result["default_language"])
    if "2dsphere" in key.values():
        result.setdefault("2dsphereIndexVersion", 3)
    return result


def index_options(index):
    return {k: v for k, v in index.items() if k not in ("v", "key", "name") and not (k in ("unique", "sparse") and v is False)}


def valid_point(value):
    """What a 2dsphere index accepts for a field: a GeoJSON Point in range, or a legacy [lng, lat] pair."""
    if isinstance(value, dict) and value.get("type") == "Point":
        coordinates = value.get("coordinates")
    elif isinstance(value, list):
        coordinates = value
    elif isinstance(value, dict) and value.get("type") in ("LineString", "Polygon", "MultiPoint", "MultiLineString",
                                                         "MultiPolygon", "GeometryCollection"):
        return True
    else:
        return False
    return (isinstance(coordinates, list) and len(coordinates) == 2
            and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coordinates)
            and -180 <= coordinates[0] <= 180 and -90 <= coordinates[1] <= 90)


def check_document(db, name, document, ignore=None):
    """The write error a server would answer for this document (unique keys, geo keys, text language), or None."""
    for index in INDEXES.get((db, name), []):
        for field, kind in index["key"].items():
            if kind == "2dsphere":
                for value in values_at(document, field):
                    if value is not None and not valid_point(value):
                        return OrderedDict([("code", 16755), ("errmsg",
                                             "Can't extract geo keys: %s  Point must only contain numeric elements (or is out of bounds)"
                                             % short({"_id": document.get("_id"), field: value}))])
        if "textIndexVersion" in index:
            language = get_path(document, index["language_override"])
            if language is not None and language not in TEXT_LANGUAGES:
                return OrderedDict([("code", 17262), ("errmsg", "language override unsupported: %s" % language)])
    for index in unique_indexes(db, name):
        entries = key_map(db, name, index)
        for key, values in index_entries(index, document):
            other = entries.get(key)
            if other is not None and other is not ignore:
                key_value = OrderedDict(zip(index["key"], values))
                return OrderedDict([
                    ("code", 11000),
                    ("errmsg", "E11000 duplicate key error collection: %s.%s index: %s dup key: { %s }" % (
                        db, name, index["name"], ", ".join("%s: %s" % (k, short(v)) for k, v in key_value.items()))),
                    ("keyPattern", OrderedDict(index["key"])),
                    ("keyValue", key_value)])
    return None


def write_error(index, error):
    result = OrderedDict([("index", index), ("code", error["code"])])
    for key in ("keyPattern", "keyValue"):
        if key in error:
            result[key] = error[key]
    result["errmsg"] = error["errmsg"]
    return result


# ---------------------------------------------------------------- writes

UPDATE_OPERATORS = ("$set", "$unset", "$setOnInsert", "$inc", "$mul", "$min", "$max", "$push", "$addToSet",
                    "$pull", "$pullAll", "$rename", "$currentDate")


def apply_operators(document, update, inserting):
    for op, fields in update.items():
        if op not in UPDATE_OPERATORS:
            raise CommandError(9, "FailedToParse", "Unknown modifier: %s. Expected a valid update modifier or pipeline-style update specified as an array" % op)
        for path, value in fields.items():
            if path == "_id" or path.startswith("_id."):
                if op != "$setOnInsert" and not (inserting and op == "$set"):
                    if not equal(get_path(document, "_id"), value):
                        raise CommandError(66, "ImmutableField", "Performing an update on the path '_id' would modify the immutable field '_id'")
            current = get_path(document, path, MISSING)
            if op == "$set":
                set_path(document, path, value)
            elif op == "$setOnInsert":
                if inserting:
                    set_path(document, path, value)
            elif op == "$unset":
                unset_path(document, path)
            elif op in ("$inc", "$mul"):
                if current is not MISSING and (not isinstance(current, (int, float)) or isinstance(current, bool)):
                    raise CommandError(14, "TypeMismatch", "Cannot apply %s to a value of non-numeric type. {_id: %s} has the field '%s' of non-numeric type %s"
                                       % (op, short(document.get("_id")), path, type_name(current)))
                base = 0 if current is MISSING else current
                set_path(document, path, base + value if op == "$inc" else base * value)
            elif op in ("$min", "$max"):
                if current is MISSING or (compare(value, current) < 0) == (op == "$min") and compare(value, current) != 0:
                    set_path(document, path, value)
            elif op in ("$push", "$addToSet"):
                if current is not MISSING and not isinstance(current, list):
                    raise CommandError(2, "BadValue", "The field '%s' must be an array but is of type %s in document {_id: %s}"
                                       % (path, type_name(current), short(document.get("_id"))))
                items = list(current) if current is not MISSING else []
                each = value["$each"] if isinstance(value, dict) and "$each" in value else [value]
                for item in each:
                    if op == "$push" or not any(equal(item, existing) for existing in items):
                        items.append(item)
                set_path(document, path, items)
            elif op in ("$pull", "$pullAll"):
                if isinstance(current, list):
                    if op == "$pullAll":
                        kept = [i for i in current if not any(equal(i, v) for v in value)]
                    elif isinstance(value, dict) and not is_operator_document(value):
                        kept = [i for i in current if not (isinstance(i, dict) and matches(i, value))]
                    else:
                        kept = [i for i in current if not matches_value([i], value)]
                    set_path(document, path, kept)
            elif op == "$rename":
                if current is not MISSING:
                    unset_path(document, path)
                    set_path(document, value, current)
            elif op == "$currentDate":
                now = datetime.datetime.utcnow()
                set_path(document, path, now.replace(microsecond=now.microsecond // 1000 * 1000))


def equality_fields(query, into):
    """The fields an upsert takes from its query: equalities (and $eq), also inside $and."""
    for key, value in query.items():
        if key == "$and":
            for clause in value:
                equality_fields(clause, into)
        elif key.startswith("$"):
            continue
        elif is_operator_document(value):
            if "$eq" in value:
                set_path(into, key, value["$eq"])
        elif regex_of(value) is None:
            set_path(into, key, value)
    return into


def new_id_document(document, id_value):
    result = OrderedDict([("_id", id_value)])
    result.update((k, v) for k, v in document.items() if k != "_id")
    return result


def upsert_document(query, update, is_replacement):
    if is_replacement:
        seeded = equality_fields(query, OrderedDict())
        document = copy_document(update)
        if "_id" not in document:
            document = new_id_document(document, seeded["_id"] if "_id" in seeded else ObjectId())
        return id_first(document)
    document = equality_fields(query, OrderedDict())
    apply_operators(document, update, inserting=True)
    if "_id" not in document:
        document = new_id_document(document, ObjectId())
    return id_first(document)


def check_replacement(update):
    for key in update:
        if key.startswith("$"):
            raise CommandError(9, "FailedToParse", "The dollar ($) prefixed field '%s' in '%s' is not allowed in the context of an update's replacement document." % (key, key))


def update_one_document(db, name, target, update, is_replacement):
    """The updated copy of target, or raises a write error; the stored document is not touched."""
    if is_replacement:
        check_replacement(update)
        if "_id" in update and not equal(update["_id"], target["_id"]):
            raise CommandError(66, "ImmutableField", "After applying the update, the (immutable) field '_id' was found to have been altered to _id: %s" % short(update["_id"]))
        changed = new_id_document(update, target["_id"])
    else:
        changed = copy_document(target)
        apply_operators(changed, update, inserting=False)
    return changed


def do_update(db, command, duplicate_fault):
    name = command["update"]
    ordered = command.get("ordered", True)
    n = modified = 0
    upserted, errors = [], []
    for index, statement in enumerate(command.get("updates", [])):
        query, update = statement.get("q", {}), statement["u"]
        if isinstance(update, list):
            raise unsupported("update pipelines")
        if statement.get("arrayFilters") or statement.get("collation"):
            raise unsupported("arrayFilters and collations")
        is_replacement = not any(k.startswith("$") for k in update)
        try:
            if duplicate_fault and index == 0:
                raise WriteError(OrderedDict([
                    ("code", 11000), ("errmsg", "E11000 duplicate key error collection: %s.%s index: file.hash_1 dup key: (injected fault)" % (db, name)),
                    ("keyPattern", {"file.hash": 1}), ("keyValue", {"file.hash": get_path(update, "file.hash")})]))
            targets = [d for d in candidates(db, name, query) if matches(d, query)]
            if not statement.get("multi"):
                targets = targets[:1]
            if targets:
                for target in targets:
                    changed = update_one_document(db, name, target, update, is_replacement)
                    problem = check_document(db, name, changed, ignore=target)
                    if problem:
                        raise WriteError(problem)
                    n += 1
                    if not equal(changed, target):
                        modified += 1
                        replace_stored(db, name, target, changed)
            elif statement.get("upsert"):
                document = upsert_document(query, update, is_replacement)
                problem = check_document(db, name, document)
                if problem:
                    raise WriteError(problem)
                store(db, name, document)  # an upsert creates the collection, as an insert does
                n += 1
                upserted.append(OrderedDict([("index", index), ("_id", document["_id"])]))
        except (WriteError, CommandError) as error:
            errors.append(write_error(index, error.error if isinstance(error, WriteError) else
                                      {"code": error.reply["code"], "errmsg": error.reply["errmsg"]}))
            if ordered:
                break
    reply = OrderedDict([("n", n)])
    if upserted:
        reply["upserted"] = upserted
    reply["nModified"] = modified
    if errors:
        reply["writeErrors"] = errors
    reply["ok"] = 1
    return reply


class WriteError(Exception):
    def __init__(self, error):
        super().__init__(error["errmsg"])
        self.error = error


def do_insert(db, command):
    name = command["insert"]
    ordered = command.get("ordered", True)
    errors, n = [], 0
    for index, document in enumerate(command.get("documents", [])):
        if "_id" not in document:
            document = new_id_document(document, ObjectId())
        document = id_first(OrderedDict(document))
        problem = check_document(db, name, document)
        if problem:
            errors.append(write_error(index, problem))
            if ordered:
                break
            continue
        store(db, name, document)
        n += 1
    reply = OrderedDict([("n", n)])
    if errors:
        reply["writeErrors"] = errors
    reply["ok"] = 1
    return reply


def do_delete(db, command):
    n = 0
    name = command["delete"]
    for statement in command.get("deletes", []):
        targets = [d for d in candidates(db, name, statement["q"]) if matches(d, statement["q"])]
        if statement.get("limit", 0) == 1:
            targets = targets[:1]
        for target in targets:
            unstore(db, name, target)
            n += 1
    return OrderedDict([("n", n), ("ok", 1)])


def do_find_and_modify(db, command):
    name = command.get("findAndModify", command.get("findandmodify"))
    found = [d for d in candidates(db, name, command.get("query", {})) if matches(d, command.get("query", {}))]
    if "sort" in command:
        found = sort_documents(found, command["sort"])
    target = found[0] if found else None
    update = command.get("update")
    if isinstance(update, list):
        raise unsupported("update pipelines")
    last_error = OrderedDict([("n", 0), ("updatedExisting", False)])
    value = None
    try:
        if command.get("remove"):
            if target is not None:
                unstore(db, name, target)
                last_error = OrderedDict([("n", 1)])
                value = target
            else:
                last_error = OrderedDict([("n", 0)])
        elif target is not None:
            is_replacement = not any(k.startswith("$") for k in update)
            changed = update_one_document(db, name, target, update, is_replacement)
            problem = check_document(db, name, changed, ignore=target)
            if problem:
                raise WriteError(problem)
            before = copy_document(target)
            replace_stored(db, name, target, changed)
            value = target if command.get("new") else before
            last_error = OrderedDict([("n", 1), ("updatedExisting", True)])
        elif command.get("upsert"):
            is_replacement = not any(k.startswith("$") for k in update)
            document = upsert_document(command.get("query", {}), update, is_replacement)
            problem = check_document(db, name, document)
            if problem:
                raise WriteError(problem)
            store(db, name, document)
            value = document if command.get("new") else None
            last_error = OrderedDict([("n", 1), ("updatedExisting", False), ("upserted", document["_id"])])
    except WriteError as error:
        raise CommandError(error.error["code"], "DuplicateKey" if error.error["code"] == 11000 else "Location%d" % error.error["code"],
                           error.error["errmsg"], **{k: v for k, v in error.error.items() if k in ("keyPattern", "keyValue")})
    if value is not None and command.get("fields"):
        value = project(value, command["fields"])
    return OrderedDict([("lastErrorObject", last_error), ("value", copy_document(value) if value is not None else None), ("ok", 1)])


# ---------------------------------------------------------------- reads and cursors

def cursor_reply(db, name, documents, batch_size, first=True, single_batch=False):
    if batch_size is None:
        batch_size = ARGS.batch_size
    batch, rest = documents[:batch_size], documents[batch_size:]
    cursor_id = 0
    if rest and not single_batch:
        cursor_id = next(NEXT_CURSOR)
        CURSORS[cursor_id] = (db, name, rest)
    return OrderedDict([("cursor", OrderedDict([("firstBatch" if first else "nextBatch", batch), ("id", Int64(cursor_id)),
                                                ("ns", db + "." + name)])), ("ok", 1)])


def do_find(db, command):
    name = command["find"]
    found = [d for d in candidates(db, name, command.get("filter", {})) if matches(d, command.get("filter", {}))]
    if "sort" in command:
        found = sort_documents(found, command["sort"])
    if command.get("skip"):
        found = found[command["skip"]:]
    limit = command.get("limit")
    if limit:
        found = found[:abs(limit)]
    found = [project(copy_document(d), command.get("projection")) for d in found]
    single = command.get("singleBatch", False) or (limit is not None and limit < 0)
    return cursor_reply(db, name, found, command.get("batchSize"), single_batch=single)


def do_get_more(db, command):
    cursor_id = int(command["getMore"])
    if cursor_id not in CURSORS:
        raise CommandError(43, "CursorNotFound", "cursor id %d not found" % cursor_id)
    cursor_db, cursor_name, rest = CURSORS.pop(cursor_id)
    batch_size = command.get("batchSize") or len(rest)
    batch, rest = rest[:batch_size], rest[batch_size:]
    if rest:
        CURSORS[cursor_id] = (cursor_db, cursor_name, rest)
    return OrderedDict([("cursor", OrderedDict([("nextBatch", batch), ("id", Int64(cursor_id if rest else 0)),
                                                ("ns", cursor_db + "." + cursor_name)])), ("ok", 1)])


def do_aggregate(db, command):
    name = command["aggregate"]
    if command.get("explain"):
        raise unsupported("explain")
    for stage in command["pipeline"]:
        if next(iter(stage)) in ("$out", "$merge"):
            raise unsupported("the stage " + next(iter(stage)))
    if name == 1:
        raise unsupported("database-level aggregation")
    documents = run_pipeline([copy_document(d) for d in collection(db, name, create=False)], command["pipeline"])
    return cursor_reply(db, name, documents, command.get("cursor", {}).get("batchSize"))


def do_count(db, command):
    found = [d for d in candidates(db, command["count"], command.get("query") or {}) if matches(d, command.get("query") or {})]
    if command.get("skip"):
        found = found[command["skip"]:]
    if command.get("limit"):
        found = found[:abs(command["limit"])]
    return OrderedDict([("n", len(found)), ("ok", 1)])


def do_distinct(db, command):
    values = []
    for document in collection(db, command["distinct"], create=False):
        if matches(document, command.get("query") or {}):
            for value in flatten(values_at(document, command["key"])):
                if not any(equal(value, v) for v in values):
                    values.append(value)
    return OrderedDict([("values", values), ("ok", 1)])


# ---------------------------------------------------------------- indexes and namespaces

def do_create_indexes(db, command):
    name = command["createIndexes"]
    created_collection = not exists(db, name)
    collection(db, name)
    existing = INDEXES.setdefault((db, name), [])
    before = len(existing) + 1
    for requested in command["indexes"]:
        if "key" not in requested or "name" not in requested:
            raise CommandError(9, "FailedToParse", "The 'key' and 'name' fields are required for an index specification")
        index = normalize_index(requested)
        same_name = next((i for i in existing if i["name"] == index["name"]), None)
        same_key = next((i for i in existing if equal(i["key"], index["key"])), None)
        if same_name is not None:
            if not equal(same_name["key"], index["key"]):
                raise CommandError(86, "IndexKeySpecsConflict",
                                   "An existing index has the same name as the requested index. When index names are not specified, they are "
                                   "auto generated and can cause conflicts. Please refer to our documentation. Requested index: %s, existing index: %s"
                                   % (short(index), short(same_name)))
            if short(sorted(index_options(same_name).items())) != short(sorted(index_options(index).items())):
                raise CommandError(85, "IndexOptionsConflict",
                                   "An equivalent index already exists with the same name but different options. Requested index: %s, existing index: %s"
                                   % (short(index), short(same_name)))
            continue
        if same_key is not None:
            if short(sorted(index_options(same_key).items())) == short(sorted(index_options(index).items())):
                raise CommandError(85, "IndexOptionsConflict", "Index already exists with a different name: %s" % same_key["name"])
            raise CommandError(85, "IndexOptionsConflict",
                               "An equivalent index already exists with a different name and options. Requested index: %s, existing index: %s"
                               % (short(index), short(same_key)))
        existing.append(index)
        for document in collection(db, name):
            problem = check_document(db, name, document, ignore=document)
            if problem:
                existing.remove(index)
                KEYS.pop((db, name), None)  # rebuilt when next needed
                raise CommandError(problem["code"], "DuplicateKey" if problem["code"] == 11000 else "Location%d" % problem["code"],
                                   "Index build failed: %s" % problem["errmsg"],
                                   **{k: v for k, v in problem.items() if k in ("keyPattern", "keyValue")})
    reply = OrderedDict([("numIndexesBefore", before), ("numIndexesAfter", len(existing) + 1)])
    if before == len(existing) + 1:
        reply["note"] = "all indexes already exist"
    else:
        reply["createdCollectionAutomatically"] = created_collection
    reply["ok"] = 1
    return reply


def do_list_indexes(db, command):
    name = command["listIndexes"]
    if not exists(db, name):
        raise CommandError(26, "NamespaceNotFound", "ns does not exist: %s.%s" % (db, name))
    indexes = [OrderedDict([("v", 2), ("key", OrderedDict([("_id", 1)])), ("name", "_id_")])] + \
        [copy_document(i) for i in INDEXES.get((db, name), [])]
    return cursor_reply(db, "$cmd.listIndexes." + name, indexes, command.get("cursor", {}).get("batchSize"))


def do_drop_indexes(db, command):
    name = command["dropIndexes"]
    if not exists(db, name):
        raise CommandError(26, "NamespaceNotFound", "ns not found %s.%s" % (db, name))
    existing = INDEXES.setdefault((db, name), [])
    before = len(existing) + 1
    wanted = command["index"]
    for target in (wanted if isinstance(wanted, list) else [wanted]):
        if target == "*":
            existing.clear()
            continue
        match = next((i for i in existing if (i["name"] == target if isinstance(target, str) else equal(i["key"], target))), None)
        if match is None:
            raise CommandError(27, "IndexNotFound", "index not found with name [%s]" % (target if isinstance(target, str) else short(target)))
        existing.remove(match)
    KEYS.pop((db, name), None)  # rebuilt when next needed
    return OrderedDict([("nIndexesWas", before), ("ok", 1)])


def do_list_collections(db, command):
    names = [n for n in DATABASES.get(db, {})]
    wanted = command.get("filter") or {}
    entries = []
    for name in names:
        entry = OrderedDict([("name", name), ("type", "collection")])
        if not command.get("nameOnly"):
            entry["options"] = OrderedDict()
            entry["info"] = OrderedDict([("readOnly", False)])
            entry["idIndex"] = OrderedDict([("v", 2), ("key", OrderedDict([("_id", 1)])), ("name", "_id_")])
        if matches(entry, wanted):
            entries.append(entry)
    return cursor_reply(db, "$cmd.listCollections", entries, command.get("cursor", {}).get("batchSize"))


def do_list_databases(command):
    databases = [OrderedDict([("name", name), ("sizeOnDisk", 8192 * (1 + len(colls))), ("empty", False)])
                 for name, colls in DATABASES.items()]
    reply = OrderedDict([("databases", databases if not command.get("nameOnly") else [{"name": d["name"]} for d in databases])])
    if not command.get("nameOnly"):
        reply["totalSize"] = sum(d["sizeOnDisk"] for d in databases)
    reply["ok"] = 1
    return reply


# ---------------------------------------------------------------- SCRAM (server side)

def scram_start(connection, command):
    mechanism = command.get("mechanism")
    if mechanism not in ARGS.mechanisms.split(","):
        raise CommandError(334, "MechanismUnavailable", "Received authentication for mechanism %s which is not enabled" % mechanism)
    digest = hashlib.sha256 if mechanism == "SCRAM-SHA-256" else hashlib.sha1
    client_first = bytes(command["payload"]).decode()
    bare = client_first[3:]
    fields = dict(part.split("=", 1) for part in bare.split(","))
    user = fields["n"].replace("=2C", ",").replace("=3D", "=")
    salt = os.urandom(16)
    nonce = fields["r"] + base64.b64encode(os.urandom(18)).decode()
    server_first = "r=%s,s=%s,i=%d" % (nonce, base64.b64encode(salt).decode(), ARGS.iterations)
    connection.conversation = {"id": connection.conversations + 1, "digest": digest, "mechanism": mechanism, "user": user,
                               "salt": salt, "bare": bare, "server_first": server_first, "nonce": nonce,
                               "skip": bool(command.get("options", {}).get("skipEmptyExchange")), "step": 1}
    connection.conversations += 1
    return OrderedDict([("conversationId", connection.conversation["id"]), ("done", False),
                        ("payload", Binary(server_first.encode())), ("ok", 1)])


def auth_failed():
    return CommandError(18, "AuthenticationFailed", "Authentication failed.")


def scram_continue(connection, command):
    state = connection.conversation
    if state is None or command.get("conversationId") != state["id"]:
        raise CommandError(17, "ProtocolError", "No SASL session state found")
    if state["step"] == 2:
        state["step"] = 3
        connection.user = state["user"]
        return OrderedDict([("conversationId", state["id"]), ("done", True), ("payload", Binary(b"")), ("ok", 1)])
    connection.conversation = None
    final = bytes(command["payload"]).decode()
    without_proof, proof = final.rsplit(",p=", 1)
    fields = dict(part.split("=", 1) for part in without_proof.split(","))
    if state["user"] != ARGS.user or fields.get("r") != state["nonce"]:
        raise auth_failed()
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
        raise auth_failed()
    server_key = hmac.new(salted, b"Server Key", digest).digest()
    server_signature = base64.b64encode(hmac.new(server_key, auth_message, digest).digest())
    done = state["skip"] and not ARGS.no_skip_empty_exchange
    if done:
        connection.user = state["user"]
    else:
        state["step"] = 2
        connection.conversation = state
    return OrderedDict([("conversationId", state["id"]), ("done", done), ("payload", Binary(b"v=" + server_signature)), ("ok", 1)])


# ---------------------------------------------------------------- hello and dispatch

SERVER_VERSIONS = {9: "4.4.0", 13: "5.0.0", 17: "6.0.0", 21: "7.0.0", 25: "8.0.0"}


def hello(connection, command, legacy):
    """What a mongod (standalone or replica-set member) or a mongos answers to hello/isMaster."""
    writable = ARGS.set_name is None or not Config.secondary
    reply = OrderedDict()
    if command.get("helloOk"):
        reply["helloOk"] = True
    reply["ismaster" if legacy else "isWritablePrimary"] = writable
    if ARGS.mongos:
        reply["msg"] = "isdbgrid"
    elif ARGS.set_name:
        reply["hosts"] = Config.members()
        reply["setName"] = ARGS.set_name
        reply["setVersion"] = 1
        reply["secondary"] = not writable
        primary = Config.me() if writable else Config.primary
        if primary:
            reply["primary"] = primary
        reply["me"] = Config.me()
        if writable:
            reply["electionId"] = Config.election_id
        now = datetime.datetime.utcnow()
        reply["lastWrite"] = OrderedDict([("opTime", OrderedDict([("ts", Timestamp(int(time.time()), 1)), ("t", Int64(1))])),
                                          ("lastWriteDate", now.replace(microsecond=0))])
    reply["maxBsonObjectSize"] = 16 * 1024 * 1024
    reply["maxMessageSizeBytes"] = 48000000
    reply["maxWriteBatchSize"] = ARGS.max_write_batch
    reply["localTime"] = datetime.datetime.utcnow()
    if not ARGS.no_sessions:
        reply["logicalSessionTimeoutMinutes"] = 30
    if not ARGS.no_connection_id:
        reply["connectionId"] = connection.id
    reply["minWireVersion"] = 0
    reply["maxWireVersion"] = ARGS.max_wire
    reply["readOnly"] = False
    mechs_for = command.get("saslSupportedMechs")
    if ARGS.user and isinstance(mechs_for, str) and mechs_for.split(".", 1)[-1] == ARGS.user:
        reply["saslSupportedMechs"] = ARGS.mechanisms.split(",")
    speculative = command.get("speculativeAuthenticate")
    if ARGS.user and speculative and not ARGS.no_speculative_auth and speculative.get("mechanism") in ARGS.mechanisms.split(","):
        answer = scram_start(connection, speculative)
        answer.pop("ok")
        reply["speculativeAuthenticate"] = answer
    reply["ok"] = 1
    return reply


WRITES = {"insert", "update", "delete", "findandmodify", "createindexes", "dropindexes", "drop", "dropdatabase", "create"}
READS = {"find", "aggregate", "count", "distinct", "listindexes", "listcollections"}
RETRYABLE = {"insert", "update", "delete", "findandmodify"}
NO_AUTH = {"ismaster", "hello", "saslstart", "saslcontinue", "ping", "buildinfo", "getlasterror", "endsessions",
           "connectionstatus", "logout"}
DATA_FREE = NO_AUTH | {"killallsessions"}


def execute(connection, request, name, command, fault):
    db = request.db
    if name in ("ismaster", "hello"):
        return hello(connection, command, legacy=name == "ismaster")
    if name == "saslstart":
        return scram_start(connection, command)
    if name == "saslcontinue":
        return scram_continue(connection, command)
    if ARGS.user and connection.user is None and name not in NO_AUTH:
        raise CommandError(13, "Unauthorized", "Command %s requires authentication" % next(iter(command)))
    if ARGS.set_name and Config.secondary:
        if name in WRITES:
            raise CommandError(10107, "NotWritablePrimary", "not primary")
        read_preference = command.get("$readPreference", {}).get("mode", "primary")
        if name in READS and read_preference == "primary":
            raise CommandError(13435, "NotPrimaryNoSecondaryOk", "not primary and secondaryOk=false")
    if name in ("ping", "endsessions", "killallsessions", "logout"):
        return OrderedDict([("ok", 1)])
    if name == "buildinfo":
        version = SERVER_VERSIONS.get(ARGS.max_wire, "7.0.0")
        return OrderedDict([("version", version), ("versionArray", [int(p) for p in version.split(".")] + [0]),
                            ("gitVersion", "mongopeer"), ("maxBsonObjectSize", 16 * 1024 * 1024), ("ok", 1)])
    if name == "getlasterror":
        return OrderedDict([("connectionId", connection.id), ("n", 0), ("syncMillis", 0), ("writtenTo", None),
                            ("err", None), ("ok", 1)])
    if name == "connectionstatus":
        users = [OrderedDict([("user", connection.user), ("db", "admin")])] if connection.user else []
        return OrderedDict([("authInfo", OrderedDict([("authenticatedUsers", users), ("authenticatedUserRoles", [])])), ("ok", 1)])
    if name == "createindexes":
        return do_create_indexes(db, command)
    if name == "listindexes":
        return do_list_indexes(db, command)
    if name == "dropindexes":
        return do_drop_indexes(db, command)
    if name == "find":
        return do_find(db, command)
    if name == "getmore":
        return do_get_more(db, command)
    if name == "killcursors":
        ids = [int(c) for c in command.get("cursors", [])]
        killed = [Int64(c) for c in ids if CURSORS.pop(c, None) is not None]
        return OrderedDict([("cursorsKilled", killed), ("cursorsNotFound", [Int64(c) for c in ids if Int64(c) not in killed]),
                            ("cursorsAlive", []), ("cursorsUnknown", []), ("ok", 1)])
    if name == "aggregate":
        return do_aggregate(db, command)
    if name == "count":
        return do_count(db, command)
    if name == "distinct":
        return do_distinct(db, command)
    if name == "insert":
        return do_insert(db, command)
    if name == "update":
        return do_update(db, command, fault == "duplicate")
    if name == "delete":
        return do_delete(db, command)
    if name == "findandmodify":
        return do_find_and_modify(db, command)
    if name == "create":
        if exists(db, command["create"]):
            raise CommandError(48, "NamespaceExists", "Collection %s.%s already exists." % (db, command["create"]))
        collection(db, command["create"])
        return OrderedDict([("ok", 1)])
    if name == "drop":
        forget(db, command["drop"])
        return OrderedDict([("ok", 1)])
    if name == "dropdatabase":
        forget(db)
        return OrderedDict([("ok", 1)])
    if name == "listcollections":
        return do_list_collections(db, command)
    if name == "listdatabases":
        return do_list_databases(command)
    raise CommandError(59, "CommandNotFound", "no such command: '%s'" % next(iter(command)))


def fault_for(name):
    counted = COUNTS.get(name, 0) + 1
    COUNTS[name] = counted
    for fault in FAULTS:
        if not fault["done"] and fault["command"] == name and counted - fault["base"] == fault["nth"]:
            fault["done"] = True
            return fault["kind"]
    return None


def retry_key(name, command):
    """Retryable writes carry lsid and txnNumber (outside transactions); a retry repeats both."""
    if name in RETRYABLE and "txnNumber" in command and "lsid" in command and "autocommit" not in command:
        return bytes(command["lsid"]["id"]), int(command["txnNumber"])
    return None


def handle(request):
    command, connection = request.command, request.connection
    name = next(iter(command)).lower()
    record = OrderedDict([("db", request.db), ("name", name), ("command", extended_json(command)),
                          ("connection", connection.id), ("op", request.op)])
    if request.sequences:
        record["sequences"] = request.sequences
    emit(record)
    key = retry_key(name, command)
    with FAULT_LOCK:
        fault = fault_for(name)
    if fault:
        emit({"event": "fault", "kind": fault, "command": name, "connection": connection.id})
    if fault == "hangup":
        request.hangup()
        return
    if fault == "notwritable":
        reply = OrderedDict([("ok", 0), ("errmsg", "not primary"), ("code", 10107), ("codeName", "NotWritablePrimary")])
        if key is not None:
            reply["errorLabels"] = ["RetryableWriteError"]
        request.reply(reply)
        return
    # hello and the other data-free commands never wait for a long write: a monitor's heartbeat must not time out
    with (contextlib.nullcontext() if name in DATA_FREE else LOCK):
        if key is not None and key in RETRIES:
            emit({"event": "replayed", "command": name, "connection": connection.id, "txnNumber": key[1]})
            reply = RETRIES[key]
        else:
            try:
                reply = execute(connection, request, name, command, fault)
            except CommandError as error:
                reply = error.reply
                if key is not None and reply.get("code") == 10107:
                    reply["errorLabels"] = ["RetryableWriteError"]
            except Exception as error:  # a peer bug must answer, not hang the client
                reply = OrderedDict([("ok", 0), ("errmsg", "the MongoDB test peer failed: %s: %s" % (type(error).__name__, error)),
                                     ("code", 1), ("codeName", "InternalError")])
            if key is not None and reply.get("ok") == 1:
                RETRIES[key] = reply
    if fault == "hangup-after":
        request.hangup()
        return
    if fault == "stall":
        delay = ARGS.stall_seconds
        limit = command.get("maxTimeMS")
        if limit and limit / 1000.0 < delay:
            delay = limit / 1000.0
            reply = OrderedDict([("ok", 0), ("errmsg", "operation exceeded time limit"), ("code", 50), ("codeName", "MaxTimeMSExpired")])
        threading.Thread(target=lambda: (time.sleep(delay), request.reply(reply)), daemon=True).start()
        return
    request.reply(reply)


# ---------------------------------------------------------------- the wire

OP_REPLY, OP_QUERY, OP_MSG, OP_COMPRESSED = 1, 2004, 2013, 2012
MORE_TO_COME = 2
HEADER = struct.Struct("<iiii")


class Connection:
    def __init__(self, sock):
        self.sock = sock
        self.id = next(NEXT_CONNECTION)
        self.user = None
        self.conversation = None
        self.conversations = 0
        self.send_lock = threading.Lock()

    def receive(self, length):
        data = bytearray()
        while len(data) < length:
            chunk = self.sock.recv(length - len(data))
            if not chunk:
                raise EOFError()
            data += chunk
        return bytes(data)

    def send(self, data):
        with self.send_lock:
            try:
                self.sock.sendall(data)
            except OSError:
                pass  # the client went away (after a timeout or a cancellation): nothing to answer

    def hangup(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class Request:
    """One command: the document (OP_MSG sequences merged in), where it came from, how to answer."""

    def __init__(self, connection, request_id, op, command, db, sequences, more_to_come=False):
        self.connection, self.request_id, self.op = connection, request_id, op
        self.command, self.db, self.sequences, self.more_to_come = command, db, sequences, more_to_come

    def reply(self, document):
        if self.more_to_come:
            return
        body = bson.encode(document, codec_options=CODEC)
        if self.op == "OP_MSG":
            payload = struct.pack("<IB", 0, 0) + body
            opcode = OP_MSG
        else:
            payload = struct.pack("<iqii", 0, 0, 0, 1) + body
            opcode = OP_REPLY
        self.connection.send(HEADER.pack(16 + len(payload), 0, self.request_id, opcode) + payload)

    def hangup(self):
        self.connection.hangup()


def read_cstring(data, position):
    end = data.index(b"\x00", position)
    return data[position:end].decode(), end + 1


def read_request(connection):
    length, request_id, _, opcode = HEADER.unpack(connection.receive(16))
    body = connection.receive(length - 16)
    if opcode == OP_MSG:
        flags, = struct.unpack_from("<I", body)
        end = len(body) - (4 if flags & 1 else 0)
        position, command, sequences = 4, OrderedDict(), OrderedDict()
        while position < end:
            kind = body[position]
            position += 1
            size, = struct.unpack_from("<i", body, position)
            if kind == 0:
                command.update(bson.decode(body[position:position + size], codec_options=CODEC))
            else:
                identifier, documents_at = read_cstring(body, position + 4)
                documents = bson.decode_all(body[documents_at:position + size], codec_options=CODEC)
                sequences[identifier] = len(documents)
                command[identifier] = documents
            position += size
        return Request(connection, request_id, "OP_MSG", command, command.get("$db", "admin"), sequences,
                       more_to_come=bool(flags & MORE_TO_COME))
    if opcode == OP_QUERY:
        namespace, position = read_cstring(body, 4)
        position += 8
        size, = struct.unpack_from("<i", body, position)
        query = bson.decode(body[position:position + size], codec_options=CODEC)
        if "$query" in query:
            query = query["$query"]
        if not namespace.endswith(".$cmd"):
            raise ValueError("legacy OP_QUERY on %s is not supported" % namespace)
        return Request(connection, request_id, "OP_QUERY", query, namespace[:-len(".$cmd")], None)
    raise ValueError("opcode %d is not supported" % opcode)


class Peer(mockupdb.MockupDB):
    """mockupdb's listener and accept loop, with this script's own per-connection loop and TLS."""

    def run(self):
        with self._lock:
            self._listening_sock, self._address = mockupdb.bind_tcp_socket(self._address)
            if ARGS.tls:
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                context.load_cert_chain(os.path.join(os.path.dirname(mockupdb.__file__), "server.pem"))
                # The handshake happens on the connection's own thread, so a client that refuses the
                # certificate cannot stop the accept loop.
                self._listening_sock = context.wrap_socket(self._listening_sock, server_side=True, do_handshake_on_connect=False)
            self._accept_thread = threading.Thread(target=self._accept_loop, daemon=True)
            self._accept_thread.start()
        return self.port

    def _server_loop(self, client, client_addr):
        connection = Connection(client)
        reason = "client closed"
        try:
            if ARGS.tls:
                try:
                    client.do_handshake()
                except (ssl.SSLError, OSError) as error:
                    emit({"event": "tls-failed", "connection": connection.id, "error": str(error)})
                    return
            while not self._stopped:
                handle(read_request(connection))
        except EOFError:
            pass
        except (OSError, ValueError, struct.error) as error:
            reason = "%s: %s" % (type(error).__name__, error)
        except Exception as error:  # a peer bug: say so on stderr, close this connection, keep serving others
            traceback.print_exc()
            reason = "peer error: %s: %s" % (type(error).__name__, error)
        finally:
            emit({"event": "closed", "connection": connection.id, "reason": reason})
            try:
                client.close()
            except OSError:
                pass


def control(line):
    """Apply one stdin control line (see the header) and acknowledge it."""
    change = json.loads(line)
    with LOCK, FAULT_LOCK:
        if "secondary" in change:
            Config.secondary = bool(change["secondary"])
            if not Config.secondary:
                Config.became_primary()
        if "primary" in change:
            Config.primary = change["primary"]
        if "hosts" in change:
            Config.hosts = list(change["hosts"])
        if "fault" in change:
            add_fault(change["fault"])
    emit({"event": "configured", "change": change})


def main():
    server = Peer(port=ARGS.port or None, request_timeout=3600)
    Config.port = server.run()
    Config.became_primary()
    emit({"port": Config.port})
    for line in sys.stdin:
        if line.strip():
            try:
                control(line)
            except (ValueError, KeyError, SystemExit) as error:
                emit({"event": "configured", "error": str(error)})
    # stdin closed: the test is done. Exit at once; the OS closes the sockets.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()

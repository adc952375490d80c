#!/usr/bin/env python3
"""Random JMESPath cases with python's jmespath answers, for tst_jmespathdifferential.

The AWS CLI runs --query on python's jmespath, so whatever it answers is what
jobdesk-cli must answer too. This script builds random documents (plus the
job details of tests/data/fake/jobs.json) and random expressions from the
whole grammar, evaluates each with jmespath, and writes JSON lines:

    {"document": N, "value": <json>}                                  first, once per document
    {"expression": "...", "document": N, "result": <json>}            an answer
    {"expression": "...", "document": N, "error": "invalid-type"}     an error, by kind

The same seed always gives the same lines. A summary goes to stderr.

Usage: jmespath_cases.py [--seed N] [--count N] [--jobs PATH]
"""

import argparse
import json
import math
import random
import re
import sys

import jmespath
from jmespath import exceptions, functions

INT64_MIN = -(2**63)
UINT64_MAX = 2**64 - 1

# Keys the documents use and the expressions ask for, so that most lookups hit.
# Some need quoting (a space, a hyphen, a leading digit, non-ASCII, astral).
KEYS = ["a", "b", "c", "foo", "bar", "baz", "name", "n", "_x", "with space", "dash-ed", "0d",
        "ünï", "日本", "\U0001F600key", "quo\"te"]

STRINGS = ["", "a", "b", "abc", "foo", "bar", "Foo", "ab", "ba", "a b", "ünïcödé", "日本語 ✓",
           "\U0001F600", "a\U0001F600b", "\U00010348\uffff", "\u00e9", "e\u0301", "tab\tnl\n",
           "quote\"back\\slash", "1", "-2", "3.5", "1e3", " 12 ", "1_000", "0x10", "+5", ".5",
           "1.", "-0", "-0.0", "\u0663", "abc1", "null", "true", "", "z", "Z", "ñ"]

FUNCTIONS = {
    # name: argument kinds; "*" repeats the last one (variadic)
    "abs": ["number"], "avg": ["array-number"], "ceil": ["number"],
    "contains": ["array|string", "any"], "ends_with": ["string", "string"],
    "floor": ["number"], "join": ["string", "array-string"], "keys": ["object"],
    "length": ["string|array|object"], "map": ["expref", "array"],
    "max": ["array-number|array-string"], "max_by": ["array", "expref"],
    "merge": ["object", "*"], "min": ["array-number|array-string"],
    "min_by": ["array", "expref"], "not_null": ["any", "*"],
    "reverse": ["array|string"], "sort": ["array-number|array-string"],
    "sort_by": ["array", "expref"], "starts_with": ["string", "string"],
    "sum": ["array-number"], "to_array": ["any"], "to_number": ["any"],
    "to_string": ["any"], "type": ["any"], "values": ["object"],
}
PLAIN_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
COMPARATORS = ["==", "!=", "<", "<=", ">", ">="]

# Corners where python's answer is python's own (its int() and float(), its
# == between true and 1, its code-point string order, its float repr), written
# out so that every run meets them, over EDGE_DOCUMENT. Python answers them
# like the random ones: nothing here says what the answer is.
EDGE_DOCUMENT = {"n": [3, -1, 2.5, 0, -0.0, 1e16], "s": ["b", "a", "", "\u00e9", "\U0001F600", "\uffff", "B"],
                 "o": {"b": 1, "a": 2.0, "\u00e9": None}, "t": True, "f": False, "z": 0,
                 "p": [{"a": 1, "i": 0}, {"a": 1.0, "i": 1}, {"a": 0, "i": 2}, {"a": -1, "i": 3}],
                 "m": [{"a": "x"}, {"a": 1}], "e": [], "h": {}}
EDGE_CASES = [
    *("to_number('%s')" % text for text in [" 12 ", "1_000", "\u0663", "+5", ".5", "1.", "-0", "-0.0", "1e3",
                                            "0x10", "9223372036854775807", "\uff11\uff12", "\t7\n", "1__0",
                                            "_1", "1_", "007", "1.5e-3", "- 1", "1e", "E5", "1E+2", "١٫٥"]),
    "to_number(`true`)", "to_number(`[1]`)", "to_number(`1.5`)", "to_number(`null`)",
    *("to_string(`%s`)" % text for text in ["1e16", "1e-7", "0.1", "1.0", "-0.0", "[\"\u00e9\", \"\U0001F600\"]",
                                            "{\"a\": [1, 2.5, null, true], \"b\": {}}", "1e300",
                                            "123456789012345678", "5e-324", "1.7976931348623157e308",
                                            "\"tab\\t\\u0001\"", "1.5e-10", "100000000000000000000.0"]),
    "to_string('\u00e9')", "to_string(o)", "to_string(n)", "to_string(@)",
    "sort(s)", "max(s)", "min(s)", "reverse(s)", "sort(n)", "max(n)", "min(n)", "sum(n)", "avg(n)",
    "sort(`[1, 1.0, 0.5, -0.0, 0]`)", "max(`[1, 1.0]`)", "max(`[1.0, 1]`)", "min(`[0, -0.0]`)", "min(e)",
    "avg(e)", "sum(e)", "sum(`[1, 2.0]`)", "sum(`[0.1, 0.2, 0.3]`)", "avg(`[1, 2]`)", "avg(`[4]`)",
    "abs(`-0.0`)", "abs(`-3`)", "ceil(`-0.5`)", "ceil(`1.5`)", "floor(`-1.5`)", "floor(`9.2e18`)", "ceil(`3`)",
    "abs(t)", "ceil('1')", "abs(`-9223372036854775808`)", "sum(`[9223372036854775807, 1]`)",
    "floor(`1.8e19`)", "to_number('18446744073709551615')", "`18446744073709551615`", "`[18446744073709551615]` == `[18446744073709551615.0]`",
    "`1` == `1.0`", "`[1]` == `[1.0]`", "`{\"a\": 1}` == `{\"a\": 1.0}`", "t == `1`", "z == f", "`2` == t",
    "`1.0` == t", "`[true]` == `[1]`", "`{\"a\": false}` == `{\"a\": 0}`", "o == `{\"a\": 2, \"b\": 1, \"\u00e9\": null}`",
    "'a' < 'b'", "'\U0001F600' > '\uffff'", "'B' < 'a'", "'a' < `1`", "`1` < `1.5`", "t < `1`", "n < s",
    "contains(`[1]`, t)", "contains(`[1.0]`, `1`)", "contains(`[false]`, z)", "contains('abc', 'bc')",
    "contains('abc', `1`)", "contains(s, '\U0001F600')", "contains(o, 'a')",
    "length('\U0001F600')", "length(o)", "reverse('a\U0001F600b')", "join('\U0001F600', `[\"a\", \"b\"]`)",
    "join('', e)", "starts_with('\U0001F600a', '\U0001F600')", "ends_with('a', '')",
    "sort_by(p, &a)[*].i", "max_by(p, &a).i", "min_by(p, &a).i", "sort_by(m, &a)", "max_by(m, &a)",
    "min_by(`[{\"a\": null}]`, &a)", "sort_by(`[{\"a\": null}]`, &a)", "sort_by(`[{\"a\": 1}]`, &a)",
    "max_by(e, &a)", "sort_by(s, &@)", "map(&a, `[{\"a\": 1}, {}]`)", "`[{\"a\": 1}, {}]`[*].a",
    "keys(o)", "values(o)", "merge(o, `{\"c\": 3, \"b\": 4}`)", "merge(o)", "merge(`{}`)",
    "{a: `1`, b: `2`, a: `3`}", "not_null(`null`, e, `1`)", "not_null(`null`)", "type(`1.0`)", "type(o)",
    "to_array(`null`)", "to_array(e)",
    *("`[0, 1, 2, 3, 4, 5]`%s" % sl for sl in ["[::-1]", "[-1:-10:-2]", "[10:]", "[:-10:-1]", "[5:0:-2]",
                                              "[-100:100]", "[::-3]", "[-3]", "[-7]", "[6]", "[::0]", "[1:1]",
                                              "[3:1]", "[-2:-4:-1]", "[::2][::-1]"]),
    "'abc'[::-1]", "o[::0]", "@[::0]", "o[0]", "n.a", "o[*]", "n.*", "`[[1, [2]], 3]`[]", "`[[1, [2]], 3]`[][]",
    "!z", "!e", "!h", "!''", "!`0.0`", "!f", "z || 'x'", "'' || e", "e && 'x'", "t && o",
    "`  \"x\"  `", "`foo bar`", "`[1, 2`", "`{\"a\":`", "`\\``", "'a\\'b'", "'a\\\\b'", "'\\\\'",
    "\"a\\\"b\"", "\"\\u00e9\"", "\"\\\\\"", "\"\\/\"", "\"\\ud83d\\ude00key\"", "`\"\\ud83d\\ude00\"`",
    "foo[00]", "n[-0]", "   ", "a = b", "a ! b", "a\u00a0.b", "Abs(@)", "abs()", "not_null()",
    "length(`1`)", "sort(`[1, \"a\"]`)", "join(',', `[1]`)", "n[?@ > `1`]", "s[?@ > 'a']", "p[?a == `1`].i",
    "p[?a == `1.0`].i", "p[?!a].i", "p[?a > `0` && i < `3` || i == `3`].i", "n | [0]", "p[*].a | [0]",
    "[" * 60 + "@" + "]" * 60, "(" * 60 + "n" + ")" * 60, "n" + ".a" * 60,
]


class Generator:
    def __init__(self, rng, keys):
        self.rng = rng
        self.keys = keys

    def chance(self, p):
        return self.rng.random() < p

    # ---- documents -------------------------------------------------------

    def number(self):
        r = self.rng.random()
        if r < 0.55:
            return self.rng.randint(-5, 20)
        if r < 0.65:
            return self.rng.randint(-(2**40), 2**40)
        if r < 0.9:
            return self.rng.choice([0.5, -1.5, 2.0, 0.1, 1e-7, 3.25, -0.0, 1e16, 12345.678,
                                    1.5e300, 2.5e-300, 0.30000000000000004, 7.0, -2.75])
        return round(self.rng.uniform(-100, 100), self.rng.randint(0, 6))

    def scalar(self):
        r = self.rng.random()
        if r < 0.4:
            return self.number()
        if r < 0.8:
            return self.rng.choice(STRINGS)
        if r < 0.93:
            return self.rng.choice([True, False])
        return None

    def value(self, depth):
        r = self.rng.random()
        if depth <= 0 or r < 0.35:
            return self.scalar()
        if r < 0.65:
            return self.obj(depth - 1)
        # Arrays of like objects give projections and filters something to find.
        if self.chance(0.4):
            return [self.obj(depth - 1) for _ in range(self.rng.randint(0, 5))]
        if self.chance(0.3):
            kind = self.rng.choice([self.number, lambda: self.rng.choice(STRINGS)])
            return [kind() for _ in range(self.rng.randint(0, 6))]
        return [self.value(depth - 1) for _ in range(self.rng.randint(0, 5))]

    def obj(self, depth):
        keys = [self.key() for _ in range(self.rng.randint(0, 6))]
        return {k: self.value(depth) for k in dict.fromkeys(keys)}

    def document(self):
        return self.obj(4) if self.chance(0.8) else self.value(4)

    # ---- expressions -----------------------------------------------------
    # Each returns (text, atomic): atomic text may take a postfix ([0], .x)
    # without parentheses changing what it means.

    def key(self):
        # The first few keys come up most, so that lookups find something.
        if self.chance(0.6):
            return self.rng.choice(self.keys[:6])
        return self.rng.choice(self.keys)

    def identifier(self):
        key = self.key()
        if PLAIN_IDENTIFIER.fullmatch(key) and self.chance(0.75):
            return key
        return json.dumps(key, ensure_ascii=self.chance(0.5))

    def json_literal(self):
        value = self.value(2) if self.chance(0.5) else self.scalar()
        text = json.dumps(value, ensure_ascii=self.chance(0.5))
        if self.chance(0.1):
            text = " " + text + " "
        return "`" + text.replace("`", "\\`") + "`"

    def literal(self):
        r = self.rng.random()
        if r < 0.55:
            return self.json_literal()
        if r < 0.9:
            s = self.rng.choice(STRINGS)
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"
        # The deprecated bare literal: python reads `foo` as the string "foo".
        return "`" + self.rng.choice(["foo", "bar baz", "ab1"]) + "`"

    def paren(self, item):
        text, atomic = item
        return text if atomic else "(" + text + ")"

    def leaf(self):
        r = self.rng.random()
        if r < 0.55:
            return self.identifier(), True
        if r < 0.7:
            return "@", True
        if r < 0.95:
            return self.literal(), True
        return "*", False

    def after_dot(self, depth):
        r = self.rng.random()
        if r < 0.6 or depth <= 0:
            return self.identifier()
        if r < 0.7:
            return "*"
        if r < 0.8:
            return self.multi_list(depth)[0]
        if r < 0.9:
            return self.multi_hash(depth)[0]
        return self.function(depth)[0]

    def slice_text(self):
        def part():
            return "" if self.chance(0.35) else str(self.rng.randint(-6, 6))
        step = ""
        if self.chance(0.6):
            step = ":" + ("" if self.chance(0.2) else str(self.rng.choice([-3, -2, -1, -1, 1, 2, 3, 0])))
        return "[" + part() + ":" + part() + step + "]"

    def multi_list(self, depth):
        items = [self.expr(depth - 1)[0] for _ in range(self.rng.randint(1, 3))]
        return "[" + ", ".join(items) + "]", True

    def multi_hash(self, depth):
        count = self.rng.randint(1, 3)
        pairs = [self.identifier() + ": " + self.expr(depth - 1)[0] for _ in range(count)]
        return "{" + ", ".join(pairs) + "}", True

    def condition(self, depth):
        r = self.rng.random()
        if r < 0.55 or depth <= 0:
            left = self.expr(depth - 1)
            right = self.expr(depth - 1) if self.chance(0.4) else (self.literal(), True)
            return self.paren(left) + " " + self.rng.choice(COMPARATORS) + " " + self.paren(right)
        if r < 0.7:
            return "(" + self.condition(depth - 1) + ") && (" + self.condition(depth - 1) + ")"
        if r < 0.82:
            return self.condition(depth - 1) + " || " + self.condition(depth - 1)
        if r < 0.92:
            return "!" + self.paren(self.expr(depth - 1))
        return self.expr(depth - 1)[0]

    def argument(self, kind, depth):
        if kind == "expref":
            return "&" + self.paren(self.expr(depth - 1))
        if self.chance(0.35):
            return self.expr(depth - 1)[0]  # whatever type it turns out to be
        kind = self.rng.choice(kind.split("|"))
        if kind == "number":
            return self.rng.choice(["`%s`" % json.dumps(self.number()), self.identifier(), "length(@)",
                                    "`-3.5`"])
        if kind == "string":
            return self.rng.choice([self.literal(), self.identifier(), "to_string(@)", "'ab'"])
        if kind == "object":
            return self.rng.choice(["@", self.identifier(), self.multi_hash(depth - 1)[0], "`{\"a\": 1}`"])
        if kind.startswith("array"):
            path = self.identifier()
            sub = self.identifier()
            return self.rng.choice(["@", path, path + "[*]." + sub, path + "[]", "keys(@)", "values(@)",
                                    "@[*]." + sub, "*." + sub, self.json_literal(), "`[3, 1.5, 2]`",
                                    "`[\"b\", \"a\", \"\u00e9\"]`"])
        return self.expr(depth - 1)[0]

    def function(self, depth):
        if self.chance(0.03):
            name = self.rng.choice(["unknown", "lengthh", "Abs", "to_int"])
        else:
            name = self.rng.choice(sorted(FUNCTIONS))
        kinds = FUNCTIONS.get(name, ["any"])
        fixed = [k for k in kinds if k != "*"]
        if kinds[-1] == "*":
            fixed += [fixed[-1]] * self.rng.randint(0, 2)
        if self.chance(0.06):  # the wrong count
            fixed = fixed[:-1] if fixed and self.chance(0.5) else fixed + ["any"]
        args = [self.argument(kind, depth) for kind in fixed]
        return name + "(" + ", ".join(args) + ")", True

    def expr(self, depth):
        if depth <= 0 or self.chance(0.18):
            return self.leaf()
        r = self.rng.random()
        if r < 0.14:
            return self.paren(self.expr(depth - 1)) + "." + self.after_dot(depth - 1), True
        if r < 0.2:
            return self.paren(self.expr(depth - 1)) + "[" + str(self.rng.randint(-4, 4)) + "]", True
        if r < 0.26:
            return self.paren(self.expr(depth - 1)) + self.slice_text(), False
        if r < 0.36:
            base = self.paren(self.expr(depth - 1))
            op = self.rng.choice(["[*]", ".*", "[]", "[*]"])
            rest = ""
            if self.chance(0.55):
                rest = "." + self.after_dot(depth - 1)
            elif self.chance(0.3):
                rest = "[" + str(self.rng.randint(-2, 2)) + "]"
            return base + op + rest, False
        if r < 0.46:
            base = self.paren(self.expr(depth - 1)) if self.chance(0.8) else ""
            rest = ("." + self.after_dot(depth - 1)) if self.chance(0.5) else ""
            return base + "[?" + self.condition(depth - 1) + "]" + rest, False
        if r < 0.53:
            return self.multi_list(depth)
        if r < 0.6:
            return self.multi_hash(depth)
        if r < 0.66:
            return self.paren(self.expr(depth - 1)) + " | " + self.paren(self.expr(depth - 1)), False
        if r < 0.74:
            op = self.rng.choice(["||", "&&"])
            return self.paren(self.expr(depth - 1)) + " " + op + " " + self.paren(self.expr(depth - 1)), False
        if r < 0.77:
            return "!" + self.paren(self.expr(depth - 1)), False
        if r < 0.8:
            return self.paren(self.expr(depth - 1)) + " " + self.rng.choice(COMPARATORS) + " " + \
                self.paren(self.expr(depth - 1)), False
        return self.function(depth)

    def mangle(self, text):
        """A near miss: one character dropped, doubled or inserted, or the text cut short."""
        if not text:
            return text
        i = self.rng.randrange(len(text))
        r = self.rng.random()
        if r < 0.3:
            return text[:i] + text[i + 1:]
        if r < 0.5:
            return text[:i] + text[i] + text[i:]
        if r < 0.8:
            return text[:i] + self.rng.choice(list("[]{}()'`\".,:|&!<>=?*@-0 ")) + text[i:]
        return text[:i]

    def expression(self):
        text = self.expr(self.rng.randint(1, 6))[0]
        if self.chance(0.06):
            text = self.mangle(text)
        return text


# ---- evaluation with python ----------------------------------------------

# What is left out, because python gives no answer a JSON engine could match:
# - RecursionError: python's own stack, not the expression, decides where it
#   gives up (the differential stays far below Expression::maxDepth anyway);
# - integers beyond 64 bits (ceil of 1e300, a sum past 2**64, a to_number of a
#   long digit string): python's are unbounded, Expression's are int64 or
#   uint64 (past those, the nearest double);
# - NaN and infinities (to_number('nan'), a float sum past 1e308): JSON has no
#   spelling for them, and math on them raises ValueError or OverflowError;
# - strings with a lone surrogate (a "\\ud800" escape in a quoted identifier
#   or a literal): UTF-8 cannot hold one, so Expression refuses the escape;
# - merge() given a non-object after its first argument, and an & expression
#   anywhere but a function's expression parameter: see CheckedFunctions and
#   check_tree for what python does with them.
# Each case is checked where the value is made, so one that goes wrong only in
# the middle of an expression is left out too. The summary counts them.
class Unreliable(Exception):
    """Python's answer depends on something JSON cannot hold."""


def check_value(value):
    """Raises Unreliable for an integer outside 64 bits or a NaN or infinite float."""
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise Unreliable("a lone surrogate")  # from a "\\ud83d" escape; UTF-8 cannot hold it
        return
    if isinstance(value, int):
        if not INT64_MIN <= value <= UINT64_MAX:
            raise Unreliable("integer beyond 64 bits")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise Unreliable("NaN or infinity")
    elif isinstance(value, list):
        for item in value:
            check_value(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_value(key)
            check_value(item)


class CheckedFunctions(functions.Functions):
    # A function's result may be compared or counted and never reach the
    # answer, so each is checked where it is made.
    def call_function(self, function_name, resolved_args):
        if function_name == "merge" and not all(isinstance(arg, dict) for arg in resolved_args):
            # jmespath type-checks only the first of merge's arguments and hands
            # the others to dict.update, which takes a list of pairs as a mapping
            # or fails with a bare ValueError: no answer worth copying.
            raise Unreliable("merge of a non-object")
        result = super().call_function(function_name, resolved_args)
        check_value(result)
        return result


OPTIONS = jmespath.Options(custom_functions=CheckedFunctions())


# The functions whose parameter at that position takes an expression reference.
EXPREF_PARAMETERS = {("map", 0), ("sort_by", 1), ("min_by", 1), ("max_by", 1)}


def check_tree(node, expref_allowed=False):
    """Literals, indexes and slices of the parsed expression must fit too, and
    an & expression must be where a function takes one: anywhere else python
    hands its own internal object around (to_string prints its memory address,
    == compares identities), which no JSON answer can match."""
    if isinstance(node, dict):
        kind = node.get("type")
        if kind in ("literal", "index", "field", "key_val_pair"):
            check_value(node.get("value"))
        if kind == "expref" and not expref_allowed:
            raise Unreliable("an & expression outside a function's expression parameter")
        for position, child in enumerate(node.get("children", [])):
            allowed = kind == "function_expression" and (node.get("value"), position) in EXPREF_PARAMETERS
            check_tree(child, allowed)
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        check_value(node)


def evaluate(expression, document):
    """("result", value) or ("error", kind); raises Unreliable for what is left out."""
    try:
        parsed = jmespath.compile(expression)
        check_tree(parsed.parsed)
        result = parsed.search(document, options=OPTIONS)
        check_value(result)
        return "result", result
    except Unreliable:
        raise
    except RecursionError:
        raise Unreliable("recursion")
    # ArityError derives from ParseError, so it comes first.
    except (exceptions.ArityError, exceptions.VariadictArityError):
        return "error", "invalid-arity"
    except (exceptions.ParseError, exceptions.EmptyExpressionError):
        return "error", "syntax"  # LexerError and IncompleteExpressionError are ParseErrors
    except exceptions.UnknownFunctionError:
        return "error", "unknown-function"
    except exceptions.JMESPathTypeError:
        return "error", "invalid-type"
    except TypeError:
        # Python's own refusal to order a string against a number ('a' < 1,
        # max_by over mixed keys, contains('abc', 1)): the AWS CLI reports it as
        # an error, and the nearest kind is a type error.
        return "error", "invalid-type"
    except ValueError as error:
        if str(error) == "slice step cannot be zero":
            return "error", "invalid-value"
        raise Unreliable("ValueError: %s" % error)  # e.g. math on a NaN
    except OverflowError:
        raise Unreliable("overflow")  # ceil/floor of an infinity


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=6000)
    parser.add_argument("--jobs", help="tests/data/fake/jobs.json")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    documents = []  # (document, key pool)
    if args.jobs:
        with open(args.jobs, encoding="utf-8") as f:
            fixture = json.load(f)
        keys = set()

        def collect(value):
            if isinstance(value, dict):
                keys.update(value)
                for item in value.values():
                    collect(item)
            elif isinstance(value, list):
                for item in value:
                    collect(item)
        collect(fixture)
        pool = sorted(keys) + ["missing"]
        documents.append((fixture, pool))
        for job in fixture["jobs"]:
            if "details" in job:
                documents.append(({"jobDetails": job["details"]}, pool))
    real = max(1, len(documents))
    generator = Generator(rng, KEYS)
    while len(documents) < 60:
        documents.append((generator.document(), KEYS))

    documents.append((EDGE_DOCUMENT, KEYS))
    out = sys.stdout
    for number, (document, _) in enumerate(documents):
        out.write(json.dumps({"document": number, "value": document}) + "\n")

    excluded = {}
    written = 0
    errors = 0
    cases = ((expression, len(documents) - 1) for expression in EDGE_CASES)
    # A quarter of the cases go to the real job documents, the rest spread over the random ones.
    while written < args.count:
        edge = next(cases, None)
        if edge:
            expression, number = edge
            document = documents[number][0]
        else:
            number = rng.randrange(len(documents) - 1) if rng.random() < 0.75 else rng.randrange(real)
            document, pool = documents[number]
            expression = Generator(rng, pool).expression()
        try:
            what, value = evaluate(expression, document)
        except Unreliable as reason:
            excluded[str(reason)] = excluded.get(str(reason), 0) + 1
            continue
        errors += what == "error"
        out.write(json.dumps({"expression": expression, "document": number, what: value}) + "\n")
        written += 1
    left_out = ", ".join("%d for %s" % (n, why) for why, n in sorted(excluded.items())) or "none"
    sys.stderr.write("jmespath_cases: seed %d, %d documents, %d expressions (%d errors); left out: %s\n"
                     % (args.seed, len(documents), written, errors, left_out))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Scores quantulum3 on the quantulum3 gold cases with Trawl's scoring (QuantityEvaluation).

Usage:
    pip install quantulum3
    python3 Benchmarks/compare/quantulum3_compare.py ../shared/data/quantities/quantulum3.en.jsonl [--errors]

Trawl's side of the comparison, on the same file and with the same scoring, is printed by
    swift test --filter quantityEvaluationMeetsTargets
(the table whose rows come from quantulum3.en.jsonl; `TRAWL_EVAL_ERRORS=1 swift test --filter
evaluationErrors` lists Trawl's errors).

Scoring, as in Sources/TrawlExtractors/Evaluation/QuantityEvaluation.swift: every kind the case
lists in `kinds_checked` is checked; each quantulum3 result is one prediction, its kind assigned
like the gold's (dimensionless -> number, percentage -> percent, currency -> money, degree
Celsius/Fahrenheit/kelvin -> temperature, anything else -> dimension); spans must match exactly
(Unicode scalar offsets); value accuracy over matched spans (relative tolerance 1e-6; for a gold
range given as midpoint and `uncertainty`, both must match).
"""
import json
import sys

from quantulum3 import parser

TEMPERATURE = {"degree Celsius", "degree fahrenheit", "degree Fahrenheit", "kelvin"}


def kind_of(q):
    unit = q.unit
    if unit.name == "percentage":
        return "percent"
    if unit.entity.name == "dimensionless":
        return "number"
    if unit.entity.name == "currency":
        return "money"
    if unit.name in TEMPERATURE:
        return "temperature"
    return "dimension"


def close(gold, value):
    if gold is None:
        return value is None
    if value is None:
        return False
    return abs(gold - value) <= 1e-6 * max(1, abs(gold))


def value_matches(gold, q):
    if not close(gold["value"], q.value):
        return False
    if gold.get("uncertainty") is not None:
        return close(gold["uncertainty"], q.uncertainty)
    return True


def main(path, show_errors=False):
    rows = {}
    errors = []
    for line in open(path, encoding="utf-8"):
        case = json.loads(line)
        text = case["text"]
        predicted = [(kind_of(q), q.span[0], q.span[1], q) for q in parser.parse(text)]
        for kind in case["kinds_checked"]:
            gold = [g for g in case["expected"] if g["kind"] == kind]
            mine = [p for p in predicted if p[0] == kind]
            used = [False] * len(mine)
            matched = correct = 0
            for g in gold:
                for i, p in enumerate(mine):
                    if not used[i] and p[1] == g["start"] and p[2] == g["end"]:
                        used[i] = True
                        matched += 1
                        if value_matches(g, p[3]):
                            correct += 1
                        else:
                            errors.append(f"{case['id']}\tVALUE\t{kind}\t{g['text']}\tgold {g['value']} got {p[3].value}")
                        break
                else:
                    errors.append(f"{case['id']}\tFN\t{kind}\t{g['text']}\tin: {text}")
            for i, p in enumerate(mine):
                if not used[i]:
                    errors.append(f"{case['id']}\tFP\t{kind}\t{text[p[1]:p[2]]}\tin: {text}")
            for k in (kind, "all"):
                r = rows.setdefault(k, [0, 0, 0, 0])
                r[0] += len(gold); r[1] += len(mine); r[2] += matched; r[3] += correct
    print(f"{'kind':13}{'gold':6}{'pred':6}{'P':7}{'R':7}{'F1':7}value")
    for kind, (g, p, m, c) in sorted(rows.items(), reverse=True):
        prec = m / p if p else (1.0 if g == 0 else 0.0)
        rec = m / g if g else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"{kind:13}{g:<6}{p:<6}{prec:<7.3f}{rec:<7.3f}{f1:<7.3f}{(c / m if m else 0):.3f}")
    if show_errors:
        print("\n".join(errors))


if __name__ == "__main__":
    main(sys.argv[1], "--errors" in sys.argv[2:])

#!/usr/bin/python3
"""SASLprep (RFC 4013) written plainly over Python's stringprep tables and Unicode 3.2 normalization, as an
independent reference for SaslPrepReferenceTests. Prints, for every code point and for seeded random strings, the
prepared code points or the kind of refusal:
    <input code points in hex>\t<output code points in hex> | !unassigned | !prohibited | !bidi
Single code points that come out unchanged are not printed; runs with the same refusal are printed once as FIRST-LAST.
The line "# strings" separates the single code points from the strings.
"""
import random
import stringprep as sp
import sys
import unicodedata

UCD = unicodedata.ucd_3_2_0
PROHIBITED = [sp.in_table_c12, sp.in_table_c21, sp.in_table_c22, sp.in_table_c3, sp.in_table_c4, sp.in_table_c5,
              sp.in_table_c6, sp.in_table_c7, sp.in_table_c8, sp.in_table_c9]


def saslprep(text, allow_unassigned):
    if not allow_unassigned and any(sp.in_table_a1(c) for c in text):
        return "!unassigned"
    # RFC 4013 2.1 lists the space mapping first: U+200B (in C.1.2 and B.1) becomes a space.
    text = "".join(" " if sp.in_table_c12(c) else c for c in text if sp.in_table_c12(c) or not sp.in_table_b1(c))
    text = UCD.normalize("NFKC", text)
    for c in text:
        if any(table(c) for table in PROHIBITED):
            return "!prohibited"
        if not allow_unassigned and sp.in_table_a1(c):
            return "!unassigned"
    if any(sp.in_table_d1(c) for c in text):
        if any(sp.in_table_d2(c) for c in text) or not sp.in_table_d1(text[0]) or not sp.in_table_d1(text[-1]):
            return "!bidi"
    return " ".join("%04X" % ord(c) for c in text)


def hexes(text):
    return " ".join("%04X" % ord(c) for c in text)


def main():
    out = sys.stdout
    run = None  # [first, last, refusal]
    for cp in list(range(0xD800)) + list(range(0xE000, 0x110000)):
        result = saslprep(chr(cp), allow_unassigned=False)
        if run and result == run[2] and run[1] == cp - 1:
            run[1] = cp
            continue
        if run:
            out.write(("%04X" % run[0] if run[0] == run[1] else "%04X-%04X" % (run[0], run[1])) + "\t" + run[2] + "\n")
            run = None
        if result.startswith("!"):
            run = [cp, cp, result]
        elif result != "%04X" % cp:
            out.write("%04X\t%s\n" % (cp, result))
    if run:
        out.write("%04X-%04X\t%s\n" % (run[0], run[1], run[2]))

    out.write("# strings\n")
    # Strings that exercise reordering, composition, Hangul, mapping and the bidirectional rule.
    rng = random.Random(4013)
    marks = [cp for cp in range(0x300, 0x2000) if UCD.combining(chr(cp))] + [0x1D165, 0x1D167, 0x1D16E, 0x1D185]
    letters = [0x41, 0x49, 0x58, 0x61, 0x65, 0x6F, 0x75, 0x3B1, 0x3C9, 0x415, 0x627, 0x644, 0x5D0, 0x5E9, 0x661, 0x31,
               0x20, 0xAA, 0xAD, 0xA0, 0x200B, 0x3000, 0xFEFF, 0x2168, 0xFB2A, 0xFDFA, 0x0958, 0x0B47, 0x0B3E, 0x0DD9,
               0x0DCF, 0x0344, 0x0F73, 0x1E0A, 0x212B, 0x1D15E, 0x2ADC, 0x2F868, 0x1100, 0x1161, 0x11A8, 0xAC00, 0xD7A3]
    for _ in range(20000):
        text = "".join(chr(rng.choice(marks if rng.random() < 0.5 else letters)) for _ in range(rng.randint(1, 7)))
        out.write(hexes(text) + "\t" + saslprep(text, allow_unassigned=False) + "\n")


main()

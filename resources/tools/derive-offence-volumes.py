#!/usr/bin/env python3
"""Derives resources/reference/offence-volumes-2017-18.csv from the Home Office's police recorded
crime by force, 2017/18 (Open Government Licence v3.0): the number of offences recorded in the year
by the 43 territorial forces of England and Wales, per offence code. The demo generator draws its
offence mix from it. The national fraud bodies (Action Fraud, CIFAS, UK Finance, Financial Fraud
Action UK) and British Transport Police are left out: a territorial force's crime system does not
hold their records. The combined homicide code 1/4.1/4.10/4.2 is split over murder, manslaughter,
corporate manslaughter and infanticide in the shares below (approximate, from the Home Office's
homicide index for the year), because the classification carries them apart.

Usage: derive-offence-volumes.py ../shared/reference/home-office-recorded-crime-by-force-2017-18.csv > out.csv
"""
import collections
import csv
import sys

LEFT_OUT = {"Action Fraud", "CIFAS", "UK Finance", "Financial Fraud Action UK", "British Transport Police"}
HOMICIDE_SPLIT = [("1", 0.86), ("4.1", 0.13), ("4.10", 0.005), ("4.2", 0.005)]


def main(path):
    totals = collections.Counter()
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Force Name"] in LEFT_OUT:
                continue
            totals[row["Offence Code"].strip()] += int(row["Number of Offences"].strip().replace(",", "") or 0)
    combined = totals.pop("1/4.1/4.10/4.2", 0)
    for code, share in HOMICIDE_SPLIT:
        totals[code] += max(1, round(combined * share))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["offence_code", "offences_2017_18"])
    for code in sorted(totals, key=lambda c: (-totals[c], c)):
        out.writerow([code, totals[code]])


if __name__ == "__main__":
    main(sys.argv[1])

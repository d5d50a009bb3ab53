#!/usr/bin/env python3
"""results.tsv of rebuild.sh -> one markdown row per repository, project and target framework."""
import sys, collections

rows = collections.OrderedDict()
for line in open(sys.argv[1], encoding="utf-8"):
    cols = line.rstrip("\n").split("\t")
    if len(cols) < 9:
        continue
    repo, proj, tfm, before, why, way, changed, after, errors = cols[:9]
    key = (repo, proj, tfm)
    entry = rows.setdefault(key, {"before": before, "why": why, "ways": {}})
    if way != "-":
        entry["ways"][way] = after + (f" ({errors.strip(';')})" if errors else "") + ("" if changed.strip() else "")
print("| repository | project | target | built before? | after folder-mode `hcg scan <folder> --fix` | after `hcg scan <project> --fix` | after `dotnet format analyzers` |")
print("|---|---|---|---|---|---|---|")
for (repo, proj, tfm), e in rows.items():
    before = "yes" if e["before"] == "builds" else f"no: {e['why']}"
    ways = [e["ways"].get(w, "-") for w in ("folder", "hcg", "format")]
    print(f"| {repo} | {proj.split('/')[-1]} | {tfm} | {before} | " + " | ".join(ways) + " |")

#!/bin/bash
# Rebuild measurement for issue 21: does a project that builds still build, for every target framework,
# after 'hcg scan <project> --fix' and after 'dotnet format analyzers' with HttpClientGuard's code fixes?
#
# usage: rebuild.sh <repository folder> <project file, relative to it>...
#   The repository folder must be a git work tree whose HEAD is the untouched source (the fixes are
#   undone with 'git checkout -- .' between the two ways; bin/ and obj/ stay as a build cache).
# environment:
#   HCG            hcg.dll to run (required)
#   HCG_ANALYZERS  folder holding HttpClientGuard.Analyzers.dll and HttpClientGuard.CodeFixes.dll (required)
#   OUT            folder for the logs and results.tsv (default ./rebuild-out)
#   TIMEBOX        seconds for one restore or one build (default 240)
#   WAYS           optional: which ways to run, of "folder hcg format" (default: all that apply)
#   FOLDER_PATCH   optional: the diff 'hcg scan <folder> --fix' made on the repository (folder mode); applied
#                  with 'git apply' as a third way ("folder")
# Every build runs as 'nice -n 10 dotnet build -m:1 -nodeReuse:false', one at a time; EnableWindowsTargeting=true
# only for a project whose restore asks for it (NETSDK1100).
set -u
repo=$(cd "$1" && pwd); shift
: "${HCG:?set HCG to hcg.dll}" "${HCG_ANALYZERS:?set HCG_ANALYZERS}"
OUT=$(mkdir -p "${OUT:-rebuild-out}" && cd "${OUT:-rebuild-out}" && pwd)
TIMEBOX=${TIMEBOX:-240}
TARGETS=$(cd "$(dirname "$0")" && pwd)/rebuild.targets
export CustomAfterMicrosoftCommonTargets="$TARGETS" CustomAfterMicrosoftCommonCrossTargetingTargets="$TARGETS"
unset HCG_FORMAT_ANALYZERS
IDS="HCG001 HCG002 HCG003 HCG004 HCG005 HCG006 HCG007"
name=$(basename "$repo")
props=(-nologo -m:1 -nodeReuse:false)

first_error() { # the first compiler/SDK/NuGet error of a log, without its path
  grep -m1 -E ': (error|fatal error) [A-Z]+[0-9]+' "$1" | sed -E 's/^.*: (error|fatal error) /\1 /; s/ \[[^]]*\]$//' | cut -c1-220
  grep -q -E ': (error|fatal error) [A-Z]+[0-9]+' "$1" || { grep -q 'timed out' "$1" && echo "timed out after ${TIMEBOX}s"; } || true
}

build_tfm() { # project tfm log -> "builds" | "fails"
  local start=$(date +%s) only=()
  if [ "$split" = 1 ]; then
    # the whole restore failed (a framework's reference assemblies or a package is not served): this target
    # is restored and built on its own, TargetFrameworks narrowed to it
    only=("-p:TargetFrameworks=$2")
    { timeout "$TIMEBOX" nice -n 10 dotnet restore "$1" "${only[@]}" "${props[@]}" > "$3" 2>&1; rc=$?; } || true
    if [ "$rc" != 0 ]; then echo "restore of $2 alone failed" >> "$3"; echo fails; return; fi
  fi
  [ "$split" = 2 ] && only=("-p:TargetFrameworks=$restorable")
  { timeout "$TIMEBOX" nice -n 10 dotnet build "$1" -f "$2" --no-restore "${only[@]}" "${props[@]}" -clp:ErrorsOnly >> "$3" 2>&1; rc=$?; } || true
  [ "$rc" = 124 ] && echo "timed out" >> "$3"
  echo "$(( $(date +%s) - start ))s" >> "$3"
  [ "$rc" = 0 ] && echo builds || echo fails
}

cd "$repo"
for proj in "$@"; do
  key=$(echo "$name/$proj" | tr '/' '_')
  log=$OUT/$key
  tfms=$(timeout 120 dotnet msbuild "$proj" -getProperty:TargetFrameworks -p:EnableWindowsTargeting=true 2>/dev/null | tr ';' ' ')
  [ -z "${tfms// /}" ] && tfms=$(timeout 120 dotnet msbuild "$proj" -getProperty:TargetFramework -p:EnableWindowsTargeting=true 2>/dev/null)
  tfms=$(echo $tfms)
  echo "== $name $proj: ${tfms:-no TargetFramework}" >&2
  start=$(date +%s)
  props=(-nologo -m:1 -nodeReuse:false)
  { timeout "$TIMEBOX" nice -n 10 dotnet restore "$proj" "${props[@]}" > "$log.restore.log" 2>&1; rrc=$?; } || true
  if grep -q NETSDK1100 "$log.restore.log"; then
    # a Windows target (net9.0-windows...): restore and build it with EnableWindowsTargeting, as the SDK asks.
    # Not by default: with it, plain targets of some repositories ask for the Windows Desktop targeting pack.
    props+=(-p:EnableWindowsTargeting=true)
    { timeout "$TIMEBOX" nice -n 10 dotnet restore "$proj" "${props[@]}" > "$log.restore.log" 2>&1; rrc=$?; } || true
  fi
  [ "$rrc" = 124 ] && echo "timed out" >> "$log.restore.log"
  echo "restore $(( $(date +%s) - start ))s rc=$rrc" >&2
  declare -A before=() why=()
  split=0
  if [ "$rrc" != 0 ] && [ "$(echo $tfms | wc -w)" -gt 1 ]; then split=1; echo "  restore failed ($(first_error "$log.restore.log")): each target alone" >&2; fi
  for tfm in $tfms; do
    if [ "$rrc" != 0 ] && [ $split = 0 ]; then before[$tfm]=fails; why[$tfm]="restore: $(first_error "$log.restore.log")"; continue; fi
    before[$tfm]=$(build_tfm "$proj" "$tfm" "$log.$tfm.before.log")
    why[$tfm]=$( [ "${before[$tfm]}" = fails ] && first_error "$log.$tfm.before.log")
    echo "  $tfm before: ${before[$tfm]} ${why[$tfm]} ($(tail -1 "$log.$tfm.before.log"))" >&2
  done

  if [ $split = 1 ]; then
    # the targets that restored alone, restored together once, so the builds after the fixes need no restore
    restorable=$(for tfm in $tfms; do [ "${before[$tfm]}" = builds ] && echo -n "$tfm;"; done)
    restorable=${restorable%;}
    if [ -n "$restorable" ] && timeout "$TIMEBOX" nice -n 10 dotnet restore "$proj" "-p:TargetFrameworks=$restorable" "${props[@]}" > "$log.restore-built.log" 2>&1; then
      split=2
    fi
  fi
  ways="hcg format"; [ -n "${FOLDER_PATCH:-}" ] && [ -s "$FOLDER_PATCH" ] && ways="folder hcg format"
  ways=${WAYS:-$ways}
  done_ways=""; declare -A afterof=() afterwhyof=()
  for way in $ways; do
    declare -A after=() afterwhy=()
    git checkout -q -- .
    if [[ " ${before[*]} " != *" builds "* ]]; then continue; fi
    start=$(date +%s)
    if [ $way = folder ]; then
      git apply --whitespace=nowarn "$FOLDER_PATCH" > "$log.folder-fix.log" 2>&1
    elif [ $way = hcg ]; then
      timeout 600 nice -n 10 dotnet "$HCG" scan "$proj" --fix --no-progress > "$log.hcg-fix.log" 2>&1
    else
      HCG_FORMAT_ANALYZERS="$HCG_ANALYZERS" \
        timeout 600 nice -n 10 dotnet format analyzers "$proj" --diagnostics $IDS --severity info --no-restore -v diag \
        > "$log.format-fix.log" 2>&1
    fi
    echo "  $way fix rc=$? $(( $(date +%s) - start ))s" >&2
    git diff > "$log.$way.patch"
    changed=$(git diff --name-only | tr '\n' ' ')
    echo "  $way changed: ${changed:-nothing}" >&2
    same=""
    for earlier in $done_ways; do
      # the same sources as an earlier way (the same diff): the same build, not run again
      cmp -s <(grep -v '^index ' "$log.$way.patch") <(grep -v '^index ' "$log.$earlier.patch") && same=$earlier && break
    done
    done_ways="$done_ways $way"
    for tfm in $tfms; do
      if [ "${before[$tfm]}" != builds ]; then after[$tfm]=-; continue; fi
      if [ -z "$changed" ]; then after[$tfm]="unchanged"; continue; fi
      if [ -n "$same" ]; then after[$tfm]="${afterof[$same.$tfm]} (same diff as $same)"; afterwhy[$tfm]="${afterwhyof[$same.$tfm]:-}"; continue; fi
      after[$tfm]=$(build_tfm "$proj" "$tfm" "$log.$tfm.$way.log")
      afterwhy[$tfm]=$( [ "${after[$tfm]}" = fails ] && grep -E ': (error|fatal error) ' "$log.$tfm.$way.log" | sed -E 's#^'"$repo"'/##; s/ \[[^]]*\]$//' | sort -u | head -5 | tr '\n' ';')
      echo "  $tfm after $way: ${after[$tfm]} ${afterwhy[$tfm]}" >&2
    done
    for tfm in $tfms; do afterof[$way.$tfm]=${after[$tfm]}; afterwhyof[$way.$tfm]=${afterwhy[$tfm]:-}; done
    for tfm in $tfms; do
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$proj" "$tfm" "${before[$tfm]}" "${why[$tfm]}" "$way" "$changed" "${after[$tfm]}" "${afterwhy[$tfm]:-}" >> "$OUT/results.tsv"
    done
  done
  if [[ " ${before[*]} " != *" builds "* ]]; then
    for tfm in $tfms; do
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$proj" "$tfm" "${before[$tfm]}" "${why[$tfm]}" "-" "" "-" "" >> "$OUT/results.tsv"
    done
  fi
  git checkout -q -- .
done

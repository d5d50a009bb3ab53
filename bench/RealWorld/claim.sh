#!/bin/bash
# Claims a repository for a helper building a new held-out set (see README.md, "Held-out set").
# usage: claim.sh <claims-folder> <owner/name> <helper-letter>
# Refuses a repository named anywhere under bench/RealWorld (every earlier set's repos.tsv, READMEs and notes) by its
# owner/name, or whose bare name is an earlier set's repository name (GitHub moves keep the name), or one another helper
# has claimed in <claims-folder>/claims.txt.
set -e
folder="$1"; full="$2"; who="$3"
if [ -z "$folder" ] || [ -z "$full" ] || [ -z "$who" ]; then echo "usage: claim.sh <claims-folder> <owner/name> <letter>"; exit 2; fi
here="$(cd "$(dirname "$0")" && pwd)"
name="${full#*/}"
mkdir -p "$folder"
exec 9>"$folder/claims.lock"
flock 9
if grep -rqiF --include=*.tsv --include=*.md -e "$full" "$here"; then echo "refused: $full is named in an earlier set"; exit 1; fi
escaped="$(printf '%s' "$name" | sed 's/[.[\*^$()+?{|]/\\&/g')"
if grep -rqiE --include=repos.tsv -e "(^|[^A-Za-z0-9._-])${escaped}([^A-Za-z0-9_-]|$)" "$here"; then echo "refused: a repository named $name is in an earlier set"; exit 1; fi
if grep -qiE -- "^[^ ]*/${escaped} " "$folder/claims.txt" 2>/dev/null; then echo "refused: already claimed"; exit 1; fi
echo "$full $who $(date -u +%H:%M)" >> "$folder/claims.txt"
echo "claimed $full for $who"

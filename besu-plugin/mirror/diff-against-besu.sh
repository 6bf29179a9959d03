#!/usr/bin/env bash
# Checks every declaration of besu-plugin's Besu API mirror against a Besu source checkout.
#
#   besu-plugin/mirror/diff-against-besu.sh <besu checkout>     a work tree, or a bare git dir (read at HEAD)
#
# Each mirror file names the Besu files it mirrors in "// besu: <path>" lines. Every declaration
# in the mirror (type, constructor, method, constant; a line ending in "{" or ";" that is not a
# statement) must occur, after normalisation (comments, annotations, "final", "default" and
# whitespace removed), in the concatenation of those Besu files. Lines ending in "// mirror-only"
# are the mirror's own plumbing (e.g. constructors Besu hides behind factories) and are skipped.
# Exit status: 0 when every declaration is found, 1 otherwise (each missing one is printed).
set -euo pipefail
besu="${1:?usage: $0 <besu source checkout or git dir>}"
here="$(cd "$(dirname "$0")/.." && pwd)"
mirror="$here/besu-api-mirror/src/main/java"

read_besu() { # path inside the Besu repository -> its text
  if [[ -f "$besu/$1" ]]; then cat "$besu/$1"
  elif git -C "$besu" rev-parse --git-dir >/dev/null 2>&1; then git -C "$besu" show "HEAD:$1"
  else echo "missing in Besu checkout: $1" >&2; return 1; fi
}

normalise() { # Java text on stdin -> one line, comparable; -l: each declaration line alone
  perl ${1:--0777} -pe '
    s{/\*.*?\*/}{}gs; s{//[^\n]*}{}g;              # comments
    s{\@\w+(\.\w+)*(\((?:[^()]|\([^()]*\))*\))?}{}g; # annotations
    s{\bfinal\s+}{}g; s{\bdefault\s+}{}g;           # modifiers that do not change a signature
    s{\s+}{ }g; s{\(\s+}{(}g; s{\s+\)}{)}g; s{\s*,\s*}{, }g; s{\s+<}{<}g;'
}

missing=0; checked=0
while IFS= read -r -d '' file; do
  paths=$(grep -oP '^// besu: \K\S+' "$file" || true)
  [[ -n "$paths" ]] || { echo "NO '// besu:' HEADER: ${file#$here/}"; missing=$((missing+1)); continue; }
  real=$(for p in $paths; do read_besu "$p"; done | normalise)
  while IFS= read -r decl; do
    checked=$((checked+1))
    if [[ "$real" != *"$decl"* ]]; then
      echo "NOT IN BESU: ${file#$mirror/}: $decl"; missing=$((missing+1))
    fi
  done < <(grep -vE '// mirror-only\s*$' "$file" | sed -e 's#//.*##' \
      | grep -E '[{;]\s*$' | grep -vE '^\s*(return|this\.|throw|if|for|while|super|private|[}]|[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)+;|import|package)' \
      | grep -E '\(|\b(class|interface|enum|record)\b' | sed -E 's/\s*[{;]\s*$//' | normalise -l | sed -E 's/ $//; s/^ //')
done < <(find "$mirror" -name '*.java' -print0 | sort -z)

echo "checked $checked declarations against $besu: $missing not found"
[[ $missing -eq 0 ]]

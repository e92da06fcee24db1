# settings.sh: what the benchmark scripts of this folder (gan_vs_torch.sh, quality.sh) share, sourced
# by both after they set `script` (their name, for messages) and `repo` (the repository root).

# A setting that must be a whole number of at least `minimum`: anything else is a usage error.
whole_number() {  # whole_number NAME VALUE MINIMUM
  if ! [[ $2 =~ ^[0-9]+$ ]] || (( 10#$2 < $3 )); then
    echo "$script: $1 is '$2'; expected a whole number, at least $3" >&2
    exit 2
  fi
}

# A setting that is a list of whole numbers of at least 1 (batch sizes, thread counts), printed one
# per line without leading zeros; anything else is a usage error.
positive_numbers() {  # positive_numbers NAME VALUE WHAT EXAMPLE
  if ! [[ $2 =~ ^[[:space:]0-9]*$ ]] || [[ " $2 " =~ [[:space:]]0+[[:space:]] ]]; then
    echo "$script: $1 is '$2'; expected $3 of at least 1 separated by spaces, e.g. \"$4\"" >&2
    exit 2
  fi
  local number
  for number in $2; do echo "$((10#$number))"; done
}

# Sets `build` (BUILD, relative to the repository root unless absolute; default build) and `gan`,
# the program built there; stops with a hint when it is not built.
find_gan() {
  build=${BUILD:-build}
  [[ $build == /* ]] || build=$repo/$build
  gan=$build/gan
  if [[ ! -x $gan ]]; then
    echo "$script: $gan: no such program; build it with: cmake --build $build --target gan" >&2
    exit 1
  fi
}

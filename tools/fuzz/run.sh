#!/usr/bin/env bash
# Runs every fuzz target for a fixed time on the committed seeds (fuzz/seeds/<target>) and the
# working corpus (fuzz/corpus/<target>, not committed). Installs cargo-fuzz from crates.io if
# it is missing. cargo-fuzz needs nightly compiler flags: the nightly toolchain where rustup
# has one, else the stable one with RUSTC_BOOTSTRAP=1.
#
#   bash tools/fuzz/run.sh            # 30 s a target (what CI runs)
#   bash tools/fuzz/run.sh 3600 treaty   # one target, an hour
set -euo pipefail
cd "$(dirname "$0")/../../fuzz"
secs=${1:-30}
shift || true
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked --version 0.13.2
fi
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <("${fuzz[@]}" list)
fi
"${fuzz[@]}" build
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "== fuzz $t for ${secs}s"
  # -rss_limit_mb: the bundled data and classifier take a few hundred MB under ASan.
  "${fuzz[@]}" run "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$secs" -max_len=65536 -rss_limit_mb=4096 -print_final_stats=1 2>&1 \
    | grep -E "^(#[0-9]+.*DONE|Done|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)" || true
  if ls "artifacts/$t"/crash-* "artifacts/$t"/leak-* "artifacts/$t"/timeout-* >/dev/null 2>&1; then
    echo "fuzz target $t found a failure: fuzz/artifacts/$t"; exit 1
  fi
done

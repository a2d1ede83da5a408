#!/usr/bin/env bash
# Checks the system libraries WeasyPrint needs (Pango, HarfBuzz, fontconfig) and installs
# them with apt-get when they are missing and we are allowed to; otherwise says what to
# install and stops. Also installs Debian's Chromium, which the web page's browser tests
# (tests/test_web_browser.py, Playwright) drive: never `playwright install`, which
# downloads a browser of its own. Without Chromium those tests are skipped, saying why.
set -u
ensure_chromium() {
  if command -v chromium >/dev/null 2>&1 || [ -n "${MONOGRAPHS_CHROMIUM:-}" ]; then
    return 0
  fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing chromium for the web page's browser tests"
    if (apt-get install -y -qq chromium >/dev/null 2>&1 || \
        (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1)); then
      return 0
    fi
  fi
  echo "Note: chromium is not installed; the web page's browser tests will be skipped." >&2
  echo "On Debian or Ubuntu, run as root:  apt-get install chromium" >&2
  echo "(or point MONOGRAPHS_CHROMIUM at a Chromium binary)" >&2
}
ensure_chromium
need=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib 'libpango-1.0.so.0' || need+=(libpango-1.0-0)
have_lib 'libpangoft2-1.0.so.0' || need+=(libpangoft2-1.0-0)
have_lib 'libharfbuzz.so.0' || need+=(libharfbuzz0b)
have_lib 'libfontconfig.so.1' || need+=(libfontconfig1)
# Optional but much faster font subsetting in WeasyPrint.
have_lib 'libharfbuzz-subset.so.0' || optional=(libharfbuzz-subset0)
if [ ${#need[@]} -eq 0 ] && [ -z "${optional:-}" ]; then
  exit 0
fi
pkgs=("${need[@]}" ${optional[@]+"${optional[@]}"})
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages for WeasyPrint: ${pkgs[*]}"
  if (apt-get install -y -qq "${pkgs[@]}" >/dev/null 2>&1 || \
      (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "${pkgs[@]}" >/dev/null 2>&1)); then
    exit 0
  fi
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "WeasyPrint needs system libraries that are missing: ${need[*]}" >&2
  echo "On Debian or Ubuntu, run as root:  apt-get install ${need[*]}" >&2
  echo "(elsewhere: https://doc.courtbouillon.org/weasyprint/stable/first_steps.html)" >&2
  exit 1
fi
echo "Note: ${optional[*]} is not installed; PDFs are built, but font subsetting is slower." >&2
exit 0

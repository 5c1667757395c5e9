#!/usr/bin/env bash
# Installs the Debian packages the project needs (browser tests, PDFs, nginx tests, load tests,
# LibreOffice for the editable-file tests: never needed to run or freeze the site).
# Safe to run again: it installs only what is missing. Without root or apt it lists what is missing.
set -euo pipefail

packages=(
  chromium            # real-browser tests (Playwright drives Debian's Chromium)
  nginx-light         # production serving (make serve) and its tests: deploy/nginx.conf
  libnginx-mod-http-brotli-static  # nginx sends the export's .br files (brotli_static)
  fonts-noto-core     # PDF glyphs: Latin, Vietnamese, Arabic
  fonts-noto-cjk      # PDF glyphs: Simplified Chinese
  libpango-1.0-0      # WeasyPrint's text layout
  libpangoft2-1.0-0
  wrk                 # load benchmarks
  libreoffice-writer-nogui   # tests only: open every generated DOCX/ODT (soffice --headless)
  libreoffice-impress-nogui  # tests only: open every generated PPTX/ODP
  poppler-utils       # tests only: pdftotext reads what LibreOffice printed
  nodejs              # tests only: static/site.js ranks as the server (tests/content/test_search.py)

)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "system-deps: missing Debian packages (install them as root): ${missing[*]}" >&2
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Make sure the Debian/Ubuntu packages phonghop needs are installed.
#   packaging/system-packages.sh demo   what the desktop client needs (Qt libraries, fonts)
#   packaging/system-packages.sh test   that, plus PostgreSQL, poppler-utils and LibreOffice
#                                       (Writer, headless) for the tests
# As root (or with password-less sudo) it installs what is missing with apt; otherwise it
# prints the exact apt line to run and exits 1.
set -euo pipefail

purpose="${1:-test}"
packages=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0
          fonts-dejavu-core fonts-liberation2)
if [ "$purpose" = "test" ]; then
  packages+=(postgresql poppler-utils libreoffice-writer-nogui)  # LibreOffice: checks our DOCX
fi
if ! python3 -c "import ensurepip, venv" 2>/dev/null; then
  packages+=(python3-venv)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "phonghop needs these system packages. Run, then try again:" >&2
  echo "  sudo apt-get update && sudo $line" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

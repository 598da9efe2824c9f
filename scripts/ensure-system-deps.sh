#!/usr/bin/env bash
# Checks the Debian packages the tests use: Chromium for screens, Noto CJK fonts for Chinese
# glyphs, nginx as the content server, OpenSSL for SM2 interoperability, poppler-utils for
# reading PDFs and poppler-data for the Chinese CMaps of their predefined CID fonts (only
# recommended by libpoppler, so a minimal install lacks it). The packaging tests need
# shellcheck, desktop-file-utils and nsis (makensis), and systemd-analyze from the systemd
# package that Debian installs by default. Installs them when run as root with apt-get;
# otherwise prints the command to run. Prints nothing when everything is present.
set -euo pipefail

PACKAGES=(chromium fonts-noto-cjk nginx poppler-utils poppler-data openssl shellcheck desktop-file-utils nsis)

missing=()
[[ -x /usr/bin/chromium ]] || missing+=("chromium (/usr/bin/chromium)")
# grep without -q reads all of fc-list's output: with -q it stops early, fc-list gets SIGPIPE
# and pipefail reports the font as missing.
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || missing+=("fonts-noto-cjk (Noto Sans CJK)")
[[ -x /usr/sbin/nginx ]] || missing+=("nginx (/usr/sbin/nginx)")
command -v openssl >/dev/null 2>&1 || missing+=("openssl")
command -v pdftotext >/dev/null 2>&1 || missing+=("poppler-utils (pdftotext)")
[[ -d /usr/share/poppler/cMap ]] || missing+=("poppler-data (/usr/share/poppler/cMap)")
command -v shellcheck >/dev/null 2>&1 || missing+=("shellcheck")
command -v desktop-file-validate >/dev/null 2>&1 || missing+=("desktop-file-utils (desktop-file-validate)")
command -v makensis >/dev/null 2>&1 || missing+=("nsis (makensis)")

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "缺少测试所需的系统软件 / Missing system packages the tests need:" >&2
printf '  - %s\n' "${missing[@]}" >&2

install_command="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${PACKAGES[*]}"

if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "请以 root 身份运行 / Run as root:" >&2
  echo "  sudo sh -c '${install_command}'" >&2
  exit 1
fi

echo "正在安装 / Installing: ${PACKAGES[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >&2

# Tests start their own nginx on loopback; the packaged service must not hold port 80 or
# fail a boot where it is not wanted.
if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
  systemctl disable --now nginx >/dev/null 2>&1 || true
elif [[ -x /etc/init.d/nginx ]]; then
  /etc/init.d/nginx stop >/dev/null 2>&1 || true
fi

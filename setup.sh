#!/usr/bin/env bash
# One-step set-up.  ./setup.sh demo : install everything, build the demo site into site/
#                   ./setup.sh test : install everything, run the whole test suite
set -euo pipefail
cd "$(dirname "$0")"

MODE="${1:-demo}"
VENV="${PBSITE_VENV:-.venv}"
PYTHON="${PYTHON:-python3}"

say() { printf '\033[1;31m[pbsite]\033[0m %s\n' "$*"; }
die() { say "$*" >&2; exit 1; }

debian_packages() {
  # fonts-noto-cjk: posters need a CJK font; chromium: the browser tests drive it headless.
  local wanted=(fonts-noto-cjk)
  [ "$MODE" = test ] && wanted+=(chromium)
  "$PYTHON" -c 'import ensurepip' 2>/dev/null || wanted+=(python3-venv)
  local missing=()
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  printf '%s\n' "${missing[@]}"
}

install_system_packages() {
  command -v apt-get >/dev/null || return 0   # macOS and Windows: fonts are discovered from the system
  mapfile -t missing < <(debian_packages | sed '/^$/d')
  [ "${#missing[@]}" -eq 0 ] && return 0
  local runner=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo -n true 2>/dev/null || die "缺少系统软件包：${missing[*]}。请让管理员执行：sudo apt-get install -y ${missing[*]}，然后重新运行本命令。"
    runner=(sudo -n)
  fi
  say "安装系统软件包：${missing[*]}"
  "${runner[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${runner[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_packages() {
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  local extra=""
  [ "$MODE" = test ] && extra="[test]"
  say "安装 Python 依赖（$VENV）"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".$extra"
}

case "$MODE" in
  demo)
    install_system_packages
    install_python_packages
    "$VENV/bin/pbsite" build
    ;;
  test)
    install_system_packages
    install_python_packages
    "$VENV/bin/python" -m pytest -n 2 -q
    ;;
  *) die "用法：./setup.sh demo | test" ;;
esac

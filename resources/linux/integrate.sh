#!/bin/sh
# Installs or removes the kiosk's links into the system for an app folder laid out as
# electron-builder lays out its Linux packages (<app>/minsheng-kiosk, <app>/resources/linux/):
# - /usr/bin/minsheng and /usr/bin/minsheng-kiosk-session, links to the scripts beside this one;
# - /usr/lib/systemd/user/minsheng-kiosk.service, the systemd user unit;
# - /etc/xdg/autostart/minsheng-kiosk-autostart.desktop, the XDG autostart entry.
# The deb's after-install script runs `integrate.sh install`; for an extracted AppImage a
# technician runs it as root. DESTDIR, when set, is put before every path it writes.
# Usage: integrate.sh install|remove
set -eu

here=$(dirname "$(readlink -f "$0")")
root=${DESTDIR:-}
bin_dir="$root/usr/bin"
unit_dir="$root/usr/lib/systemd/user"
autostart_dir="$root/etc/xdg/autostart"

# True when /usr/bin/$1 is missing or a link to a script of this name in some app folder's
# resources/linux/ (this package's, or an older install's that is gone). Anything else, such as
# the npm package's own `minsheng`, belongs to someone else and is left alone.
is_ours_or_missing() {
  if [ ! -e "$bin_dir/$1" ] && [ ! -L "$bin_dir/$1" ]; then return 0; fi
  case $(readlink "$bin_dir/$1" 2>/dev/null || true) in
    */resources/linux/"$1") return 0 ;;
  esac
  return 1
}

link_command() {
  if is_ours_or_missing "$1"; then
    ln -sfn "$here/$1" "$bin_dir/$1"
  else
    echo "integrate.sh: $bin_dir/$1 belongs to another program; left unchanged" >&2
  fi
}

unlink_command() {
  if [ -L "$bin_dir/$1" ] && is_ours_or_missing "$1"; then rm -f "$bin_dir/$1"; fi
}

case "${1:-}" in
  install)
    # Package builders do not always keep the executable bit of extra resources.
    chmod 0755 "$here/minsheng" "$here/minsheng-kiosk-session" "$here/integrate.sh"
    mkdir -p "$bin_dir" "$unit_dir" "$autostart_dir"
    link_command minsheng
    link_command minsheng-kiosk-session
    install -m 0644 "$here/minsheng-kiosk.service" "$unit_dir/minsheng-kiosk.service"
    install -m 0644 "$here/minsheng-kiosk-autostart.desktop" "$autostart_dir/minsheng-kiosk-autostart.desktop"
    ;;
  remove)
    unlink_command minsheng
    unlink_command minsheng-kiosk-session
    rm -f "$unit_dir/minsheng-kiosk.service" "$autostart_dir/minsheng-kiosk-autostart.desktop"
    ;;
  *)
    echo "usage: integrate.sh install|remove" >&2
    exit 2
    ;;
esac

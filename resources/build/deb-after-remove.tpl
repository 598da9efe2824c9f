#!/bin/bash

# Delete the link to the binary
# update-alternatives --remove <name> <path>: 'path' must be the registered alternative binary,
# not the generic symlink — see https://man7.org/linux/man-pages/man1/update-alternatives.1.html
if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}'
else
    rm -f '/usr/bin/${executable}'
fi

APPARMOR_PROFILE_DEST='/etc/apparmor.d/${executable}'

# Remove and unload apparmor profile.
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  # Unload the profile from the running kernel before deleting the file so the
  # policy is not left enforced until the next reboot.  Mirror the chroot guard
  # used in the after-install script — live AppArmor operations are not
  # meaningful inside a chroot.
  # https://wiki.debian.org/AppArmor/HowToUse
  if apparmor_status --enabled > /dev/null 2>&1; then
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
    fi
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi
# >>> minsheng-kiosk
# Everything above is electron-builder's default after-remove script, kept as it is. This block
# removes what resources/linux/integrate.sh installed; the app folder is already gone, so it
# cannot call that script. On an upgrade ("upgrade" as $1) the new package's after-install
# script writes the same files again, so nothing is removed. DESTDIR, when set, is put before
# every path, as in integrate.sh.
case "$1" in
  remove|purge)
    root="$DESTDIR"
    for command in minsheng minsheng-kiosk-session; do
      case "$(readlink "$root/usr/bin/$command" 2>/dev/null)" in
        */resources/linux/"$command") rm -f "$root/usr/bin/$command" ;;
      esac
    done
    rm -f "$root/usr/lib/systemd/user/minsheng-kiosk.service" "$root/etc/xdg/autostart/minsheng-kiosk-autostart.desktop"
    ;;
esac
# <<< minsheng-kiosk

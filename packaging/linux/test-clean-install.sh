#!/bin/sh
# Installs the veldtoets .deb on a clean, minimal Debian 12 (a debootstrap chroot) and checks that
# it starts and is wired into the desktop. Needs root and, on the host: debootstrap, xvfb and
# imagemagick (`apt-get install debootstrap xvfb xauth imagemagick`). Each run debootstraps a
# fresh chroot (ROOT, default /tmp/veldtoets-clean-bookworm; about a minute with a fast mirror)
# and deletes it afterwards unless KEEP=1. Screenshots and logs go to OUT.
#
#   packaging/linux/test-clean-install.sh [path/to/veldtoets_*.deb]
#
# What it checks, in order:
#  1. `apt-get install --no-install-recommends ./veldtoets.deb` on a bare system: the Depends
#     alone must be enough to run the GUI (nothing graphical is installed before).
#  2. `veldtoets --version`, `veldtoets demo`, the first frame under Xvfb, and a screenshot of the
#     window with the demo open (OUT/open.png; look at it).
#  3. With shared-mime-info, desktop-file-utils and xdg-utils present, a reinstall runs their dpkg
#     triggers; then `xdg-mime` must map *.veldtoets (and a renamed veldtoets file, by its magic)
#     to application/x-veldtoets and that to veldtoets.desktop, a plain SQLite file must not be
#     claimed, and `xdg-open FILE` must open a window via veldtoets-desktop (OUT/xdg-open.png).
#  4. `dpkg -r veldtoets` removes everything.
set -eu

deb=${1:-$(ls -t target/debian/veldtoets_*_amd64.deb 2>/dev/null | head -n 1)}
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
    echo "no .deb: run 'cargo deb' first or pass its path" >&2
    exit 2
fi
root=${ROOT:-/tmp/veldtoets-clean-bookworm}
out=${OUT:-/tmp/veldtoets-clean-install}
display=${XVFB_DISPLAY:-:98}
mkdir -p "$out"

if grep -q " $root/" /proc/mounts; then
    echo "something is still mounted under $root: unmount it first" >&2
    exit 2
fi
rm -rf "$root"
echo "== debootstrap (minbase bookworm) into $root"
debootstrap --variant=minbase bookworm "$root" >"$out/debootstrap.log" 2>&1

xvfb_pid=
gui_pid=
cleanup() {
    [ -z "$gui_pid" ] || kill "$gui_pid" 2>/dev/null || true
    [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
    for m in tmp/.X11-unix dev proc; do
        if mountpoint -q "$root/$m"; then umount "$root/$m" || true; fi
    done
    if [ "${KEEP:-0}" != 1 ] && ! grep -q " $root/" /proc/mounts; then rm -rf "$root"; fi
}
trap cleanup EXIT
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mkdir -p "$root/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    DISPLAY="$display" DEBIAN_FRONTEND=noninteractive "$@"; }

Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp -noreset >"$out/xvfb.log" 2>&1 &
xvfb_pid=$!
sleep 2

echo "== 1. install on a bare system (Depends only)"
cp "$deb" "$root/tmp/veldtoets.deb"
in_root apt-get update -qq
in_root apt-get install -y --no-install-recommends /tmp/veldtoets.deb >"$out/install.log" 2>&1
grep '^Setting up veldtoets' "$out/install.log"

echo "== 2. run"
in_root veldtoets --version
in_root rm -rf /tmp/p
in_root mkdir -p /tmp/p
in_root veldtoets demo /tmp/p/demo.veldtoets
in_root env VELDTOETS_FIRST_FRAME_EXIT=1 timeout 60 veldtoets open /tmp/p/demo.veldtoets
chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root DISPLAY="$display" \
    veldtoets open /tmp/p/demo.veldtoets >"$out/gui.log" 2>&1 &
gui_pid=$!
sleep 5
DISPLAY="$display" import -window root "$out/open.png"
kill "$gui_pid"; wait "$gui_pid" 2>/dev/null || true; gui_pid=
echo "screenshot: $out/open.png"

echo "== 3. desktop integration (dpkg triggers, xdg-mime, xdg-open)"
in_root apt-get install -y --no-install-recommends shared-mime-info desktop-file-utils \
    hicolor-icon-theme xdg-utils libfile-mimeinfo-perl >"$out/tools.log" 2>&1
in_root dpkg -r veldtoets >/dev/null
in_root dpkg -i /tmp/veldtoets.deb | grep -i 'trigger' || true
in_root desktop-file-validate /usr/share/applications/veldtoets.desktop
check() { # check WHAT EXPECTED ACTUAL
    if [ "$2" = "$3" ]; then echo "ok   $1: $3"; else echo "FAIL $1: got '$3', want '$2'"; failed=1; fi
}
failed=0
in_root cp /tmp/p/demo.veldtoets /tmp/p/zonder-extensie
in_root sh -c 'printf "SQLite format 3\000" >/tmp/p/gewoon.db; head -c 4080 /dev/zero >>/tmp/p/gewoon.db'
check "*.veldtoets" application/x-veldtoets "$(in_root xdg-mime query filetype /tmp/p/demo.veldtoets)"
check "renamed veldtoets file (magic)" application/x-veldtoets "$(in_root xdg-mime query filetype /tmp/p/zonder-extensie)"
check "plain SQLite file not claimed" application/vnd.sqlite3 "$(in_root xdg-mime query filetype /tmp/p/gewoon.db)"
check "default application" veldtoets.desktop "$(in_root xdg-mime query default application/x-veldtoets)"
chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root DISPLAY="$display" \
    xdg-open /tmp/p/demo.veldtoets >"$out/xdg-open.log" 2>&1 &
sleep 5
DISPLAY="$display" import -window root "$out/xdg-open.png"
echo "screenshot: $out/xdg-open.png"
check "xdg-open started veldtoets-desktop" 1 "$(pgrep -fc '^/bin/sh /usr/bin/veldtoets-desktop /tmp/p/demo.veldtoets' || true)"
gui_pid=$(pgrep -f '^veldtoets open -- /tmp/p/demo.veldtoets' | head -n 1)
if [ -n "$gui_pid" ]; then echo "ok   window process: $gui_pid"; else echo "FAIL no veldtoets process"; failed=1; fi
[ -z "$gui_pid" ] || { kill "$gui_pid"; sleep 1; gui_pid=; }

echo "== 4. remove"
in_root dpkg -r veldtoets >/dev/null
left=$(in_root sh -c 'ls /usr/bin/veldtoets* /usr/share/applications/veldtoets.desktop /usr/share/mime/application/x-veldtoets.xml 2>/dev/null' || true)
check "nothing left after dpkg -r" "" "$left"
if [ "$failed" = 0 ]; then echo "all checks passed"; else echo "some checks failed"; exit 1; fi

#!/usr/bin/env bash
# Build the Linux installers of Slope Explorer from this checkout:
#   packaging/dist/slope-explorer/                           the app folder (PyInstaller onedir)
#   packaging/dist/slope-explorer-VERSION-linux-x86_64.tar.gz  that folder, for "unpack and run"
#   packaging/dist/slope-explorer_VERSION_amd64.deb          /opt/slope-explorer + launcher, menu entry, icons
#   packaging/dist/SlopeExplorer.AppDir/                     ready for `appimagetool` (run if it is on PATH)
# Needs: python with the app's dependencies and packaging/requirements.txt, binutils (strip, objdump), dpkg-deb,
# and every xcb library Qt's xcb plugin loads (libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
# libxcb-render-util0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0): PyInstaller bundles what it finds.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3}
APP_ID=org.slopeexplorer.SlopeExplorer
DIST=$ROOT/packaging/dist
BUILD=$ROOT/packaging/build
APP=$DIST/slope-explorer
VERSION=$("$PYTHON" -c "import sys; sys.path.insert(0, '$ROOT'); import explorer; print(explorer.__version__)")
ARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)
TARBALL=$DIST/slope-explorer-$VERSION-linux-$(uname -m).tar.gz
DEB=$DIST/slope-explorer_${VERSION}_$ARCH.deb
APPDIR=$DIST/SlopeExplorer.AppDir
SIZES=(16 24 32 48 64 128 256 512)

step() { printf '\n== %s (%ds)\n' "$1" "$SECONDS"; }

step "PyInstaller"
rm -rf "$APP" "$APPDIR" "$TARBALL" "$DEB" "$BUILD/deb"
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$DIST" --workpath "$BUILD/pyinstaller" "$ROOT/packaging/slope-explorer.spec"

step "Strip torch's libraries"
# Only torch's own: numpy's bundled OpenBLAS stops loading when stripped, so no global strip.
find "$APP/_internal/torch" -name '*.so*' -type f -exec strip --strip-unneeded {} +

step "tar.gz"
tar -C "$DIST" -czf "$TARBALL" slope-explorer

step ".deb"
root=$BUILD/deb
mkdir -p "$root/opt" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/metainfo" \
    "$root/usr/share/icons/hicolor/scalable/apps" "$root/DEBIAN"
cp -al "$APP" "$root/opt/slope-explorer"   # hard links: no second copy of 600 MB
ln -s /opt/slope-explorer/slope-explorer "$root/usr/bin/slope-explorer"
install -m 644 "$ROOT/resources/$APP_ID.desktop" "$root/usr/share/applications/"
install -m 644 "$ROOT/resources/$APP_ID.metainfo.xml" "$root/usr/share/metainfo/"
install -m 644 "$ROOT/resources/icons/$APP_ID.svg" "$root/usr/share/icons/hicolor/scalable/apps/"
for size in "${SIZES[@]}"; do
    install -D -m 644 "$ROOT/resources/icons/$APP_ID-$size.png" \
        "$root/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
installed_kb=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
# The newest glibc symbol any bundled binary uses: the oldest system the package can run on.
glibc=$(find "$APP" -type f \( -name '*.so*' -o -perm -u+x \) -exec objdump -T {} + 2>/dev/null \
    | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1 | cut -d_ -f2)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@INSTALLED_SIZE@/$installed_kb/" -e "s/@GLIBC@/$glibc/" \
    "$ROOT/packaging/debian-control.in" > "$root/DEBIAN/control"
# xz -1: a third smaller than gzip and readable by every dpkg; -6 took over ten minutes on 2 cores.
dpkg-deb --root-owner-group -Zxz -z1 --build "$root" "$DEB"

step "AppDir"
mkdir -p "$APPDIR/usr/lib" "$APPDIR/usr/share/metainfo" "$APPDIR/usr/share/applications"
cp -al "$APP" "$APPDIR/usr/lib/slope-explorer"
install -m 755 "$ROOT/packaging/AppRun" "$APPDIR/AppRun"
install -m 644 "$ROOT/resources/$APP_ID.desktop" "$APPDIR/$APP_ID.desktop"
install -m 644 "$ROOT/resources/$APP_ID.desktop" "$APPDIR/usr/share/applications/"
install -m 644 "$ROOT/resources/$APP_ID.metainfo.xml" "$APPDIR/usr/share/metainfo/$APP_ID.appdata.xml"
install -m 644 "$ROOT/resources/icons/$APP_ID-256.png" "$APPDIR/$APP_ID.png"
ln -sf "$APP_ID.png" "$APPDIR/.DirIcon"
if command -v appimagetool >/dev/null; then
    ARCH=$(uname -m) appimagetool "$APPDIR" "$DIST/SlopeExplorer-$VERSION-$(uname -m).AppImage"
fi

step "Sizes"
printf '%-12s %6d MB\n' "unpacked" $(( $(du -sb "$APP" | cut -f1) / 1000000 )) \
    "tar.gz" $(( $(stat -c %s "$TARBALL") / 1000000 )) ".deb" $(( $(stat -c %s "$DEB") / 1000000 ))
printf 'built in %d s\n' "$SECONDS"

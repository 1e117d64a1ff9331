#!/usr/bin/env bash
# Build the macOS app and disk image:
#   packaging/dist/Slope Explorer.app                 (BUNDLE step of the spec)
#   packaging/dist/SlopeExplorer-VERSION-macos-ARCH.dmg (drag-to-Applications image made with hdiutil)
# Needs: python with the app's dependencies and packaging/requirements.txt. The app is not signed or
# notarised: students open it the first time with right-click > Open.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3}
DIST=$ROOT/packaging/dist
VERSION=$("$PYTHON" -c "import sys; sys.path.insert(0, '$ROOT'); import explorer; print(explorer.__version__)")
DMG=$DIST/SlopeExplorer-$VERSION-macos-$(uname -m).dmg
STAGE=$ROOT/packaging/build/dmg

rm -rf "$DIST/Slope Explorer.app" "$DIST/slope-explorer" "$STAGE" "$DMG"
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$DIST" --workpath "$ROOT/packaging/build/pyinstaller" "$ROOT/packaging/slope-explorer.spec"

mkdir -p "$STAGE"
cp -R "$DIST/Slope Explorer.app" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "Slope Explorer" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
echo "built $DMG"

# Build the Windows installer: PyInstaller app folder, then the Inno Setup per-user installer.
#   pwsh packaging/build_windows.ps1
# Needs: python with the app's dependencies (CPU torch) and packaging/requirements.txt; Inno Setup 6 (iscc).
# Output: packaging/dist/slope-explorer/ and packaging/dist/SlopeExplorer-VERSION-windows-x64-setup.exe
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
$Version = (python -c "import sys; sys.path.insert(0, r'$Root'); import explorer; print(explorer.__version__)").Trim()

python -m PyInstaller --noconfirm --log-level WARN `
    --distpath "$Root/packaging/dist" --workpath "$Root/packaging/build/pyinstaller" `
    "$Root/packaging/slope-explorer.spec"
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

$Iscc = (Get-Command iscc -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $Iscc "/DAppVersion=$Version" "$Root/packaging/slope-explorer.iss"
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }

; Inno Setup script for the Windows installer of Slope Explorer (per-user: no admin rights needed).
; Built by packaging/build_windows.ps1 from the PyInstaller app folder packaging/dist/slope-explorer:
;   iscc /DAppVersion=0.1.0 packaging\slope-explorer.iss
; Paths below are relative to this file's folder.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z slope-explorer.iss
#endif

[Setup]
; A fixed AppId: upgrades replace the old install and its uninstaller entry instead of adding one.
AppId={{6F0E1C52-8C3B-4E57-9A3E-5B1D2F7A9C41}
AppName=Slope Explorer
AppVersion={#AppVersion}
AppPublisher=The Slope Explorer developers
AppComments=Type a function and see its derivative
; Students' school laptops rarely give them admin rights: install under %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\Slope Explorer
DefaultGroupName=Slope Explorer
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\resources\icons\org.slopeexplorer.SlopeExplorer.ico
UninstallDisplayIcon={app}\slope-explorer.exe
UninstallDisplayName=Slope Explorer
OutputDir=dist
OutputBaseFilename=SlopeExplorer-{#AppVersion}-windows-x64-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\slope-explorer\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Slope Explorer"; Filename: "{app}\slope-explorer.exe"; Comment: "Type a function and see its derivative"
Name: "{autodesktop}\Slope Explorer"; Filename: "{app}\slope-explorer.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\slope-explorer.exe"; Description: "{cm:LaunchProgram,Slope Explorer}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; The self-test writes its report beside the executable.
Type: files; Name: "{app}\slope-explorer-self-test.txt"

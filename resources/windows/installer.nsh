; Included by electron-builder's NSIS installer (nsis.include in electron-builder.yml), which
; calls customInstall at the end of the install section and customUnInstall before it removes
; the files. The installer is per-machine, so the Run entry is under HKLM and applies to every
; account: at each login Windows runs minsheng-watchdog.vbs, which starts the watchdog (and so
; the kiosk) only for an account with a terminal config in %APPDATA%\minsheng\kiosk.json.
; An update runs the old uninstaller first and then customInstall again, so the entry stays.

!define MINSHENG_RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"
!define MINSHENG_RUN_VALUE "MinshengKioskWatchdog"

!macro customInstall
  ; wscript.exe runs the script without a console window; //B suppresses script error dialogs.
  WriteRegStr HKLM "${MINSHENG_RUN_KEY}" "${MINSHENG_RUN_VALUE}" '"$WINDIR\System32\wscript.exe" //B //NoLogo "$INSTDIR\resources\windows\minsheng-watchdog.vbs"'
!macroend

!macro customUnInstall
  DeleteRegValue HKLM "${MINSHENG_RUN_KEY}" "${MINSHENG_RUN_VALUE}"
!macroend

' Starts the kiosk under its watchdog at login, without a console window. The installer
' registers it in HKLM\Software\Microsoft\Windows\CurrentVersion\Run (resources\windows\installer.nsh).
' An account without a terminal config in %APPDATA%\minsheng\kiosk.json is not a kiosk account,
' and nothing starts. The watchdog runs on the app's own executable in Node mode
' (ELECTRON_RUN_AS_NODE=1) and starts the kiosk from it without that variable.
Option Explicit

Dim shell, files, config, windowsDir, appDir, command
Set shell = CreateObject("WScript.Shell")
Set files = CreateObject("Scripting.FileSystemObject")

config = shell.ExpandEnvironmentStrings("%APPDATA%") & "\minsheng\kiosk.json"
If Not files.FileExists(config) Then WScript.Quit 0

' This script is <app>\resources\windows\minsheng-watchdog.vbs.
windowsDir = files.GetParentFolderName(WScript.ScriptFullName)
appDir = files.GetParentFolderName(files.GetParentFolderName(windowsDir))

shell.Environment("PROCESS")("ELECTRON_RUN_AS_NODE") = "1"
command = """" & appDir & "\minsheng-kiosk.exe"" """ & appDir & "\resources\app.asar\bin\minsheng.js"" watchdog --config """ & config & """"
' Window style 0: hidden. False: do not wait, so wscript.exe exits at once.
shell.Run command, 0, False

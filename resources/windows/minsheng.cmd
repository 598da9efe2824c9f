@echo off
rem The minsheng command of an installed kiosk: the CLI on the app's own executable in Node
rem mode (ELECTRON_RUN_AS_NODE=1), so a terminal needs no Node.js. This file is
rem <app>\resources\windows\minsheng.cmd; run it by its full path or add its folder to PATH.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\..\minsheng-kiosk.exe" "%~dp0..\app.asar\bin\minsheng.js" %*
exit /b %ERRORLEVEL%

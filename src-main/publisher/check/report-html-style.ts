// The inline style sheet of report.html. Fonts fall back to the Chinese system fonts of Windows,
// macOS and Debian. Problems get a red border and a "问题" label, so colour is never the only sign.
export const REPORT_STYLE = `
body { margin: 0; background: #fff; color: #1a1a1a; font: 18px/1.6 "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 32px; margin: 0 0 16px; }
h2 { font-size: 26px; margin: 40px 0 12px; padding-bottom: 4px; border-bottom: 2px solid #1a1a1a; }
h3 { font-size: 22px; margin: 28px 0 8px; }
h4 { font-size: 19px; margin: 20px 0 6px; }
h5 { font-size: 18px; margin: 14px 0 4px; }
a { color: #0b4f9c; }
:target { background: #fff3b0; outline: 2px solid #8a6d00; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #8c8c8c; padding: 4px 10px; text-align: left; vertical-align: top; }
thead th { background: #e8e8e8; white-space: nowrap; }
tbody tr:nth-child(even) { background: #f6f6f6; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
table.rejections td:last-child { max-width: 560px; }
td { overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
dt { font-weight: bold; }
dd { margin: 0; }
dd ul { margin: 0; padding-left: 20px; }
.verdict { font-size: 20px; padding: 8px 12px; border: 2px solid #2e6b30; }
.verdict.problem { border-color: #b00020; }
ul.notices { padding-left: 20px; }
ul.notices li.problem { color: #b00020; }
section.table { border-top: 1px solid #8c8c8c; margin-top: 24px; }
ol.warnings > li { margin-bottom: 12px; }
ol.warnings p { margin: 0; }
ul.row-links { margin: 0; padding-left: 20px; }
.cited-by { color: #4a4a4a; margin-left: 8px; }
.more { font-style: italic; }
nav ul { columns: 2; }
`;

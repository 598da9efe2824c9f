// Messages of `minsheng check`: report. See check.ts.
export default {};

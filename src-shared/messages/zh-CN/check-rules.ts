// Messages of `minsheng check`: rules. See check.ts.
export default {};

// Messages of `minsheng check`: import. See check.ts.
export default {};

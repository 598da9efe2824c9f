// Messages of the department-file import. The cell cleaners' repair.* and reject.* keys live in
// import-cells.ts; file-level messages of the readers go here.
import cells from './import-cells.js';

export default {
  ...cells,
};

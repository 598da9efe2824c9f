// Texts of the board lists, record details and village finance screens.
export default {} as const;

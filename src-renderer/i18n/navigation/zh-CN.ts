// Texts of the board menu, region picker, search screen and source line.
export default {} as const;

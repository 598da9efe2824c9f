export default {
  usage: 'Usage: minsheng <command> [options]   (--lang zh-CN for Chinese, the default)',
  helpFooter: 'Add --help to any command to see its options.',
  unknownCommand: 'Unknown command "{{name}}". Run minsheng --help to list the commands.',
  seeHelp: 'Run minsheng {{name}} --help for its usage.',
  unknownOption: 'Unknown option {{option}}.',
  optionValueMissing: 'Option {{option}} needs a value.',
  optionValueNegative: 'Option {{option}} got {{value}}, a negative number, which no option takes. Give a whole number within the range that --help lists for {{option}}.',
  missingOption: 'Missing required option {{option}}.',
  invalidInteger: 'Invalid value "{{value}}" for {{option}}: expected an integer of at least {{minimum}}.',
} as const;

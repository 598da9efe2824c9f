export default {
  usage: '用法：minsheng <命令> [选项]   （加 --lang en 显示英文）',
  helpFooter: '每个命令加 --help 查看其选项。',
  unknownCommand: '未知命令“{{name}}”。运行 minsheng --help 查看全部命令。',
  seeHelp: '运行 minsheng {{name}} --help 查看用法。',
  unknownOption: '没有 {{option}} 这个选项。',
  optionValueMissing: '选项 {{option}} 需要一个值。',
  optionValueNegative: '选项 {{option}} 的值 {{value}} 是负数，没有选项接受负数。请按 --help 中 {{option}} 的范围给出整数。',
  missingOption: '缺少必填选项 {{option}}。',
  invalidInteger: '选项 {{option}} 的值“{{value}}”无效：应为不小于 {{minimum}} 的整数。',
} as const;

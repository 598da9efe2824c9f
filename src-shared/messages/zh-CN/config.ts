export default {
  invalid: '终端配置文件 {{file}} 有 {{count}} 处错误，请逐条修改后重新启动：',
  fieldProblem: '字段 {{field}} 的值 {{value}} 无效：{{detail}}',
  absent: '（缺失）',
  unreadable: '无法读取终端配置文件 {{file}}：{{reason}}。请检查路径和文件权限。',
  notJson: '终端配置文件 {{file}} 不是有效的 JSON：{{reason}}。请用 kiosk-config/example.json 对照修改。',
} as const;

// Messages of `minsheng check` on the command line, and of publish and preview when they check a
// folder of department files. See check.ts.
export default {
  command: {
    summary: '检查一个文件夹里各部门报来的表格：导入、清洗、校验、信息比对，并写出报告',
    help: [
      '用法：minsheng check --data 文件夹 --report 报告文件夹 [--rules 规则文件] [--mapping 表头对照文件] [--out 标准数据文件夹]',
      '',
      '  --data     各部门报来的表格（.xlsx、.csv），以及 regions.csv 和 subsidy_items.csv',
      '  --report   报告写到这里：report.html 给人看，rejections.csv、repairs.csv、warnings.csv、summary.csv 给程序用',
      '  --rules    信息比对规则文件（JSON）；不给出时，用数据文件夹里的 check-rules.json，没有就用默认规则',
      '  --mapping  本县的表头对照文件（JSON），用于内置表头认不出的列',
      '  --out      把接收的行写成标准数据文件夹（persons.csv、payments.csv 等），可直接用于 publish',
      '',
      '有行被拒收或有文件读不了时，退出码为 1；只有比对提醒时为 0。',
    ].join('\n'),
    checked: '已检查 {{dir}}',
    rows: '共 {{tables}} 张表，读入 {{read}} 行：接收 {{accepted}} 行（其中修正过 {{repaired}} 行），拒收 {{rejected}} 行。',
    failure: '读不了：{{problem}}',
    ruleWarnings: '比对“{{rule}}”：{{count}} 条提醒',
    ruleSkipped: '比对“{{rule}}”没有运行：{{reason}}',
    report: '完整报告：{{dir}}/report.html（表格文件也在这个文件夹里）',
    passed: '全部行已接收。请看一遍比对提醒，再用 minsheng preview 预览、用 minsheng publish 发布。',
    rejected: '有行被拒收或有文件读不了。请按报告逐条改正原表格后重新检查。',
    writeFailed: '无法写入 {{dir}}（{{reason}}）。请换一个有写入权限、空间足够的文件夹。',
    outIsDataDir: '--out 的文件夹 {{dir}} 就是被检查的文件夹。请另选一个空文件夹。',
    outWritten: '接收的行已写成标准数据文件夹：{{dir}}',
    rulesFileInvalid: '规则文件 {{file}} 有误，检查没有进行：',
    standardFolder: '{{dir}} 里是标准数据文件（persons.csv、payments.csv），不是部门表格。标准数据由 minsheng publish 和 minsheng preview 直接校验。',
    publishRejected: '部门表格中有行被拒收，没有生成数据包。请用 minsheng check --report 查看完整报告并改正；如确需只发布已接收的行，请加 --accepted-only。',
    acceptedOnly: '按 --accepted-only 只发布已接收的行，拒收的 {{rejected}} 行没有发布。',
    previewRejected: '部门表格中有行被拒收，无法预览。请用 minsheng check --report 查看完整报告并改正；如确需只预览已接收的行，请加 --accepted-only。',
  },
} as const;

// `minsheng demo-data`（生成演示户籍与发放数据）的提示信息。
export default {
  summary: '为一个县生成演示家庭、补贴发放和各公开栏目的数据（数据标准 v1 和 v2 的 CSV 文件）',
  help: [
    '用法：minsheng demo-data --county 县代码 --out 文件夹 [选项]',
    '',
    '在一个县的真实村（社区）上生成人员，写出 regions.csv、subsidy_items.csv、persons.csv 和',
    'payments.csv，并按 --boards 写出数据标准 v2 的 13 个文件和 documents/ 文件夹（公告正文、图片、',
    'PDF 附件和现场照片）。相同的选项总是生成逐字节相同的文件；只有 --year-to 为今年时，',
    '公开栏目的日期止于今天，所以每天生成的文件不同。',
    '所有人员均为生成数据；金额是演示参数，不是公布的标准。',
    '',
    '  --county 县代码      6 位县级区划代码，如 431226（麻阳）或 433122（泸溪）',
    '  --out 文件夹         输出文件夹；不存在时自动创建，四个文件会被替换',
    '  --households 户数    家庭户数，1-{{maxHouseholds}}（默认 {{defaultHouseholds}}）',
    '  --seed 种子          非负整数随机种子（默认 {{defaultSeed}}）',
    '  --year-from 年份     发放起始年份（默认 {{defaultYearFrom}}）',
    '  --year-to 年份       发放截止年份，与起始年份相差不超过 {{maxYears}} 年，',
    '                       且不晚于今年（默认 {{defaultYearTo}}）',
    '  --regions 文件       区划代码 CSV（code,name,parent_code,level）；默认使用随程序发布的副本',
    '  --items 文件         含演示参数列的补贴项目 CSV；默认使用随程序发布的副本',
    '  --boards 规模        公开栏目数据量（默认 {{defaultBoards}}）：small 为随程序发布的演示规模，',
    '                       county 为全县实际规模（每村每年数千笔收支，全县数百个项目），',
    '                       none 不写数据标准 v2 文件，并删除上次生成的这些文件',
  ].join('\n'),
  done: [
    '已生成 {{countyCode}} {{countyName}} 的演示数据，发放年份 {{yearFrom}}-{{yearTo}}：',
    '  家庭：{{households}} 户，分布在 {{villages}} 个村和社区',
    '  人员：{{persons}} 人',
    '  发放：{{payments}} 笔，合计 {{totalYuan}} 元',
    '  文件夹：{{outDir}}',
  ].join('\n'),
  boardsDone: [
    '  公开栏目（{{scale}}）：项目 {{projects}} 个，进度报告 {{progressReports}} 条，资金分配 {{allocations}} 条，',
    '    脱贫户和监测户 {{povertyHouseholds}} 户，村级收支 {{ledgerEntries}} 笔，资产资源合同 {{contracts}} 份，',
    '    公告 {{notices}} 篇，投诉办理结果 {{complaints}} 件，问责通报 {{accountability}} 件，',
    '    documents/ 中 {{documents}} 个文件，共 {{documentMegabytes}} MB',
  ].join('\n'),
  fileUnreadable: '无法读取 {{file}}：{{reason}}。请检查路径和文件权限。',
  csvInvalid: '{{file}} 不是有效的 CSV 文件：{{reason}}。请另存为带表头的 UTF-8 CSV。',
  csvEmpty: '{{file}} 没有数据行。请提供带表头且至少有一行数据的 CSV 文件。',
  csvMissingColumn: '{{file}} 缺少列“{{column}}”（现有表头：{{header}}）。请补上该列或选择正确的文件。',
  regionRowInvalid:
    '{{file}} 第 {{line}} 行：{{column}} 的值“{{value}}”无效。级别应为 province、city、county、township 或 village，代码依次为 2、4、6、9 或 12 位数字。',
  itemRowInvalid:
    '{{file}} 第 {{line}} 行：{{column}} 的值“{{value}}”无效。项目代码由字母、数字或 _ 组成且不重复；cadence 为 yearly、monthly 或 once；unit 为 per_person、per_household 或 per_mu；金额为正的元金额，比例为 0 到 1 的小数。',
  countyNotFound:
    '县 {{county}} 不在 {{file}} 中。该文件中的县：{{available}}。请从中选择，或用 --regions 指定其他区划文件。',
  noVillages:
    '{{file}} 中没有县 {{county}} 的村或社区（虚拟社区不计）。请使用列出其村级单位的区划文件。',
  tooManyHouseholds:
    '{{households}} 户无法分布到 {{villages}} 个村：每个村最多 {{limit}} 户。请减小 --households。',
  outputFailed: '无法写入输出文件夹 {{dir}}：{{reason}}。请检查文件夹是否可写、磁盘空间是否充足。',
  invalidOption: '选项 {{option}} 的值“{{value}}”无效：应为 {{expected}}。',
  unexpectedArgument: '多余的参数“{{value}}”：demo-data 只接受选项，如 --county 431226。',
} as const;

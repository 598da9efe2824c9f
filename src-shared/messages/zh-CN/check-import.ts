// Messages of `minsheng check`: import of a folder of department files. See check.ts.
export default {
  folder: {
    skippedFile: '{{file}} 不是表格文件，已跳过。',
    linkedTable: '{{file}} 是指向 {{target}} 的链接（快捷方式），检查不跟随链接，这个表格没有检查，其中的行也不会发布。请把 {{target}} 本身复制到数据文件夹，替换这个链接后重新检查。',
    skippedLink: '{{file}} 是指向 {{target}} 的链接（快捷方式），检查不跟随链接，已跳过。如要检查该文件，请把 {{target}} 本身复制到数据文件夹。',
    skippedFolder: '子文件夹 {{file}} 未读取：只读取数据文件夹第一层的文件和 documents 文件夹。',
    unreadable: '无法读取数据文件夹 {{dir}}（{{reason}}）。请核对路径，并确认有读取权限。',
    mixed:
      '{{dir}} 中既有标准数据文件（{{standardFiles}}），又有部门文件（{{departmentFiles}}）。请把部门文件和标准数据文件放在不同的文件夹中，分别检查。',
    noDepartmentFiles: '{{dir}} 中没有部门文件（.xlsx、.xlsm、.csv、.txt、.tsv）。请把部门导出的表格放在数据文件夹的第一层。',
    missingReference: '{{dir}} 中缺少 {{file}}。请放入本县的 {{file}}（格式见数据标准），才能把行政村名称和补贴项目对应到代码。',
    referenceInvalid: '{{file}} 有错误：{{problem}}',
    moreReferenceErrors: '参考文件还有 {{count}} 个错误未列出。请先改正上面列出的错误后再检查。',
  },
  table: {
    notMapped:
      '{{problems}} 因此该表既不能作为发放明细导入，也不能作为人员名册导入，已跳过。请在表中补上缺少的列，或在表头对照文件中为部门自己的列名指定字段。',
  },
  standardise: {
    notStandard: '{{column}}“{{value}}”不符合数据标准，发布时会被拒绝：{{problem}}请在原表中改正后重新检查。',
    unknownVillage: '在 regions.csv 中找不到村（社区）“{{village}}”。请核对村名，或在 regions.csv 中补上该村。',
    unknownTownship: '在 regions.csv 中找不到乡镇“{{township}}”（村“{{village}}”）。请核对乡镇名称。',
    villageNotInTownship: '村“{{village}}”不属于乡镇“{{township}}”，regions.csv 中该村属于：{{townships}}。请核对乡镇或村名。',
    ambiguousVillage: '村名“{{village}}”对应多个村：{{choices}}。请在表中加上“乡镇”列，以区分同名的村。',
    missingVillage: '此人是户主，但该行没有村（社区）名称，无法确定其住户所在的村。请填写“村”列。',
    unknownItem: '在 subsidy_items.csv 中找不到补贴项目“{{item}}”。请核对项目名称或编码，或在 subsidy_items.csv 中补上该项目。',
    unknownRelation: '“与户主关系”的值“{{relation}}”无法识别。请填写以下之一：{{allowed}}。',
    headOwnRelation: '户主身份证号是本人的身份证号，但“与户主关系”填的是“{{relation}}”。户主本人应填“户主”。',
    headOfOther: '“与户主关系”填的是“户主”，但户主身份证号（{{head}}）是另一个人的。请核对这两列。',
    headNotFound: '户主（身份证号 {{head}}）不在任何已接受的行中，该户没有户主，此行不能导入。请在人员名册中补上户主的行，或改正户主那一行的问题。',
    personNotAccepted: '此人（身份证号 {{idNumber}}）的人员信息未被接受（见 {{file}} 第 {{row}} 行的问题），此行的发放记录不能导入。',
  },
};

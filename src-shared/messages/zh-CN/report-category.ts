// Names of the report categories, as the receipt prints them and the receiver's export lists them.
export default {
  'payment-wrong': '补贴金额不对',
  'payment-missing': '该发的没发',
  project: '项目和工程问题',
  finance: '村级财务问题',
  conduct: '干部作风问题',
  other: '其他问题',
} as const;

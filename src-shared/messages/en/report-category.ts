// Names of the report categories, as the receipt prints them and the receiver's export lists them.
export default {
  'payment-wrong': 'Wrong subsidy amount',
  'payment-missing': 'Payment not received',
  project: 'Projects and works',
  finance: 'Village finances',
  conduct: 'Conduct of officials',
  other: 'Other',
} as const;

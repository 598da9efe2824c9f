// Messages of `minsheng check`: the comparison rules (rules.*: warnings and why a rule was skipped),
// the county's rules file (rulesFile.*) and the lists the rules read (lists.*). See check.ts.
// {{id}} is always a masked ID number; amounts are yuan with two decimals.
const whoItem = '"{{item}}" for {{name}} (ID number {{id}})';
const paidAfter = 'Payments after that date: {{payments}}, {{total}} yuan in all ({{firstPaidOn}} to {{lastPaidOn}})';
const paidTotal = 'Payments: {{payments}}, {{total}} yuan in all ({{firstPaidOn}} to {{lastPaidOn}})';
const rulesFileFix = 'Correct it and check again.';

export default {
  rules: {
    duplicatePayment: {
      found: `${whoItem} was paid {{payments}} times for period {{period}}: amounts {{amounts}} yuan, paid on {{dates}}. Check whether it was paid twice.`,
    },
    aboveStandard: {
      rulesFile: `${whoItem}, period {{period}} (paid on {{paidOn}}): {{amount}} yuan is above the standard of {{standard}} yuan in the rules file, by {{excess}} yuan. Check the amount.`,
      catalogue: `${whoItem}, period {{period}} (paid on {{paidOn}}): {{amount}} yuan is above the standard of {{standard}} yuan in the item catalogue, by {{excess}} yuan. Check the amount.`,
      invalidCatalogueStandard:
        'Row {{row}} of {{file}}: the standard_amount "{{value}}" of item {{item}} is not an amount in yuan, so payments of the item were not compared with a standard. Write a number such as 125.80 (at most two decimals).',
    },
    afterDeathOrMove: {
      death: `${whoItem}: the list records a death on {{leftOn}}. ${paidAfter}. Check and recover the payments.`,
      moveAway: `${whoItem}: the list records moving away on {{leftOn}}. ${paidAfter}. Check whether the payments were still due.`,
      deregistered: `${whoItem}: the list records deregistration on {{leftOn}}. ${paidAfter}. Check whether the payments were still due.`,
      other: `${whoItem}: the list records "{{type}}" on {{leftOn}}. ${paidAfter}. Check whether the payments were still due.`,
    },
    sharedIdNumber: {
      severalHeads: 'ID number {{id}} is the head of household in {{heads}} households (names: {{names}}). Check whether a household was registered twice or the ID number was typed wrongly.',
      severalHouseholds: 'ID number {{id}} appears in {{households}} households (names: {{names}}). A person belongs to one household only; check and correct it.',
      differentRows: 'The ID number {{id}} is given with different names or villages (names: {{names}}; villages: {{villages}}); the first row, "{{name}}", was kept. Check that these rows are the same person and the ID number is right.',
      differentRowsRejected: 'The ID number {{id}} is given with different names or villages (names: {{names}}; villages: {{villages}}). The person was not accepted; the rejected rows of the report say why. Check that these rows are the same person and the ID number is right.',
    },
    officialRecipient: {
      self: `${whoItem}: the recipient is a village official ({{post}}). ${paidTotal}. Check that the award was reviewed and announced publicly.`,
      relative: `${whoItem}: the recipient is the {{relation}} of a village official ({{post}}). ${paidTotal}. Check that the award was reviewed and announced publicly.`,
      relativeOfNamed: `${whoItem}: the recipient is the {{relation}} of village official {{official}} ({{post}}). ${paidTotal}. Check that the award was reviewed and announced publicly.`,
    },
    stoppedRecurring: {
      found: `${whoItem} was paid in each of {{periods}} periods from {{from}} to {{to}}, but not in the newest period {{newest}}. Check whether it was stopped by mistake, for example after a wrong death record.`,
      listed: `${whoItem} was paid in each of {{periods}} periods from {{from}} to {{to}}, but not in the newest period {{newest}}; the list records "{{type}}" on {{leftOn}}. Check that the list is right.`,
    },
    skipped: {
      disabled: 'The rules file {{file}} switches this rule off.',
      noList: 'The rules file names no list ({{key}}), so this rule did not run. To run it, name the list file in the rules file.',
      listUnusable: 'The list {{file}} cannot be used (see the files that could not be read), so this rule did not run.',
      noStandards: 'No subsidy item has a standard amount, so this rule did not run. Set standards in aboveStandard.standards of the rules file, or in the standard_amount column of subsidy_items.csv.',
    },
  },
  rulesFile: {
    notFound: 'Rules file {{file}} not found. Check the path.',
    readFailed: 'Cannot read rules file {{file}} ({{reason}}). Check that it can be read.',
    notJson: 'Rules file {{file}} is not valid JSON ({{reason}}). Check the quotes, commas and brackets.',
    unknownKey: `Rules file {{file}}: unknown key {{key}}. Allowed here: {{allowed}}. Remove or correct the key. ${rulesFileFix}`,
    wrongTypeBoolean: `Rules file {{file}}: {{key}} is {{value}}, but must be true (on) or false (off), without quotes. ${rulesFileFix}`,
    wrongTypeAmount: `Rules file {{file}}: {{key}} is {{value}}, but a standard must be an amount in yuan in quotes, such as "125.80". ${rulesFileFix}`,
    wrongTypeText: `Rules file {{file}}: {{key}} is {{value}}, but must be text in quotes, such as "lists/departed.xlsx". ${rulesFileFix}`,
    wrongTypeObject: `Rules file {{file}}: {{key}} is {{value}}, but must be an object in braces, such as {"enabled": true}. ${rulesFileFix}`,
    minPeriodsOutOfRange: `Rules file {{file}}: {{key}} is {{value}}, but must be a whole number from {{lowest}} to {{highest}}. ${rulesFileFix}`,
    unknownItem: `Rules file {{file}}: the item code {{value}} in {{key}} is not in subsidy_items.csv. Known codes: {{items}}. ${rulesFileFix}`,
    invalidStandard: `Rules file {{file}}: {{key}} is {{value}}, which is not an amount in yuan. Write a number such as "125.80" (at most two decimals, no unit). ${rulesFileFix}`,
    emptyListPath: 'Rules file {{file}}: {{key}} is empty. Write the path of the list file (relative to the rules file\'s folder), or remove the key.',
    listNotFound: 'Rules file {{file}}: the list {{value}} named by {{key}} does not exist. Check the path (relative to the rules file\'s folder).',
    listNotAFile: 'Rules file {{file}}: {{value}}, named by {{key}}, is not a file. Write the path of the list file itself.',
    listReadFailed: 'Rules file {{file}}: cannot read the list {{value}} named by {{key}} ({{reason}}). Check that it can be read.',
  },
  lists: {
    notMapped: 'The list {{file}} cannot be used: {{problems}}',
  },
};

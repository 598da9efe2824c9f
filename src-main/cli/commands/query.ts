// `minsheng query`: the kiosk's household lookup from the command line, for technicians
// checking an installed snapshot and for tests. Prints masked names only; the ID number is
// echoed masked.
import path from 'node:path';
import { maskIdNumber, normalizeIdInput } from '../../../src-shared/id-number.js';
import type { Household } from '../../../src-shared/kiosk-api.js';
import { formatFenAsYuan } from '../../../src-shared/money.js';
import type { Translate } from '../../../src-shared/messages/translator.js';
import { lookupHousehold } from '../../core/kiosk-service.js';
import { pointerOrNull, snapshotFileOf } from '../../core/data-folder/pointer.js';
import { openSnapshot } from '../../core/store.js';
import type { Command, CommandContext } from '../command.js';
import { parseOptions, requireOption } from '../command.js';
import { RELATION_KEYS } from '../../../src-shared/relation.js';

/** Returns a relation in the CLI's language; a value outside the standard's list is shown as it is. */
function relationText(relation: string, t: Translate): string {
  const key = RELATION_KEYS[relation];
  return key ? t(`query:relation.${key}`) : relation;
}

function formatHousehold(household: Household, t: Translate): string {
  const lines = [
    t('query:household', {
      village: household.villageName,
      township: household.townshipName,
      county: household.countyName,
      villageCode: household.villageCode,
    }),
    t('query:members'),
  ];
  for (const member of household.members) {
    const key = member.isQueried ? 'query:memberQueried' : 'query:member';
    lines.push(t(key, { name: member.maskedName, relation: relationText(member.relation, t) }));
  }

  lines.push(t('query:payments'));
  if (household.payments.length === 0) lines.push(t('query:noPayments'));
  for (const payment of household.payments) {
    lines.push(
      t('query:payment', {
        paidOn: payment.paidOn,
        item: payment.itemName,
        amount: formatFenAsYuan(payment.amountFen),
        amountFen: payment.amountFen,
        period: payment.period,
        department: payment.department,
      }),
    );
  }

  lines.push(
    t('query:total', {
      amount: formatFenAsYuan(household.totalFen),
      totalFen: household.totalFen,
      count: household.payments.length,
    }),
  );
  return lines.join('\n');
}

const command: Command = {
  summaryKey: 'query:summary',

  async run(argv: string[], context: CommandContext): Promise<number> {
    const { values } = parseOptions(argv, {
      'data-dir': { type: 'string' },
      'id-number': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      context.stdout.write(`${context.t('query:help')}\n`);
      return 0;
    }

    const dataDir = path.resolve(requireOption(values, 'data-dir', context));
    // An empty --id-number is a lookup problem ("empty"), not a missing option.
    const idNumber = values['id-number'];
    if (idNumber === undefined) requireOption(values, 'id-number', context);
    const maskedInput = maskIdNumber(normalizeIdInput(idNumber ?? ''));

    const pointer = pointerOrNull(dataDir, 'current');
    if (pointer === null) {
      context.stderr.write(`${context.t('query:missingDb', { dir: dataDir })}\n`);
      return 1;
    }
    const dbFile = snapshotFileOf(dataDir, pointer);

    let result;
    try {
      const db = openSnapshot(dbFile);
      try {
        result = lookupHousehold(db, idNumber ?? '');
      } finally {
        db.close();
      }
    } catch (error) {
      context.stderr.write(`${context.t('query:unreadableDb', { file: dbFile, reason: (error as Error).message })}\n`);
      return 1;
    }

    if (values.json) context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);

    switch (result.status) {
      case 'found':
        if (!values.json) context.stdout.write(`${formatHousehold(result.household, context.t)}\n`);
        return 0;
      case 'invalid':
        context.stderr.write(
          `${context.t('query:invalid', { value: maskedInput, problem: context.t(`query:problem.${result.problem}`) })}\n`,
        );
        return 1;
      case 'not-found':
      case 'no-data':
        context.stderr.write(`${context.t('query:notFound', { value: maskedInput, file: dbFile })}\n`);
        return 1;
    }
  },
};

export default command;

// Who receives each subsidy item in demo data. The catalogue gives cadence, unit, amount and
// the target share of households. These rules add the plausible eligibility (age, disability,
// land, hardship) that the catalogue columns do not describe. Items missing from the
// table follow a generic rule derived from their unit.
import type { SubsidyItem } from './reference-data.js';

export type Recipients =
  // The household head alone (per_household and per_mu items).
  | 'head'
  // Every member born by the period.
  | 'members'
  // Members aged 60 or more, or 80 or more, in the period.
  | 'aged60'
  | 'aged80'
  // Head and spouse aged 60 or more, in households with at most two children.
  | 'parents60'
  // Children aged 6 to 15 in the year: compulsory-education age.
  | 'school'
  // Members with any disability, or with a severe one.
  | 'disabled'
  | 'severelyDisabled'
  // The head of a one-person household aged 60 or more or disabled.
  | 'aloneWithoutSupport';

// Effect of hardship on the chance of selection. 'poor' favours households with little income,
// 'betterOff' those with more and 'any' ignores it. 'universal' pays everyone eligible.
export type Targeting = 'poor' | 'betterOff' | 'any' | 'universal';

export type LandKind = 'farmland' | 'forest' | 'returnedFarmland';

export interface ItemRule {
  recipients: Recipients;
  targeting: Targeting;
  // The land whose area in mu multiplies the rate, for per_mu items.
  land?: LandKind;
  // Estimated share of all households that pass the eligibility check. Selection among them
  // is scaled by it, so the overall share of recipients comes close to the catalogue's.
  eligibleShare: number;
  // Selected households stay enrolled for the whole period ('stable') or join and leave.
  enrolment: 'stable' | 'varies';
  // Months (inclusive) in which a yearly item is paid.
  yearlyMonths: readonly [number, number];
  // Other item codes this item replaces: a person supported as 特困 does not also receive 低保.
  replaces?: readonly string[];
}

const KNOWN_RULES: Record<string, ItemRule> = {
  // 耕地地力保护补贴: every household with contracted farmland, paid in spring.
  GDDL: { recipients: 'head', targeting: 'any', land: 'farmland', eligibleShare: 0.8, enrolment: 'stable', yearlyMonths: [4, 6] },
  NCDB: { recipients: 'members', targeting: 'poor', eligibleShare: 1, enrolment: 'varies', yearlyMonths: [1, 12] },
  TKGY: {
    recipients: 'aloneWithoutSupport',
    targeting: 'poor',
    eligibleShare: 0.09,
    enrolment: 'varies',
    yearlyMonths: [1, 12],
    replaces: ['NCDB'],
  },
  CJSH: { recipients: 'disabled', targeting: 'poor', eligibleShare: 0.08, enrolment: 'varies', yearlyMonths: [1, 12] },
  CJHL: { recipients: 'severelyDisabled', targeting: 'any', eligibleShare: 0.03, enrolment: 'stable', yearlyMonths: [1, 12] },
  CXYL: { recipients: 'aged60', targeting: 'universal', eligibleShare: 1, enrolment: 'stable', yearlyMonths: [1, 12] },
  GLJT: { recipients: 'aged80', targeting: 'universal', eligibleShare: 1, enrolment: 'stable', yearlyMonths: [1, 12] },
  STGY: { recipients: 'head', targeting: 'any', land: 'forest', eligibleShare: 0.3, enrolment: 'stable', yearlyMonths: [9, 12] },
  TGHL: {
    recipients: 'head',
    targeting: 'any',
    land: 'returnedFarmland',
    eligibleShare: 0.1,
    enrolment: 'stable',
    yearlyMonths: [9, 12],
  },
  WFGZ: { recipients: 'head', targeting: 'poor', eligibleShare: 1, enrolment: 'stable', yearlyMonths: [3, 11] },
  // Paid in the autumn term.
  YWJY: { recipients: 'school', targeting: 'poor', eligibleShare: 0.3, enrolment: 'varies', yearlyMonths: [9, 11] },
  JSJL: { recipients: 'parents60', targeting: 'any', eligibleShare: 0.4, enrolment: 'stable', yearlyMonths: [3, 6] },
  NJGZ: { recipients: 'head', targeting: 'betterOff', land: 'farmland', eligibleShare: 0.8, enrolment: 'stable', yearlyMonths: [3, 11] },
  LSJZ: { recipients: 'head', targeting: 'poor', eligibleShare: 1, enrolment: 'stable', yearlyMonths: [1, 12] },
  CYJB: { recipients: 'head', targeting: 'poor', eligibleShare: 1, enrolment: 'varies', yearlyMonths: [6, 12] },
};

/** Returns the rule for an item: the known one by code, else a generic one by unit. */
export function ruleFor(item: SubsidyItem): ItemRule {
  const known = KNOWN_RULES[item.itemCode];
  if (known) return known;

  const generic = { targeting: 'any', eligibleShare: 1, enrolment: 'stable', yearlyMonths: [3, 11] } as const;
  if (item.unit === 'per_mu') return { ...generic, recipients: 'head', land: 'farmland', eligibleShare: 0.8 };
  if (item.unit === 'per_household') return { ...generic, recipients: 'head' };
  return { ...generic, recipients: 'members' };
}

/**
 * Returns how much hardship (0 = well off, 1 = poorest) multiplies the chance of selection.
 * Both curves average 1 over uniformly drawn hardship, so they keep the catalogue's share.
 */
export function targetingWeight(targeting: Targeting, hardship: number): number {
  if (targeting === 'poor') return 3 * hardship * hardship;
  if (targeting === 'betterOff') return 3 * (1 - hardship) * (1 - hardship);
  return 1;
}

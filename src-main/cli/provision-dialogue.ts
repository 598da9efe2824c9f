// The question-and-answer form of `minsheng provision`. It asks for what the command line left
// out: the required values and the choices every installation makes (printer, restart window,
// admin PIN, reporting, fleet heartbeat). Tuning values such as the watchdog limits keep their
// defaults unless given as options. Each step fills one or more options, so a problem found
// later can send the technician back to exactly that step.
import { ADMIN_PIN_MAX, ADMIN_PIN_MIN } from '../../src-shared/admin-api.js';
import type { Translate } from '../../src-shared/messages/translator.js';
import { parseYesNo } from '../core/provision/build-config.js';
import type { ProvisionProblem } from '../core/provision/build-config.js';
import { PIN_FIELD } from '../core/provision/options.js';
import type { ProvisionAnswers, ProvisionOptionName, ProvisionPin } from '../core/provision/options.js';
import { checkPin, describePinProblem } from '../core/provision/pin-rules.js';
import type { Prompter } from './prompter.js';

/** The answers gathered so far, from options and prompts. */
export interface DialogueState {
  answers: ProvisionAnswers;
  pin?: ProvisionPin;
}

interface DialogueStep {
  /** The options this step sets; it is skipped when the command line gave any of them. */
  options: ProvisionOptionName[];
  /** The step asks for the admin PIN. */
  asksPin?: boolean;
  ask(prompter: Prompter, state: DialogueState, t: Translate): Promise<void>;
}

/** Asks one question for `name`; an empty answer leaves the option out. Returns the answer. */
async function askOption(name: ProvisionOptionName, questionKey: string, prompter: Prompter, state: DialogueState, t: Translate): Promise<string> {
  const answer = (await prompter.ask(t(questionKey))).trim();
  if (answer === '') delete state.answers[name];
  else state.answers[name] = answer;
  return answer;
}

function singleStep(name: ProvisionOptionName, questionKey: string): DialogueStep {
  return { options: [name], ask: async (prompter, state, t) => void (await askOption(name, questionKey, prompter, state, t)) };
}

const trustStep: DialogueStep = {
  options: ['trust', 'root-key', 'threshold'],
  async ask(prompter, state, t) {
    if ((await askOption('trust', 'provision:prompt.trust', prompter, state, t)) !== '') return;

    const rootKeys: string[] = [];
    for (;;) {
      const file = (await prompter.ask(t('provision:prompt.rootKey'))).trim();
      if (file === '') break;
      rootKeys.push(file);
    }
    if (rootKeys.length === 0) return;
    state.answers['root-key'] = rootKeys;
    await askOption('threshold', 'provision:prompt.threshold', prompter, state, t);
  },
};

const printerStep: DialogueStep = {
  options: ['printer', 'printer-layout', 'printer-name'],
  async ask(prompter, state, t) {
    const answer = await askOption('printer', 'provision:prompt.printer', prompter, state, t);
    // "no" means no printer section at all; text that is neither yes nor no is left for the check.
    if (parseYesNo(answer) === false) delete state.answers.printer;
    if (parseYesNo(answer) !== true) return;
    await askOption('printer-layout', 'provision:prompt.printerLayout', prompter, state, t);
    await askOption('printer-name', 'provision:prompt.printerName', prompter, state, t);
  },
};

/** Asks for the PIN twice, without echo, until it follows the rules and both entries match. */
async function askPin(prompter: Prompter, t: Translate): Promise<string | null> {
  const limits = { min: ADMIN_PIN_MIN, max: ADMIN_PIN_MAX };
  for (;;) {
    const pin = (await prompter.ask(t('provision:prompt.pin', limits), { secret: true })).trim();
    if (pin === '') return null;

    const problem = checkPin(pin);
    if (problem !== null) {
      prompter.say(describePinProblem(problem, t));
      continue;
    }
    if ((await prompter.ask(t('provision:prompt.pinRepeat'), { secret: true })).trim() === pin) return pin;
    prompter.say(t('provision:pin.mismatch'));
  }
}

const adminStep: DialogueStep = {
  options: ['admin-corner'],
  asksPin: true,
  async ask(prompter, state, t) {
    const pin = await askPin(prompter, t);
    if (pin === null) {
      delete state.pin;
      return;
    }
    state.pin = { pin, source: 'prompt' };
    await askOption('admin-corner', 'provision:prompt.adminCorner', prompter, state, t);
  },
};

const reportingStep: DialogueStep = {
  options: ['report-url', 'track-url', 'commission-key', 'upload-url'],
  async ask(prompter, state, t) {
    if ((await askOption('report-url', 'provision:prompt.reportUrl', prompter, state, t)) === '') return;
    await askOption('track-url', 'provision:prompt.trackUrl', prompter, state, t);
    if ((await askOption('commission-key', 'provision:prompt.commissionKey', prompter, state, t)) === '') return;
    await askOption('upload-url', 'provision:prompt.uploadUrl', prompter, state, t);
  },
};

const STEPS: DialogueStep[] = [
  singleStep('terminal-id', 'provision:prompt.terminalId'),
  singleStep('terminal-name', 'provision:prompt.terminalName'),
  singleStep('region', 'provision:prompt.region'),
  singleStep('home-region', 'provision:prompt.homeRegion'),
  singleStep('language', 'provision:prompt.language'),
  singleStep('data-dir', 'provision:prompt.dataDir'),
  singleStep('source', 'provision:prompt.source'),
  trustStep,
  printerStep,
  singleStep('idle-timeout', 'provision:prompt.idleTimeout'),
  singleStep('idle-warning', 'provision:prompt.idleWarning'),
  singleStep('restart-window', 'provision:prompt.restartWindow'),
  adminStep,
  reportingStep,
  singleStep('heartbeat-url', 'provision:prompt.heartbeatUrl'),
];

/** Returns the steps whose options the command line left out entirely. */
export function unansweredSteps(state: DialogueState): DialogueStep[] {
  return STEPS.filter((step) => step.options.every((name) => state.answers[name] === undefined) && !(step.asksPin === true && state.pin !== undefined));
}

/** Returns the steps that set the options with problems, or null when a problem has no step (an option only the command line sets). */
export function stepsForProblems(problems: ProvisionProblem[]): DialogueStep[] | null {
  const steps = new Set<DialogueStep>();
  for (const problem of problems) {
    const step = STEPS.find(
      (candidate) => candidate.options.some((name) => name === problem.option) || (candidate.asksPin === true && problem.field === PIN_FIELD),
    );
    if (step === undefined) return null;
    steps.add(step);
  }
  return STEPS.filter((step) => steps.has(step));
}

/** Asks each step in turn, first clearing what it sets. Throws InputEndedError when the input ends. */
export async function askSteps(steps: DialogueStep[], prompter: Prompter, state: DialogueState, t: Translate): Promise<void> {
  for (const step of steps) {
    for (const name of step.options) delete state.answers[name];
    if (step.asksPin === true) delete state.pin;
    await step.ask(prompter, state, t);
  }
}

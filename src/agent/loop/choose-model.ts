import { abortable } from '../../models/abortable.js';
import type { Message, ModelSettings } from '../../models/types.js';
import type { AgentEvent } from '../events.js';
import { type StepModel, selectModel } from '../select-model.js';
import { laterStepSettings } from '../settings.js';
import type { ActiveRun } from './phases.js';

/** A step's model and the settings its call is made with. */
export interface StepChoice extends StepModel {
  settings: ModelSettings;
}

/**
 * Picks the model for a step (see `selectModel`), emitting `route-select` for a router's decision and
 * `model-substituted` the first time in the run a requested model is replaced. The step's settings are
 * the run's (later steps drop what only fits the first, see `laterStepSettings`) with the route's own.
 */
export async function* chooseModel(
  run: ActiveRun,
  step: number,
  conversation: readonly Message[],
): AsyncGenerator<AgentEvent, StepChoice> {
  const { agent, progress, signal, base } = run;
  // A router may ignore its signal (a custom one, or a model listing on a dead network): race it.
  const select = () => selectModel(agent, conversation, progress.previous, signal);
  // Only a router does I/O here (it may list models): its choice runs in the run's scope.
  const runner = agent.router ? run.scope?.({ type: 'run-work', ...base, work: 'route' }) : undefined;
  const selected = await abortable(runner ? runner(select) : select(), signal, 'The run (choosing a route)');
  if (selected.decision) {
    progress.previous = selected.decision;
    yield { type: 'route-select', ...base, step, decision: selected.decision };
  }
  const { substitution } = selected;
  if (substitution && !run.reportedSubstitutions.has(substitution.requested)) {
    run.reportedSubstitutions.add(substitution.requested);
    yield { type: 'model-substituted', ...base, step, substitution };
  }
  const stepSettings =
    step === 1 ? run.settings : laterStepSettings(run.settings, agent.outputTool !== undefined);
  const settings = selected.call?.settings ? { ...stepSettings, ...selected.call.settings } : stepSettings;
  return { ...selected, settings };
}

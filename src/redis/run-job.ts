/** What a BullMQ job of the run queue carries: the run and which phase to execute (0, then +1 per resume). */
export interface RunJobData {
  runId: string;
  phase: number;
}

/** The job id of a phase: the run id, then `<runId>-resume-<n>`, so re-enqueuing a phase is a no-op. */
export function jobIdOf(runId: string, phase: number): string {
  return phase === 0 ? runId : `${runId}-resume-${phase}`;
}

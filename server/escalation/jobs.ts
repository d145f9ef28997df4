import type { DueHandler, Scheduler } from '../jobs';
import { ESCALATION_KINDS } from './service';

export interface EscalationJobs {
  jobs: { onWatch: DueHandler; onStep: DueHandler };
}

/** The escalation domain's scheduler kinds, registered once at start (app.ts): the owner's inactivity watch and a level's missed acknowledgement. */
export function registerEscalationJobs(scheduler: Scheduler, escalation: EscalationJobs): void {
  scheduler.register(ESCALATION_KINDS.watch, escalation.jobs.onWatch);
  scheduler.register(ESCALATION_KINDS.step, escalation.jobs.onStep);
}

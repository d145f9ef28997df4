import type { DueHandler, Scheduler } from '../jobs';
import { KINDS } from './service';

/** What this domain's jobs need: the callbacks service's handlers (its dependencies were passed to it). */
export interface CallbackJobs {
  jobs: { onDue: DueHandler; onSurveyMail: DueHandler; onHeadMail: DueHandler; onSecondHandlingDue: DueHandler };
}

/**
 * The callback domain's scheduler kinds, registered once at start (app.ts): an attempt falling due
 * (assignment, survey offer), the survey mail, the unit head's mail, a second handling's deadline.
 */
export function registerCallbackJobs(scheduler: Scheduler, callbacks: CallbackJobs): void {
  scheduler.register(KINDS.due, callbacks.jobs.onDue);
  scheduler.register(KINDS.surveyMail, callbacks.jobs.onSurveyMail);
  scheduler.register(KINDS.headMail, callbacks.jobs.onHeadMail);
  scheduler.register(KINDS.secondHandling, callbacks.jobs.onSecondHandlingDue);
}

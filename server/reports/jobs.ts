import type { DueHandler, Scheduler } from '../jobs';
import { MONTHLY_MAIL_KIND } from './monthly-mail';

export interface ReportJobs {
  jobs: { onDue: DueHandler };
}

/** The reports domain's scheduler kind, registered once at start (app.ts): the monthly case-analysis mailing. */
export function registerReportJobs(scheduler: Scheduler, monthlyMail: ReportJobs): void {
  scheduler.register(MONTHLY_MAIL_KIND, monthlyMail.jobs.onDue);
}

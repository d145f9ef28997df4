import type { Deps } from '../deps';

/** Filled in below: the demo operator. */
export async function loadDemo(deps: Deps): Promise<void> {
  deps.logger.info('demo data not loaded yet');
}

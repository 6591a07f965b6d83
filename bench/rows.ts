// The report's rows by id, filled by run.ts from its row definitions, and the errors of the whole bench.
import type { Run } from './browser.ts';
import type { Metric } from './metrics.ts';

export const metrics = new Map<string, Metric<Run>>();
/** The row `id`; an unknown id is a bug in the bench, not a measurement. */
export function metric(id: string): Metric<Run> {
	const found = metrics.get(id);
	if (!found) throw new Error(`unknown metric ${id}`);
	return found;
}
export const errors: string[] = [];

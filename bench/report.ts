// The bench's report: each row summarised (median, spread, status against its budget) and printed as a table.
import { median, quantile, type Metric } from './metrics.ts';

/** One row of the printed table and of results.json. */
export interface Summary {
	id: string;
	name: string;
	unit: string;
	budget: number | null;
	median: number | null;
	min: number | null;
	max: number | null;
	runs: number;
	samples: number;
	status: 'ok' | 'MISSED' | 'n/a';
	note?: string;
	p95?: number;
	informational?: boolean;
	maxOverBudget?: boolean;
	overBudget?: string;
	pooled?: string;
	trace?: Metric<unknown>['trace'];
}

/** A row's figures and status. `measured` is false for a row that --only left out. */
export function summarise(metric: Metric<unknown>, measured: boolean): Summary {
	const base = { id: metric.id, name: metric.name, unit: metric.unit, budget: metric.budget ?? null };
	if (!measured && metric.samples.length === 0) {
		return { ...base, median: null, min: null, max: null, runs: 0, samples: 0, status: 'n/a', note: 'not measured (--only)' };
	}
	if (metric.measure && metric.samples.length === 0 && metric.errors.length === 0) {
		return { ...base, median: null, min: null, max: null, runs: 0, samples: 0, status: 'n/a', note: 'not yet built' };
	}
	if (metric.samples.length === 0) {
		const note = metric.errors.length ? `no samples — ${metric.errors[0]}` : metric.notes.join('; ') || 'no samples';
		// A budgeted metric that could not be measured has not met its budget.
		const status = metric.budget != null && metric.errors.length ? 'MISSED' : 'n/a';
		return { ...base, median: null, min: null, max: null, runs: 0, samples: 0, status, note };
	}
	const round = (v: number) => Math.round(v * 100) / 100;
	const med = median(metric.samples);
	const max = Math.max(...metric.samples);
	const budget = metric.budget;
	const summary: Summary = {
		...base,
		median: round(med),
		min: round(Math.min(...metric.samples)),
		max: round(max),
		runs: metric.runsSeen.size,
		samples: metric.samples.length,
		status: budget == null ? 'ok' : med <= budget ? 'ok' : 'MISSED'
	};
	if (metric.pooled) summary.p95 = round(quantile(metric.samples, 0.95));
	if (budget == null) summary.informational = true;
	else summary.maxOverBudget = max > budget;
	if (budget != null && metric.pooled) summary.overBudget = `${metric.samples.filter((v) => v > budget).length}/${metric.samples.length}`;
	const notes = [...metric.notes, ...metric.errors.map((e) => `error: ${e}`)];
	if (metric.id === 'tap.paint') {
		notes.unshift(
			`Event Timing: longest entry of each tap (pointerdown … click), durationThreshold 16; ${metric.belowThreshold ?? 0} of ${metric.samples.length} taps had no entry ≥ 16 ms and count as 16 ms`
		);
	}
	if (metric.id === 'tap.saved') notes.unshift('pointerdown → the frame that first shows "Gemt: <label>" after the write committed');
	if (notes.length) summary.note = notes.join('; ');
	if (metric.trace) summary.trace = metric.trace;
	return summary;
}

export function formatValue(v: number | null | undefined, unit: string): string {
	if (v === null || v === undefined) return '—';
	if (unit === 'ms') return v >= 100 ? v.toFixed(0) : v.toFixed(1);
	if (unit === '%') return v.toFixed(1);
	return v.toFixed(1);
}

export function printTable(rows: Summary[]) {
	const header = ['Metric', 'Unit', 'Median', 'Min', 'Max', 'Runs', 'Budget', 'Status'];
	const body = rows.map((r) => [
		r.name,
		r.unit,
		formatValue(r.median, r.unit),
		formatValue(r.min, r.unit),
		formatValue(r.max, r.unit),
		r.status === 'n/a' && r.note === 'not yet built' ? '—' : String(r.pooled ?? (r.samples > r.runs ? `${r.runs} (${r.samples})` : r.runs)),
		r.budget == null ? '—' : `≤ ${r.budget}`,
		r.status === 'n/a'
			? r.note === 'not yet built'
				? 'n/a (not yet built)'
				: r.note === 'not measured (--only)'
					? 'n/a (not measured)'
					: 'n/a'
			: r.status === 'MISSED'
				? '*** MISSED ***'
				: r.informational
					? 'ok (info)'
					: r.maxOverBudget
						? 'ok (max over)'
						: 'ok'
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
	const line = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 6 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
	console.log(line(header));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const row of body) console.log(line(row));
}

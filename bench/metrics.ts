// The benchmark's rows: what a row declares, what the runs collect for it, and the statistics it is judged on.

/** A `measure` that returns this has nothing to measure yet; its row reports "n/a (not yet built)". */
export const NOT_BUILT = Symbol('not yet built');

/** One row of the report. `measure` makes a row of FUTURE_METRICS real; `fills` names rows it samples besides its own. */
export interface MetricDef<R> {
	id: string;
	name: string;
	unit: string;
	budget?: number | null;
	pooled?: boolean;
	measure?(run: R): Promise<number | number[] | Record<string, number> | typeof NOT_BUILT>;
	fills?: string[];
}

/** A row being measured: its definition plus what the runs collected. */
export interface Metric<R> extends MetricDef<R> {
	samples: number[];
	runsSeen: Set<number>;
	notes: string[];
	errors: string[];
	belowThreshold?: number;
	trace?: { atSeconds: number; heapMB: number; taps: number }[];
}

/** Linear-interpolated quantile; NaN for no values. */
export function quantile(values: number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const pos = (sorted.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
export const median = (values: number[]) => quantile(values, 0.5);

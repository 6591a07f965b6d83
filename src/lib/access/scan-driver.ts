import { SCAN_IDLE, scanDelay, scanStep, type ScanEvent, type ScanMode, type ScanState, type ScanTiming } from '#lib/domain/scanning.ts';

export interface ScanDriverOptions {
	mode: () => ScanMode;
	timing: () => ScanTiming;
	/** Targets per row, read at the start of every pass so targets that come and go are always current. */
	rows: () => number[];
	onchange: (state: ScanState) => void;
	onselect: (row: number, cell: number) => void;
}

/** Runs the pure scanning rules in real time: one timer for the current highlight, restarted after every change. */
export class ScanDriver {
	state: ScanState = SCAN_IDLE;
	private rows: number[] = [];
	private timer: ReturnType<typeof setTimeout> | undefined;

	constructor(private readonly options: ScanDriverOptions) {}

	/** A switch: "switch" chooses (and in auto mode starts), "move" moves the highlight in step mode. */
	press(event: Exclude<ScanEvent, 'tick'>): void {
		if (this.state.phase === 'idle') this.rows = this.options.rows();
		this.apply(event);
	}

	stop(): void {
		this.apply('cancel');
	}

	private apply(event: ScanEvent): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		const { mode, timing } = this.options;
		const result = scanStep(this.rows, mode(), timing(), this.state, event);
		this.state = result.state;
		this.options.onchange(this.state);
		if (result.selected) this.options.onselect(result.selected.row, result.selected.cell);
		const delay = scanDelay(mode(), timing(), this.state);
		if (delay !== undefined) this.timer = setTimeout(() => this.apply('tick'), delay);
	}
}

// In-page instrumentation, installed with page.addInitScript() so it runs before any of the app's scripts.
// Everything is timed with performance.now()/entry.startTime, i.e. relative to the navigation start of the document.
// It is a plain function (serialised by Playwright), so it may not reference anything outside itself.

export interface ProbeOptions {
	boardName: string;
	firstAnswerLabel: string;
	savedPrefix: string;
}

export interface ProbeTap {
	t: number;
	label: string;
	clicked: number | undefined;
	changedAfterClick: boolean;
	saved: number | undefined;
	pendingFrame?: boolean;
}

export interface ProbeEvent {
	name: string;
	start: number;
	processingStart: number;
	processingEnd: number;
	duration: number;
	interactionId: number;
	firstInput?: boolean;
}

/** What the probe collects, read back as `window.__bench`. */
export interface ProbeState {
	paints: Record<string, number>;
	lcp: number | undefined;
	lcpElement: string | undefined;
	longTasks: { start: number; duration: number }[];
	events: ProbeEvent[];
	taps: ProbeTap[];
	ready: number | undefined;
	unlockSubmitted: number | undefined;
	boardReady: number | undefined;
	observerErrors: string[];
}

declare global {
	interface Window {
		__bench: ProbeState;
	}
}

// Entry types that lib.dom does not describe (yet).
interface LcpEntry extends PerformanceEntry {
	renderTime: number;
	loadTime: number;
	element: Element | null;
	url: string;
}
interface EventEntry extends PerformanceEntry {
	processingStart: number;
	processingEnd: number;
	interactionId: number;
}

export function installProbe(options: ProbeOptions): void {
	const { boardName, firstAnswerLabel, savedPrefix } = options;
	const B: ProbeState = {
		paints: {},
		lcp: undefined,
		lcpElement: undefined,
		longTasks: [],
		events: [],
		taps: [],
		ready: undefined,
		unlockSubmitted: undefined,
		boardReady: undefined,
		observerErrors: []
	};
	Object.defineProperty(window, '__bench', { value: B, enumerable: false });

	function observe<E extends PerformanceEntry>(
		init: PerformanceObserverInit & { durationThreshold?: number },
		onEntry: (entry: E) => void
	) {
		try {
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries()) onEntry(entry as E);
			}).observe(init);
		} catch (error) {
			B.observerErrors.push(`${init.type}: ${error}`);
		}
	}
	observe({ type: 'paint', buffered: true }, (e: PerformanceEntry) => (B.paints[e.name] = e.startTime));
	observe({ type: 'largest-contentful-paint', buffered: true }, (e: LcpEntry) => {
		B.lcp = e.renderTime || e.loadTime || e.startTime;
		const el = e.element;
		B.lcpElement = el
			? `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}`
			: e.url || '(removed)';
	});
	observe({ type: 'longtask', buffered: true }, (e: PerformanceEntry) => B.longTasks.push({ start: e.startTime, duration: e.duration }));
	const eventTiming = (e: EventEntry): ProbeEvent => ({
		name: e.name,
		start: e.startTime,
		processingStart: e.processingStart,
		processingEnd: e.processingEnd,
		duration: e.duration,
		interactionId: e.interactionId
	});
	observe({ type: 'event', durationThreshold: 16, buffered: true }, (e: EventEntry) => B.events.push(eventTiming(e)));
	observe({ type: 'first-input', buffered: true }, (e: EventEntry) => B.events.push({ ...eventTiming(e), firstInput: true }));

	// Every load starts locked: the passphrase form's submit is when the user has done their part.
	addEventListener('submit', (e) => (B.unlockSubmitted ??= e.timeStamp), { capture: true, passive: true });

	// Taps: the pointerdown timestamp is the moment the finger touched; the label says which button.
	addEventListener(
		'pointerdown',
		(e) => {
			const button = e.target instanceof Element ? e.target.closest('button, a') : null;
			B.taps.push({
				t: e.timeStamp,
				label: button ? (button.textContent ?? '').trim() : '',
				clicked: undefined,
				changedAfterClick: false,
				saved: undefined
			});
		},
		{ capture: true, passive: true }
	);
	addEventListener(
		'click',
		(e) => {
			const tap = B.taps[B.taps.length - 1];
			if (tap && tap.clicked === undefined) tap.clicked = e.timeStamp;
		},
		{ capture: true, passive: true }
	);

	function findBoardButton() {
		const board = document.querySelector(`[role="group"][aria-label="${boardName}"]`);
		if (!board) return null;
		const buttons = Array.from(board.querySelectorAll('button'));
		return buttons.find((b) => (b.textContent ?? '').trim() === firstAnswerLabel) || buttons[0] || null;
	}

	function check(mutations?: MutationRecord[]) {
		const now = performance.now();
		if (B.ready === undefined && document.documentElement && document.documentElement.dataset.ready === 'true') B.ready = now;
		if (B.boardReady === undefined && B.ready !== undefined) {
			const button = findBoardButton();
			if (button && !button.disabled) B.boardReady = now;
		}
		const tap = B.taps[B.taps.length - 1];
		if (tap && tap.clicked !== undefined && tap.saved === undefined) {
			const status = document.querySelector<HTMLElement>('.save-state');
			if (status && mutations && mutations.some((m) => status === m.target || status.contains(m.target as Node))) {
				if (!tap.changedAfterClick) tap.changedAfterClick = true;
				const text = (status.textContent ?? '').replace(/\s+/g, ' ');
				if (
					(status.dataset.state === undefined || status.dataset.state === 'saved') &&
					text.includes(`${savedPrefix}: ${tap.label}`) &&
					!tap.pendingFrame
				) {
					// "Shown" = the frame that paints it; the rAF callback runs just before that paint.
					tap.pendingFrame = true;
					requestAnimationFrame(() => (tap.saved = performance.now()));
				}
			}
		}
	}
	const observer = new MutationObserver((mutations) => check(mutations));
	observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
	check();
}

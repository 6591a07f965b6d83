/** Thrown when something the app waits for did not answer in time. */
export class TimedOut extends Error {
	constructor(readonly ms: number) {
		super(`no answer within ${ms} ms`);
		this.name = 'TimedOut';
	}
}

/** Settles like `promise`, or rejects with TimedOut after `ms`: nothing the app waits for may hang it. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimedOut(ms)), ms)));
	return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

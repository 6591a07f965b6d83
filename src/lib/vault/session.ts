import type { DataKey, PinLock, Unlocked } from './keys.ts';

/*
 * The keys of this page's session, in memory only. Open: the data key is here. Soft-locked: only the
 * PIN copy is kept. A hard lock reloads the page, which is the only way a web app can clear its memory.
 */

let dataKey: DataKey | undefined;
let pinLock: PinLock | undefined;
/**
 * Citizen keys unwrapped in this session: each is unwrapped once and then reused (issue 17), and goes
 * with the data key. Non-extractable CryptoKeys: script can use them, never read them.
 */
const citizenKeys = new Map<string, Promise<DataKey>>();

/** Storage asks for the key on every read and write; a locked tablet refuses both. */
export class LockedError extends Error {
	readonly code = 'error.locked';

	constructor() {
		super('The tablet is locked');
		this.name = 'LockedError';
	}
}

export function requireDataKey(): DataKey {
	if (!dataKey) throw new LockedError();
	return dataKey;
}

export function currentSession(): Unlocked | undefined {
	return dataKey && pinLock ? { dataKey, pinLock } : undefined;
}

export function currentPinLock(): PinLock | undefined {
	return pinLock;
}

export function beginSession(unlocked: Unlocked): void {
	dataKey = unlocked.dataKey;
	pinLock = unlocked.pinLock;
}

export function resumeSession(key: DataKey): void {
	dataKey = key;
}

export function replacePinLock(next: PinLock): void {
	pinLock = next;
}

export function dropDataKey(): void {
	dataKey = undefined;
	citizenKeys.clear();
}

export function endSession(): void {
	dataKey = undefined;
	pinLock = undefined;
	citizenKeys.clear();
}

/** The citizen's key, loaded at most once per session; a load that fails is tried again next time. */
export function citizenKeyOnce(citizenId: string, load: () => Promise<DataKey>): Promise<DataKey> {
	let loading = citizenKeys.get(citizenId);
	if (!loading) {
		loading = load();
		citizenKeys.set(citizenId, loading);
		const started = loading;
		started.catch(() => {
			if (citizenKeys.get(citizenId) === started) citizenKeys.delete(citizenId);
		});
	}
	return loading;
}

/** A deleted citizen's key leaves memory too. Undefined: every citizen key (the tablet was erased). */
export function forgetCitizenKey(citizenId?: string): void {
	if (citizenId === undefined) citizenKeys.clear();
	else citizenKeys.delete(citizenId);
}

import type { DamagedRecordError } from './registry.ts';

/*
 * Who is told about damaged records, and about a newer Billedtale. Apart from sealing.ts so that the page can listen from
 * its first script on, before the database and the tables' code are fetched (app/browser.ts).
 */
type DamageListener = (error: DamagedRecordError) => void;
const damageListeners = new Set<DamageListener>();
const newerListeners = new Set<() => void>();

/** The app shows a Danish notice for damaged records; storage itself knows no screens. */
export function onDamagedRecord(listener: DamageListener): () => void {
	damageListeners.add(listener);
	return () => damageListeners.delete(listener);
}

/** Told when another tab or window runs a newer Billedtale: it upgraded the database, or wrote a record this app cannot read. */
export function onNewerApp(listener: () => void): () => void {
	newerListeners.add(listener);
	return () => newerListeners.delete(listener);
}

/** A NewerRecordError, told by its code: this file and the pages' live queries must not load the registry to know it. */
export function isNewerRecord(error: unknown): error is DamagedRecordError {
	return error instanceof Error && 'code' in error && error.code === 'error.updatedElsewhere';
}

export function reportDamaged(error: DamagedRecordError): void {
	// A record from a newer Billedtale is not damage.
	if (isNewerRecord(error)) return reportNewerApp();
	for (const listener of damageListeners) listener(error);
}

export function reportNewerApp(): void {
	for (const listener of newerListeners) listener();
}

import type { DamagedRecordError } from './registry.ts';

/*
 * Who is told about damaged records. Apart from sealing.ts so that the page can listen from its first script on, before
 * the database and the tables' code are fetched (app/browser.ts).
 */
type DamageListener = (error: DamagedRecordError) => void;
const damageListeners = new Set<DamageListener>();

/** The app shows a Danish notice for damaged records; storage itself knows no screens. */
export function onDamagedRecord(listener: DamageListener): () => void {
	damageListeners.add(listener);
	return () => damageListeners.delete(listener);
}

export function reportDamaged(error: DamagedRecordError): void {
	for (const listener of damageListeners) listener(error);
}

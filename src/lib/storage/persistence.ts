export type PersistenceState = 'persisted' | 'not-persisted' | 'unsupported';

export async function persistenceState(): Promise<PersistenceState> {
	if (!navigator.storage?.persisted) return 'unsupported';
	return (await navigator.storage.persisted()) ? 'persisted' : 'not-persisted';
}

/** Asks the browser not to evict our data under storage pressure. The browser may say no. */
export async function requestPersistence(): Promise<PersistenceState> {
	if (!navigator.storage?.persist) return 'unsupported';
	return (await navigator.storage.persist()) ? 'persisted' : 'not-persisted';
}

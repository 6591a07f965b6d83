import { beforeAll } from 'vitest';
import { createVault } from '#lib/vault/keys.ts';
import { beginSession } from '#lib/vault/session.ts';

// Storage seals every payload with the session's data key, as on an unlocked tablet. Few iterations keep the tests quick.
beforeAll(async () => {
	beginSession(await createVault('en lang test-adgangssætning', '2468', 5, Date.now(), 1_000));
});

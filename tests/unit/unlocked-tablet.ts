import { beforeAll } from 'vitest';
import { loadLanguage } from '#lib/i18n/translate.ts';
import { createVault } from '#lib/vault/keys.ts';
import { beginSession } from '#lib/vault/session.ts';

// An unlocked tablet has all of the Danish words, not only the lock screens' (i18n/parts.ts); loaded before any test file's
// own module code, which may build its fixtures with them.
await loadLanguage('da');

// Storage seals every payload with the session's data key, as on an unlocked tablet. Few iterations keep the tests quick.

beforeAll(async () => {
	beginSession(await createVault('en lang test-adgangssætning', '2468', 5, Date.now(), 1_000));
});

/**
 * The setup screen is shown once per tablet, so its code and word list are not part of every load. It is fetched as soon
 * as the start finds no key (browser start-up), while the journal is still being checked, so on a first start it can
 * paint the moment that check is done; the layout shows it with the same call, which the module loader answers from
 * that fetch.
 */
export const loadSetupScreen = () => import('./SetupScreen.svelte');

import { getContext, setContext } from 'svelte';
import type { AccessMethod } from '#lib/domain/access.ts';

/*
 * What an access area (AccessArea.svelte) tells the components inside it: that they are inside one (an inner area leaves
 * everything to the outer), and its switches, which a citizen's dialog shows again (the modal dialog makes the area's own
 * switches behind it unreachable).
 */

export interface AreaSwitches {
	readonly method: AccessMethod;
	press(which: 'move' | 'select'): void;
}

const AREA = Symbol('access-area');

export const setAccessArea = (area: AreaSwitches): void => void setContext(AREA, area);
export const accessAreaAround = (): AreaSwitches | undefined => getContext<AreaSwitches | undefined>(AREA);

import type { AccessProfile } from './access.ts';
import { requireText } from './validation';

export const DISPLAY_NAME_MAX = 60;

/** A person whose data is kept on the tablet. Deliberately minimal: no CPR number, no address. */
export interface Citizen {
	id: string;
	createdAt: number;
	displayName: string;
	photo?: Blob;
	/** How the citizen reaches the screen and how it looks for them (part of their communication profile). */
	access: AccessProfile;
}

export interface NewCitizen {
	displayName: string;
	photo?: Blob;
}

export function normaliseNewCitizen(input: NewCitizen): NewCitizen {
	const displayName = requireText(input.displayName, DISPLAY_NAME_MAX, 'error.displayName');
	return input.photo ? { displayName, photo: input.photo } : { displayName };
}

/** Initials for the avatar when a citizen has no photo. */
export function initialsOf(displayName: string): string {
	const words = displayName.trim().split(/\s+/).filter(Boolean);
	if (words.length === 0) return '?';
	if (words.length === 1) return words[0]!.slice(0, 2).toLocaleUpperCase('da');
	return (words[0]![0]! + words.at(-1)![0]!).toLocaleUpperCase('da');
}

export function byDisplayName(a: Citizen, b: Citizen): number {
	return a.displayName.localeCompare(b.displayName, 'da');
}

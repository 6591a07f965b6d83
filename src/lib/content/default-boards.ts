/**
 * The boards every citizen starts with. Cells name a symbol id from symbols/manifest.json; the label
 * is the symbol's Danish label unless given here. `link` names another template by key (a folder).
 */
export interface CellTemplate {
	symbol: string;
	label?: string;
	vocalization?: string;
	link?: string;
	background?: string;
}

export interface BoardTemplate {
	key: string;
	name: string;
	rows: number;
	columns: number;
	cells: Array<CellTemplate | null>;
}

export const ROOT_TEMPLATE = 'forside';

const YES = '#d9f2dc';
const NO = '#f9dcda';
const FOLDER = '#dbe7f5';

const folder = (symbol: string, label: string, link: string): CellTemplate => ({ symbol, label, link, background: FOLDER });
const cells = (...symbols: string[]): CellTemplate[] => symbols.map((symbol) => ({ symbol }));

export const DEFAULT_BOARDS: BoardTemplate[] = [
	{
		key: ROOT_TEMPLATE,
		name: 'Forside',
		rows: 3,
		columns: 4,
		cells: [
			{ symbol: 'ja', label: 'ja', background: YES },
			{ symbol: 'nej', label: 'nej', background: NO },
			{ symbol: 'ved-ikke' },
			{ symbol: 'stop' },
			folder('spoergsmaal', 'Mødetavle', 'moedetavle'),
			folder('glad', 'Følelser', 'foelelser'),
			folder('hjerte', 'Krop og helbred', 'krop'),
			folder('familie', 'Mennesker', 'mennesker'),
			folder('hjem', 'Steder', 'steder'),
			folder('spise', 'Hverdag', 'hverdag'),
			folder('droem', 'Ønsker', 'oensker'),
			{ symbol: 'hjaelp' }
		]
	},
	{
		key: 'moedetavle',
		name: 'Mødetavle',
		rows: 3,
		columns: 4,
		cells: [
			{ symbol: 'ja', background: YES },
			{ symbol: 'nej', background: NO },
			...cells('ved-ikke', 'maaske', 'pause', 'stop', 'hjaelp', 'forstaar-ikke', 'igen', 'faerdig', 'vent'),
			{ symbol: 'spoergsmaal', label: 'spørg', vocalization: 'Jeg vil gerne spørge om noget' }
		]
	},
	{
		key: 'foelelser',
		name: 'Følelser',
		rows: 3,
		columns: 5,
		cells: cells(
			'glad',
			'ked-af-det',
			'vred',
			'bange',
			'traet',
			'rolig',
			'tryg',
			'urolig',
			'forvirret',
			'overrasket',
			'stolt',
			'flov',
			'ensom',
			'keder-sig',
			'glaede-sig'
		)
	},
	{
		key: 'krop',
		name: 'Krop og helbred',
		rows: 3,
		columns: 5,
		cells: cells(
			'ondt',
			'syg',
			'sulten',
			'toerstig',
			'toilet',
			'hovedpine',
			'mavepine',
			'kvalme',
			'svimmel',
			'medicin',
			'varm',
			'kold',
			'sover-daarligt',
			'hoved',
			'ryg'
		)
	},
	{
		key: 'mennesker',
		name: 'Mennesker',
		rows: 3,
		columns: 5,
		cells: cells(
			'mig',
			'mor',
			'far',
			'soeskende',
			'ven',
			'kaereste',
			'kontaktperson',
			'paedagog',
			'raadgiver',
			'laege',
			'vaerge',
			'familie',
			'bedstemor',
			'nabo',
			'gruppe'
		)
	},
	{
		key: 'steder',
		name: 'Steder',
		rows: 3,
		columns: 5,
		cells: cells(
			'hjem',
			'bosted',
			'arbejde',
			'dagtilbud',
			'skole',
			'by',
			'natur',
			'hospital',
			'butik',
			'cafe',
			'park',
			'strand',
			'skov',
			'bibliotek',
			'svoemmehal'
		)
	},
	{
		key: 'hverdag',
		name: 'Hverdag',
		rows: 4,
		columns: 5,
		cells: cells(
			'spise',
			'drikke',
			'sove',
			'bad',
			'toej',
			'indkoeb',
			'madlavning',
			'rengoering',
			'gaa-tur',
			'musik',
			'tv',
			'computer',
			'telefon',
			'bus',
			'bil',
			'cykel',
			'sport',
			'dyr',
			'i-dag',
			'i-morgen'
		)
	},
	{
		key: 'oensker',
		name: 'Ønsker',
		rows: 3,
		columns: 4,
		cells: cells(
			'vil-gerne',
			'vil-ikke',
			'mere',
			'mindre',
			'alene',
			'sammen',
			'droem',
			'haab',
			'vigtigt',
			'frihed',
			'selvstaendig',
			'hjaelp-til'
		)
	}
];

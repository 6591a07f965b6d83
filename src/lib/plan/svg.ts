/*
 * Our symbols as vector shapes for the PDF. The symbol files use a small part of SVG (path, circle,
 * ellipse, rect, line, polyline, polygon; fill, stroke, stroke-width, caps, joins, dashes; rotate()), so a
 * small parser is enough and works without a DOM. Anything outside that part is reported, not guessed:
 * the unit test runs every symbol file through it.
 */

export interface Paint {
	fill?: string;
	stroke?: string;
	strokeWidth: number;
	lineCap?: 'butt' | 'round' | 'square';
	lineJoin?: 'miter' | 'round' | 'bevel';
	dash?: number[];
	/** rotate(angle cx cy), in degrees, clockwise as in SVG. */
	rotate?: { angle: number; cx: number; cy: number };
}

export type Shape = Paint &
	(
		| { kind: 'path'; d: string }
		| { kind: 'circle'; cx: number; cy: number; r: number }
		| { kind: 'ellipse'; cx: number; cy: number; rx: number; ry: number }
		| { kind: 'rect'; x: number; y: number; width: number; height: number; rx: number }
		| { kind: 'poly'; points: [number, number][]; closed: boolean }
	);

export interface ParsedSvg {
	viewBox: [number, number, number, number];
	shapes: Shape[];
	/** Elements and attributes outside the supported part, so a test can insist there are none. */
	unsupported: string[];
}

const PAINT_ATTRIBUTES = new Set(['fill', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin', 'stroke-dasharray', 'transform']);
const GEOMETRY: Record<string, readonly string[]> = {
	path: ['d'],
	circle: ['cx', 'cy', 'r'],
	ellipse: ['cx', 'cy', 'rx', 'ry'],
	rect: ['x', 'y', 'width', 'height', 'rx', 'ry'],
	line: ['x1', 'y1', 'x2', 'y2'],
	polyline: ['points'],
	polygon: ['points']
};

function attributesOf(source: string): Map<string, string> {
	const attributes = new Map<string, string>();
	for (const match of source.matchAll(/([a-zA-Z][a-zA-Z0-9:-]*)\s*=\s*"([^"]*)"/g)) attributes.set(match[1]!, match[2]!);
	return attributes;
}

const num = (value: string | undefined, fallback = 0): number => {
	const n = value === undefined ? NaN : Number.parseFloat(value);
	return Number.isFinite(n) ? n : fallback;
};

function numbers(value: string): number[] {
	return (value.match(/-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/gi) ?? []).map(Number);
}

function paintOf(attributes: Map<string, string>, unsupported: string[]): Paint {
	const colour = (value: string | undefined) => (value === undefined || value === 'none' ? undefined : value);
	const paint: Paint = {
		// SVG fills black unless told otherwise; strokes are off unless set.
		fill: attributes.has('fill') ? colour(attributes.get('fill')) : '#000000',
		stroke: colour(attributes.get('stroke')),
		strokeWidth: num(attributes.get('stroke-width'), 1)
	};
	const cap = attributes.get('stroke-linecap');
	if (cap === 'butt' || cap === 'round' || cap === 'square') paint.lineCap = cap;
	const join = attributes.get('stroke-linejoin');
	if (join === 'miter' || join === 'round' || join === 'bevel') paint.lineJoin = join;
	const dash = attributes.get('stroke-dasharray');
	if (dash && dash !== 'none') paint.dash = numbers(dash);
	const transform = attributes.get('transform');
	if (transform) {
		const rotate = /^\s*rotate\(([^)]*)\)\s*$/.exec(transform);
		const values = rotate ? numbers(rotate[1]!) : [];
		if (values.length === 1 || values.length === 3) paint.rotate = { angle: values[0]!, cx: values[1] ?? 0, cy: values[2] ?? 0 };
		else unsupported.push(`transform="${transform}"`);
	}
	// A zero-width stroke draws nothing; PDF would draw a hairline instead.
	if (paint.strokeWidth <= 0) delete paint.stroke;
	return paint;
}

function pointPairs(value: string): [number, number][] {
	const values = numbers(value);
	const pairs: [number, number][] = [];
	for (let i = 0; i + 1 < values.length; i += 2) pairs.push([values[i]!, values[i + 1]!]);
	return pairs;
}

export function parseSvg(source: string): ParsedSvg {
	const unsupported: string[] = [];
	const shapes: Shape[] = [];
	let viewBox: ParsedSvg['viewBox'] = [0, 0, 100, 100];
	for (const match of source.matchAll(/<([a-zA-Z]+)((?:\s+[a-zA-Z][a-zA-Z0-9:-]*\s*=\s*"[^"]*")*)\s*\/?>/g)) {
		const name = match[1]!;
		const attributes = attributesOf(match[2] ?? '');
		if (name === 'svg') {
			const box = numbers(attributes.get('viewBox') ?? '');
			if (box.length === 4) viewBox = box as ParsedSvg['viewBox'];
			continue;
		}
		const geometry = GEOMETRY[name];
		if (!geometry) {
			unsupported.push(`<${name}>`);
			continue;
		}
		for (const key of attributes.keys()) if (!geometry.includes(key) && !PAINT_ATTRIBUTES.has(key)) unsupported.push(`${name}@${key}`);
		const paint = paintOf(attributes, unsupported);
		const a = (key: string) => num(attributes.get(key));
		switch (name) {
			case 'path':
				shapes.push({ ...paint, kind: 'path', d: attributes.get('d') ?? '' });
				break;
			case 'circle':
				shapes.push({ ...paint, kind: 'circle', cx: a('cx'), cy: a('cy'), r: a('r') });
				break;
			case 'ellipse':
				shapes.push({ ...paint, kind: 'ellipse', cx: a('cx'), cy: a('cy'), rx: a('rx'), ry: a('ry') });
				break;
			case 'rect':
				shapes.push({
					...paint,
					kind: 'rect',
					x: a('x'),
					y: a('y'),
					width: a('width'),
					height: a('height'),
					rx: num(attributes.get('rx') ?? attributes.get('ry'))
				});
				break;
			case 'line':
				// A line has no inside: SVG never fills it.
				shapes.push({
					...paint,
					fill: undefined,
					kind: 'poly',
					points: [
						[a('x1'), a('y1')],
						[a('x2'), a('y2')]
					],
					closed: false
				});
				break;
			case 'polyline':
			case 'polygon':
				shapes.push({ ...paint, kind: 'poly', points: pointPairs(attributes.get('points') ?? ''), closed: name === 'polygon' });
				break;
		}
	}
	return { viewBox, shapes, unsupported: [...new Set(unsupported)] };
}

/** The part of PDFKit's drawing API the shapes need (a fake in tests records the calls). */
export interface VectorCanvas {
	save(): this;
	restore(): this;
	translate(x: number, y: number): this;
	scale(factor: number): this;
	rotate(angle: number, options?: { origin?: [number, number] }): this;
	path(d: string): this;
	circle(x: number, y: number, r: number): this;
	ellipse(x: number, y: number, rx: number, ry: number): this;
	rect(x: number, y: number, w: number, h: number): this;
	roundedRect(x: number, y: number, w: number, h: number, r: number): this;
	moveTo(x: number, y: number): this;
	lineTo(x: number, y: number): this;
	closePath(): this;
	lineWidth(width: number): this;
	lineCap(cap: string): this;
	lineJoin(join: string): this;
	dash(length: number, options?: { space?: number }): this;
	undash(): this;
	fill(colour: string): this;
	stroke(colour: string): this;
	fillAndStroke(fill: string, stroke: string): this;
}

function outline(canvas: VectorCanvas, shape: Shape): void {
	switch (shape.kind) {
		case 'path':
			canvas.path(shape.d);
			break;
		case 'circle':
			canvas.circle(shape.cx, shape.cy, shape.r);
			break;
		case 'ellipse':
			canvas.ellipse(shape.cx, shape.cy, shape.rx, shape.ry);
			break;
		case 'rect':
			if (shape.rx > 0) canvas.roundedRect(shape.x, shape.y, shape.width, shape.height, shape.rx);
			else canvas.rect(shape.x, shape.y, shape.width, shape.height);
			break;
		case 'poly': {
			const [first, ...rest] = shape.points;
			if (!first) return;
			canvas.moveTo(first[0], first[1]);
			for (const [x, y] of rest) canvas.lineTo(x, y);
			if (shape.closed) canvas.closePath();
			break;
		}
	}
}

/** Draws a parsed symbol into the square (x, y, size) in the canvas's units, keeping its proportions. */
export function drawSvg(canvas: VectorCanvas, svg: ParsedSvg, x: number, y: number, size: number): void {
	const [minX, minY, width, height] = svg.viewBox;
	const factor = size / Math.max(width, height);
	canvas.save();
	canvas.translate(x + (size - width * factor) / 2, y + (size - height * factor) / 2);
	canvas.scale(factor);
	canvas.translate(-minX, -minY);
	for (const shape of svg.shapes) {
		if (!shape.fill && !shape.stroke) continue;
		canvas.save();
		if (shape.rotate) canvas.rotate(shape.rotate.angle, { origin: [shape.rotate.cx, shape.rotate.cy] });
		canvas.lineWidth(shape.strokeWidth);
		if (shape.lineCap) canvas.lineCap(shape.lineCap);
		if (shape.lineJoin) canvas.lineJoin(shape.lineJoin);
		if (shape.dash && shape.dash.length > 0) canvas.dash(shape.dash[0]!, { space: shape.dash[1] ?? shape.dash[0]! });
		outline(canvas, shape);
		if (shape.fill && shape.stroke) canvas.fillAndStroke(shape.fill, shape.stroke);
		else if (shape.fill) canvas.fill(shape.fill);
		else if (shape.stroke) canvas.stroke(shape.stroke);
		canvas.restore();
	}
	canvas.restore();
}

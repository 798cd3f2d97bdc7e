/**
 * resource.Quantity's canonical form, as the API server prints a quantity after it
 * has parsed one: `1.5Gi` is `1536Mi`, `1000` is `1k`, `0.1` is `100m`, `1e4` is `10e3`.
 */

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18};
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([suffix, exp]) => [exp, suffix]));
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const QUANTITY = /^([+-]?)(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';
type Parsed = {mantissa: bigint; exponent: number; format: Format};

function abs(n: bigint): bigint {
	return n < 0n ? -n : n;
}

function parse(text: string): Parsed | undefined {
	const match = QUANTITY.exec(text);
	if (!match) return undefined;
	const [, sign = '', number = '', suffix = ''] = match;
	const [whole = '', fraction = ''] = number.split('.');
	let mantissa = BigInt((whole || '0') + fraction) * (sign === '-' ? -1n : 1n);
	let exponent = -fraction.length;
	let format: Format = 'DecimalSI';
	const binary = BINARY_SUFFIXES.indexOf(suffix);
	if (suffix !== '' && binary > 0) {
		mantissa *= 1024n ** BigInt(binary);
		format = 'BinarySI';
	} else if (/^[eE]/.test(suffix)) {
		exponent += Number(suffix.slice(1));
		format = 'DecimalExponent';
	} else {
		exponent += DECIMAL_SUFFIXES[suffix] ?? 0;
	}
	// Anything finer than nano is rounded away from zero to nano, as ParseQuantity does.
	if (exponent < -9) {
		const factor = 10n ** BigInt(-9 - exponent);
		const magnitude = (abs(mantissa) + factor - 1n) / factor;
		mantissa = mantissa < 0n ? -magnitude : magnitude;
		exponent = -9;
	}
	return {mantissa, exponent, format};
}

function decimal({mantissa, exponent, format}: Parsed): string {
	let m = mantissa;
	let e = exponent;
	while (abs(m) >= 10n && m % 10n === 0n) {
		m /= 10n;
		e++;
	}
	const rest = ((e % 3) + 3) % 3;
	if (rest === 1) {
		m *= 10n;
		e -= 1;
	} else if (rest === 2) {
		m *= 100n;
		e -= 2;
	}
	if (format === 'DecimalExponent') return e === 0 ? `${m}` : `${m}e${e}`;
	const suffix = DECIMAL_BY_EXPONENT.get(e);
	return suffix === undefined ? `${m}e${e}` : `${m}${suffix}`;
}

function binary(value: bigint): string {
	let m = value;
	let power = 0;
	while (power < BINARY_SUFFIXES.length - 1 && abs(m) >= 1024n && m % 1024n === 0n) {
		m /= 1024n;
		power++;
	}
	return `${m}${BINARY_SUFFIXES[power] ?? ''}`;
}

/**
 * The canonical string of a quantity given as a string (or a bare JSON number, which
 * the API also accepts); anything unparseable is returned as it came.
 */
export function canonicalQuantity(value: unknown): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
	const q = parse(text);
	if (!q) return text;
	if (q.mantissa === 0n) return '0';
	if (q.format === 'BinarySI') {
		// Small or fractional binary quantities print as decimal so nothing is rounded.
		const scale = 10n ** BigInt(Math.max(0, -q.exponent));
		const whole = q.exponent >= 0 ? q.mantissa * 10n ** BigInt(q.exponent) : q.mantissa / scale;
		const exact = q.exponent >= 0 || q.mantissa % scale === 0n;
		if (exact && abs(whole) >= 1024n) return binary(whole);
		return decimal({...q, format: 'DecimalSI'});
	}
	return decimal(q);
}

/** A quantity's value in billionths (exact; QoS sums and compares requests with limits this way); undefined if unparseable. */
export function quantityNanos(value: unknown): bigint | undefined {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
	const q = parse(text);
	if (!q) return undefined;
	const shift = q.exponent + 9;
	return shift >= 0 ? q.mantissa * 10n ** BigInt(shift) : q.mantissa / 10n ** BigInt(-shift);
}

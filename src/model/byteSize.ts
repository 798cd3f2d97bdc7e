// Byte counts as the docker CLI prints them (go-units): image and layer sizes in decimal
// units with three significant digits ("7.05MB"), memory in binary units with four ("1.234MiB").

const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

function scaled(bytes: number, base: number, units: readonly string[], digits: number): string {
	let size = bytes;
	let i = 0;
	while (size >= base && i < units.length - 1) {
		size /= base;
		i++;
	}
	// toPrecision, then Number, drops trailing zeros as Go's %g does.
	return `${Number(size.toPrecision(digits))}${units[i] ?? ''}`;
}

/** `docker images` SIZE: 1000-based, three significant digits. */
export function decimalSize(bytes: number): string {
	return scaled(bytes, 1000, DECIMAL, 3);
}

/** `docker stats` MEM USAGE: 1024-based, four significant digits. */
export function binarySize(bytes: number): string {
	return scaled(bytes, 1024, BINARY, 4);
}

import {describe, expect, it} from 'vitest';
import {tabwrite} from '../../../src/model/describe/tabwriter.js';

describe('tabwrite (Go text/tabwriter, padding 2)', () => {
	it('aligns a column over consecutive lines that have it', () => {
		expect(tabwrite('Name:\tweb\nNamespace:\tshop\n')).toBe('Name:       web\nNamespace:  shop\n');
	});

	it('starts a new block after a line without a tab', () => {
		expect(tabwrite('A:\t1\nSection:\n  Longer key:\t2\n')).toBe('A:  1\nSection:\n  Longer key:  2\n');
	});

	it('pads a cell even when nothing follows it (kubectl prints those trailing spaces), never the text after the last tab', () => {
		expect(tabwrite('Key:\t\nOther key:\tv\n')).toBe('Key:        \nOther key:  v\n');
	});

	it('aligns each column over the lines that reach it, cells after it in nested blocks', () => {
		const text = 'Type\tStatus\tReason\nAvailable \tTrue\tMinimumReplicasAvailable\nProgressing \tTrue\tNewReplicaSetAvailable\n';
		expect(tabwrite(text).split('\n')).toEqual([
			'Type          Status  Reason',
			'Available     True    MinimumReplicasAvailable',
			'Progressing   True    NewReplicaSetAvailable',
			'',
		]);
	});

	it('lets a second column end where fewer lines have it', () => {
		expect(tabwrite('a\tb\tc\nlonger\td\n').split('\n')).toEqual(['a       b  c', 'longer  d', '']);
	});

	it('counts code points, as Go counts runes', () => {
		expect(tabwrite('名前:\tx\nab:\ty\n')).toBe('名前:  x\nab:  y\n');
	});
});

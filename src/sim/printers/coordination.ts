/** The printer for coordination.k8s.io Leases. */
import type {Printer} from '../types.js';
import {AGE, NAME, column} from './columns.js';
import {age} from './format.js';
import {rec, str} from '../../model/json.js';

/** kubectl get leases: Name, Holder, Age. */
export const leasePrinter: Printer = {
	columns: [NAME, column('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease.'), AGE],
	cells: (o, now) => [o.metadata.name, str(rec(o.spec).holderIdentity, ''), age(o, now)],
};

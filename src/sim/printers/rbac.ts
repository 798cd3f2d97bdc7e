/**
 * Printers for RoleBinding and ClusterRoleBinding. Role and ClusterRole have no printer
 * in Kubernetes: they print with the default Name / Created At table.
 */
import type {Printer} from '../types.js';
import {AGE, NAME, column} from './columns.js';
import {age} from './format.js';
import {rec, recs, str} from '../../model/json.js';

/** rbac.SubjectsStrings: users, groups and `namespace/name` service accounts, each `, `-joined. */
function subjects(value: unknown): [users: string, groups: string, serviceAccounts: string] {
	const users: string[] = [];
	const groups: string[] = [];
	const serviceAccounts: string[] = [];
	for (const subject of recs(value)) {
		const name = str(subject.name);
		if (subject.kind === 'ServiceAccount') serviceAccounts.push(`${str(subject.namespace)}/${name}`);
		else if (subject.kind === 'User') users.push(name);
		else if (subject.kind === 'Group') groups.push(name);
	}
	return [users.join(', '), groups.join(', '), serviceAccounts.join(', ')];
}

function bindingPrinter(what: string): Printer {
	return {
		columns: [
			NAME,
			column('Role', 'string', 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.'),
			AGE,
			column('Users', 'string', `Users in the ${what}`, 1),
			column('Groups', 'string', `Groups in the ${what}`, 1),
			column('ServiceAccounts', 'string', `ServiceAccounts in the ${what}`, 1),
		],
		cells: (o, now) => {
			const roleRef = rec(o.roleRef);
			return [o.metadata.name, `${str(roleRef.kind)}/${str(roleRef.name)}`, age(o, now), ...subjects(o.subjects)];
		},
	};
}

/** kubectl get rolebindings: Name, Role (`Kind/name`), Age; wide Users, Groups, ServiceAccounts. */
export const roleBindingPrinter: Printer = bindingPrinter('roleBinding');

/** kubectl get clusterrolebindings: as rolebindings. */
export const clusterRoleBindingPrinter: Printer = bindingPrinter('clusterRoleBinding');
